//! A shopper's or a seller's action on one order, handled the way the clock's engine handles
//! an order event: the order decides, its messages go to the inbox, and what it asked of the
//! provider and the payment plan is carried out. The UI calls this and only saves.

use chrono::{DateTime, Utc};

use super::settlement::{carry_out, touched_by};
use super::touched::Touched;
use super::world::World;
use crate::domain::orders::{Order, Outcome, TransitionError};
use crate::klarna::PaymentProvider;

/// What an accepted action led to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Acted {
    /// What could not be carried out (each also delivered to the inbox, so the shopper
    /// finds it later too).
    pub problems: Vec<String>,
    /// What changed, so only that is saved.
    pub touched: Touched,
}

/// Runs `action` on order `order_id`. `Err` is the sentence saying why the order refused
/// (nothing changed).
pub fn act_on_order<P: PaymentProvider>(
    world: World<'_, P>,
    order_id: &str,
    now: DateTime<Utc>,
    action: impl FnOnce(&mut Order) -> Result<Outcome, TransitionError>,
) -> Result<Acted, String> {
    let World {
        orders,
        payments,
        provider,
        inbox,
    } = world;
    let record = orders
        .get_mut(order_id)
        .ok_or_else(|| format!("There is no order {order_id}."))?;
    let outcome = action(&mut record.order).map_err(|e| e.reason)?;
    let mut touched = Touched {
        orders: true,
        inbox: !outcome.notifications.is_empty(),
        ..touched_by(&outcome.effects, record)
    };
    for note in outcome.notifications {
        note.deliver_to(inbox);
    }
    let problems = carry_out(outcome.effects, record, provider, payments, now);
    for problem in &problems {
        inbox.deliver(
            now,
            format!("Problem with order {order_id}"),
            problem.clone(),
            Some(record.order.link()),
        );
    }
    touched.inbox |= !problems.is_empty();
    Ok(Acted { problems, touched })
}

/// For the simulation calls that change an order without producing an outcome.
pub fn without_outcome(result: Result<(), TransitionError>) -> Result<Outcome, TransitionError> {
    result.map(|()| Outcome::default())
}
