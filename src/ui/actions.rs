//! The UI's side of an action: take "now" from the one clock, run the application's facade
//! over the stores (which saves what changed), and report what could not be carried out.
//! Order actions may call the provider, so they are awaited: the components spawn them.

use chrono::{DateTime, Utc};

use super::clock::real_now;
use super::notices::Notices;
use super::stores::{NotKept, Stores};
use crate::app::order_actions::OrderActionError;
use crate::app::plan_actions::{PlanAction, PlanActionError};
use crate::domain::orders::{Order, Outcome, TransitionError};

pub fn shop_now(stores: Stores) -> DateTime<Utc> {
    stores.clock.with_untracked(|c| c.now(real_now()))
}

/// Why an order or plan action did not happen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error(transparent)]
    Refused(#[from] OrderActionError),
    #[error(transparent)]
    PlanRefused(#[from] PlanActionError),
    #[error(transparent)]
    NotKept(#[from] NotKept),
}

/// Runs `action` on an order. `Err` is the order's reason for refusing (nothing is saved
/// then), or that another tab changed the shop while it ran.
pub async fn order_action(
    stores: Stores,
    notices: Notices,
    order_id: &str,
    action: impl FnOnce(&mut Order, DateTime<Utc>) -> Result<Outcome, TransitionError>,
) -> Result<(), ActionError> {
    let now = shop_now(stores);
    let problems = stores
        .run(async |shop| {
            shop.act_on_order(order_id, now, |order| action(order, now))
                .await
        })
        .await??;
    for problem in problems {
        notices.problem(problem);
    }
    Ok(())
}

/// The simulation box's review team accepts or rejects a held order at the provider, and
/// the order hears the verdict. `Err` says why nothing happened.
pub async fn review_team_action(
    stores: Stores,
    notices: Notices,
    order_id: &str,
    accept: bool,
) -> Result<(), ActionError> {
    let now = shop_now(stores);
    let problems = stores
        .run(async |shop| shop.review_team_decides(order_id, accept, now).await)
        .await??;
    for problem in problems {
        notices.problem(problem);
    }
    Ok(())
}

/// Runs a My Klarna action; `Ok` is the confirmation to show, `Err` the reason it was refused.
pub fn plan_action(stores: Stores, action: impl PlanAction) -> Result<String, ActionError> {
    let now = shop_now(stores);
    Ok(stores.with_shop(|shop| shop.act_on_plans(now, action))??)
}
