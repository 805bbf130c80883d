//! The payment review of a held order, as the marketplace hears it. The payment provider
//! decides (Klarna's `fraud_status`: PENDING, then ACCEPTED or REJECTED) and the app tells
//! the order what it said, with what the payment plan shows was paid; every message is
//! written from the state it announces. A held order makes no delivery promise: its
//! packages get dates when the review accepts it, counted from that instant.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::effects::Outcome;
use super::lifecycle::{OrderStatus, TransitionError};
use super::monitoring::{automatic_decision, FraudStatus, AUTO_REVIEW_MINUTES};
use super::order::Order;
use super::package::{DeliveryEstimate, Package, PackageStatus};
use crate::domain::money::Money;

/// One payment of the order's plan that the shopper has paid, as the plan's books show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidPart {
    /// The payment's number in its plan, 1-based.
    pub number: u32,
    /// How many payments the plan has: a plan of one is "your payment", not "your first".
    pub of: u32,
    /// The price paid that can go back to the shopper (never a late fee).
    pub amount: Money,
    /// The method it was paid with, as the shopper knows it ("Visa •••• 4242").
    pub method: String,
}

/// What the app learned when it asked: the provider's fraud status, and what the shopper has
/// paid so far (which a rejection refunds in full).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewVerdict {
    pub status: FraudStatus,
    pub paid: Vec<PaidPart>,
}

/// Where the order engine hears the review's result when it is due: the app reads the
/// provider and the plan; [`WrittenRule`] stands in where there is no provider.
pub trait ReviewSource {
    fn verdict(&self, order: &Order, at: DateTime<Utc>) -> ReviewVerdict;
}

/// No provider to ask (the domain's own tests): the written rule decides, and with no
/// payment plan nothing was paid.
pub struct WrittenRule;

impl ReviewSource for WrittenRule {
    fn verdict(&self, order: &Order, _at: DateTime<Utc>) -> ReviewVerdict {
        ReviewVerdict {
            status: automatic_decision(&order.review.flags),
            paid: Vec::new(),
        }
    }
}

/// A package's ship-by and guaranteed delivery dates, or why it has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackageDates {
    /// Planned when the order went to its sellers.
    Promised {
        ship_by: NaiveDate,
        estimate: DeliveryEstimate,
    },
    /// Held for review: the seller's days start counting when it is accepted.
    AfterReview,
    /// The review rejected the order: nothing will ship.
    NotAccepted,
}

impl PackageDates {
    /// What the package card shows instead of dates.
    pub fn note(self) -> Option<&'static str> {
        match self {
            PackageDates::Promised { .. } => None,
            PackageDates::AfterReview => Some("Dates are set once the review is done"),
            PackageDates::NotAccepted => Some("None: the order was not accepted"),
        }
    }
}

impl Order {
    /// The review accepts the order at `at`: sellers get it now.
    pub fn accept_review(&mut self, at: DateTime<Utc>) -> Result<Outcome, TransitionError> {
        let verdict = ReviewVerdict {
            status: FraudStatus::Accepted,
            paid: Vec::new(),
        };
        self.hear_review(&verdict, at, false)
    }

    /// The review rejects the order at `at`: nothing ships, and `paid` (from the plan) is
    /// refunded in full.
    pub fn reject_review(
        &mut self,
        at: DateTime<Utc>,
        paid: &[PaidPart],
    ) -> Result<Outcome, TransitionError> {
        let verdict = ReviewVerdict {
            status: FraudStatus::Rejected,
            paid: paid.to_vec(),
        };
        self.hear_review(&verdict, at, false)
    }

    /// The provider's verdict reached the order at `at`; `automatic` when it was heard at
    /// the time the review was due rather than from the review team. Still PENDING: the
    /// order waits and asks again [`AUTO_REVIEW_MINUTES`] later.
    pub fn hear_review(
        &mut self,
        verdict: &ReviewVerdict,
        at: DateTime<Utc>,
        automatic: bool,
    ) -> Result<Outcome, TransitionError> {
        let mut outcome = Outcome::default();
        match verdict.status {
            FraudStatus::Pending => {
                if self.review_due_at().is_none() {
                    return Err(TransitionError::new(
                        self.status,
                        "The payment review is already decided.",
                    ));
                }
                self.review.verdict_due_at = Some(at + Duration::minutes(AUTO_REVIEW_MINUTES));
            }
            FraudStatus::Accepted => {
                outcome = self.decide_review(FraudStatus::Accepted, at, automatic)?;
                let sellers = self.sent_to();
                self.review.message = format!(
                    "Thanks for waiting: your order passed its review and went to {sellers}."
                );
                outcome.notifications.push(self.notification(
                    at,
                    "Order confirmed",
                    format!(
                        "Thanks for waiting: order {} passed its review and went to {sellers}. \
                         {} in {}, estimated delivery {}.",
                        self.id,
                        self.total(),
                        self.package_count(),
                        self.estimate_label()
                    ),
                ));
            }
            FraudStatus::Rejected => {
                outcome = self.decide_review(FraudStatus::Rejected, at, automatic)?;
                let refund = refund_sentence(&verdict.paid);
                self.review.message =
                    format!("We could not accept this order after reviewing it. {refund}");
                outcome.notifications.push(self.notification(
                    at,
                    "We could not accept your order",
                    format!(
                        "We could not accept order {} after reviewing it, so it is cancelled \
                         and nothing will ship. {refund}",
                        self.id
                    ),
                ));
            }
        }
        Ok(outcome)
    }

    /// When the marketplace asks the provider for its verdict, while the order is held.
    pub fn review_due_at(&self) -> Option<DateTime<Utc>> {
        let held = self.status == OrderStatus::AwaitingPayment
            && self.review.status == FraudStatus::Pending;
        held.then(|| {
            self.review
                .verdict_due_at
                .unwrap_or(self.placed_at + Duration::minutes(AUTO_REVIEW_MINUTES))
        })
    }

    /// The dates the package card shows: only an accepted order has any, planned from the
    /// instant it was accepted (see `release_to_sellers`).
    pub fn package_dates(&self, package: &Package) -> PackageDates {
        match self.review.status {
            FraudStatus::Accepted => PackageDates::Promised {
                ship_by: package.ship_by,
                estimate: package.estimate,
            },
            FraudStatus::Pending => PackageDates::AfterReview,
            FraudStatus::Rejected => PackageDates::NotAccepted,
        }
    }

    /// The receipt's thanks, true to where the review stands.
    pub fn placed_note(&self) -> &'static str {
        match self.review.status {
            FraudStatus::Accepted => {
                "Thank you! Your order is placed and Klarna approved the payment."
            }
            FraudStatus::Pending => {
                "Thank you! Your order is placed; it is being checked before the seller ships \
                 it, and you will hear from us either way."
            }
            FraudStatus::Rejected => "This order was not accepted after its payment review.",
        }
    }

    /// The package card's status line: a held order's parcel waits for the review, not for
    /// a ship-by date that does not exist yet.
    pub fn package_status_label(&self, package: &Package) -> String {
        let waiting = self.review.status == FraudStatus::Pending
            && package.status == PackageStatus::AwaitingShipment
            && !self.status.is_final();
        if waiting {
            "Waiting for the payment review".to_string()
        } else {
            package.status_label()
        }
    }
}

/// What a rejection does with the shopper's money, from what the plan shows was paid: a
/// rejection refunds all of it and cancels every payment still to come.
pub fn refund_sentence(paid: &[PaidPart]) -> String {
    let paid: Vec<&PaidPart> = paid.iter().filter(|p| !p.amount.is_zero()).collect();
    let Some(first) = paid.first() else {
        return "You have not been charged, and nothing will be collected.".to_string();
    };
    const NOTHING_MORE: &str = "nothing more will be collected.";
    if paid.len() == 1 {
        let which = match (first.of, first.number) {
            (1, _) => "Your payment".to_string(),
            (_, n) => format!("Your {}", ordinal_payment(n)),
        };
        return format!(
            "{which} of {} is being refunded to {}; {NOTHING_MORE}",
            first.amount, first.method
        );
    }
    let total = Money::sum_in(first.amount.currency(), paid.iter().map(|p| p.amount));
    let mut methods: Vec<(&str, Money)> = Vec::new();
    for part in &paid {
        match methods.iter_mut().find(|(m, _)| *m == part.method) {
            Some((_, sum)) => *sum = *sum + part.amount,
            None => methods.push((&part.method, part.amount)),
        }
    }
    let numbers: Vec<String> = paid.iter().map(|p| p.number.to_string()).collect();
    if let [(method, _)] = methods.as_slice() {
        return format!(
            "The {total} you paid (payments {}) is being refunded to {method}; {NOTHING_MORE}",
            join_words(&numbers)
        );
    }
    let each: Vec<String> = methods
        .iter()
        .map(|(method, sum)| format!("{sum} to {method}"))
        .collect();
    format!(
        "The {total} you paid is being refunded: {}; {NOTHING_MORE}",
        join_words(&each)
    )
}

fn ordinal_payment(number: u32) -> String {
    match number {
        1 => "first payment".into(),
        2 => "second payment".into(),
        3 => "third payment".into(),
        4 => "fourth payment".into(),
        n => format!("payment {n}"),
    }
}

/// "1", "1 and 2", "1, 2 and 3".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
