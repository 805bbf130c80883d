//! A shopper's or a seller's action on one order, handled the way the clock's engine handles
//! an order event: the order decides, its messages go to the inbox, and what it asked of the
//! provider and the payment plan is carried out. The UI calls this and only saves.

use crate::domain::inbox::Sender;
use chrono::{DateTime, Utc};

use super::settlement::{carry_out, touched_by};
use super::touched::Touched;
use super::world::World;
use crate::domain::orders::{Order, Outcome, TransitionError};
use crate::klarna::PaymentProvider;

/// Why an action on an order did not happen, in the words the page shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrderActionError {
    #[error("There is no order {0}.")]
    NoOrder(String),
    /// The order's own rule refused it.
    #[error("{}", .0.reason)]
    Refused(#[from] TransitionError),
    /// The review was already decided, here or at the provider.
    #[error("{0}")]
    ReviewDecided(String),
}

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
pub async fn act_on_order<P: PaymentProvider>(
    world: World<'_, P>,
    order_id: &str,
    now: DateTime<Utc>,
    action: impl FnOnce(&mut Order) -> Result<Outcome, TransitionError>,
) -> Result<Acted, OrderActionError> {
    let World {
        orders,
        payments,
        provider,
        inbox,
    } = world;
    let record = orders
        .get_mut(order_id)
        .ok_or_else(|| OrderActionError::NoOrder(order_id.to_string()))?;
    let outcome = action(&mut record.order)?;
    let mut touched = Touched {
        orders: true,
        inbox: !outcome.notifications.is_empty(),
        ..touched_by(&outcome.effects, record)
    };
    for note in outcome.notifications {
        note.deliver_to(inbox);
    }
    let problems = carry_out(outcome.effects, record, provider, payments, now).await;
    for problem in &problems {
        inbox.deliver(
            Sender::Shop,
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
