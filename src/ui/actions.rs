//! The UI's side of an action: take "now" from the one clock, run the application flow over
//! the stores, save what changed, and report what could not be carried out.

use chrono::{DateTime, Utc};

use super::app::Stores;
use super::clock::real_now;
use super::notices::Notices;
use crate::app::order_actions::act_on_order;
use crate::app::review::review_team_decides;
use crate::app::time::{Touched, World};
use crate::domain::inbox::Inbox;
use crate::domain::orders::{Order, Outcome, TransitionError};
use crate::domain::payments::PaymentsState;
use crate::klarna::MockKlarna;

pub fn shop_now(stores: Stores) -> DateTime<Utc> {
    stores.clock.with_untracked(|c| c.now(real_now()))
}

/// Runs a flow over the orders, payments, provider and inbox together, and saves only the
/// aggregates the flow says it changed (see [`Touched`]).
pub fn update_world<R>(
    stores: Stores,
    flow: impl FnOnce(World<'_, MockKlarna>) -> (Touched, R),
) -> R {
    stores.orders.update_reporting(|orders| {
        let (touched, result) = stores.payments.update_reporting(|payments| {
            let (touched, result) = stores.klarna.update_reporting(|provider| {
                let (touched, result) = stores.inbox.update_reporting(|inbox| {
                    let (touched, result) = flow(World {
                        orders,
                        payments,
                        provider,
                        inbox,
                    });
                    (touched.inbox, (touched, result))
                });
                (touched.provider, (touched, result))
            });
            (touched.payments, (touched, result))
        });
        (touched.orders, result)
    })
}

/// Runs `action` on an order. `Err` is the order's reason for refusing; nothing is saved then.
pub fn order_action(
    stores: Stores,
    notices: Notices,
    order_id: &str,
    action: impl FnOnce(&mut Order, DateTime<Utc>) -> Result<Outcome, TransitionError>,
) -> Result<(), String> {
    let now = shop_now(stores);
    let problems = update_world(stores, |world| {
        match act_on_order(world, order_id, now, |order| action(order, now)) {
            Ok(acted) => (acted.touched, Ok(acted.problems)),
            Err(reason) => (Touched::default(), Err(reason)),
        }
    })?;
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
) -> Result<(), String> {
    let now = shop_now(stores);
    let problems = update_world(stores, |world| {
        match review_team_decides(world, order_id, accept, now) {
            Ok(acted) => (acted.touched, Ok(acted.problems)),
            Err(reason) => (Touched::default(), Err(reason)),
        }
    })?;
    for problem in problems {
        notices.problem(problem);
    }
    Ok(())
}

/// Runs a My Klarna action; `Ok` is the confirmation to show, `Err` the reason it was refused.
pub fn plan_action(
    stores: Stores,
    action: impl FnOnce(&mut PaymentsState, &mut Inbox, DateTime<Utc>) -> Result<String, String>,
) -> Result<String, String> {
    let now = shop_now(stores);
    // An accepted plan action is taken as a change to the plans (turning autopay to what it
    // already is costs a needless write), the inbox as changed when a message was sent:
    // saying so spares copying every plan to find out.
    stores.payments.update_reporting(|payments| {
        let result = stores.inbox.update_reporting(|inbox| {
            let messages_before = inbox.len();
            let result = action(payments, inbox, now);
            (result.is_ok() && inbox.len() != messages_before, result)
        });
        (result.is_ok(), result)
    })
}
