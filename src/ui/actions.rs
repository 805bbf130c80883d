//! The UI's side of an action: take "now" from the one clock, run the application's facade
//! over the stores (which saves what changed), and report what could not be carried out.

use chrono::{DateTime, Utc};

use super::clock::real_now;
use super::notices::Notices;
use super::stores::Stores;
use crate::app::order_actions::OrderActionError;
use crate::app::plan_actions::{PlanAction, PlanActionError};
use crate::domain::orders::{Order, Outcome, TransitionError};

pub fn shop_now(stores: Stores) -> DateTime<Utc> {
    stores.clock.with_untracked(|c| c.now(real_now()))
}

/// Runs `action` on an order. `Err` is the order's reason for refusing; nothing is saved then.
pub fn order_action(
    stores: Stores,
    notices: Notices,
    order_id: &str,
    action: impl FnOnce(&mut Order, DateTime<Utc>) -> Result<Outcome, TransitionError>,
) -> Result<(), OrderActionError> {
    let now = shop_now(stores);
    let problems =
        stores.with_shop(|shop| shop.act_on_order(order_id, now, |order| action(order, now)))?;
    for problem in problems {
        notices.problem(problem);
    }
    Ok(())
}

/// The simulation box's review team accepts or rejects a held order at the provider, and
/// the order hears the verdict. `Err` says why nothing happened.
pub fn review_team_action(
    stores: Stores,
    notices: Notices,
    order_id: &str,
    accept: bool,
) -> Result<(), OrderActionError> {
    let now = shop_now(stores);
    let problems = stores.with_shop(|shop| shop.review_team_decides(order_id, accept, now))?;
    for problem in problems {
        notices.problem(problem);
    }
    Ok(())
}

/// Runs a My Klarna action; `Ok` is the confirmation to show, `Err` the reason it was refused.
pub fn plan_action(stores: Stores, action: impl PlanAction) -> Result<String, PlanActionError> {
    let now = shop_now(stores);
    stores.with_shop(|shop| shop.act_on_plans(now, action))
}
