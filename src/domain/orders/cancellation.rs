//! Stopping an order before anything ships: the fraud review's decision, and the shopper's
//! cancellation, which the seller answers (or the 48-hour timer answers for them).

use chrono::{DateTime, Utc};

use super::effects::{Effect, Outcome};
use super::lifecycle::{OrderStatus, TransitionError, Trigger};
use super::monitoring::FraudStatus;
use super::order::{CancellationAnswer, CancellationRequest, Order, RefundRecord};
use super::package::CloseReason;
use super::refusal::Refusal;
use crate::domain::format;
use crate::domain::money::Money;

impl Order {
    /// The review's decision on the order's state and money; what the shopper is told is
    /// written by the caller (`review.rs`), which knows what the plan shows was paid.
    pub(super) fn decide_review(
        &mut self,
        decision: FraudStatus,
        at: DateTime<Utc>,
        automatic: bool,
    ) -> Result<Outcome, TransitionError> {
        self.can_decide_review().map_err(|r| self.refuse(r))?;
        let by = if automatic {
            "automatic review"
        } else {
            "review team"
        };
        let mut outcome = Outcome::default();
        match decision {
            FraudStatus::Accepted => {
                self.check_trigger(Trigger::AcceptPayment)?;
                self.review.status = FraudStatus::Accepted;
                self.review.decided_at = Some(at);
                self.record(at, format!("Review accepted the order ({by})."));
                self.release_to_sellers(at);
            }
            FraudStatus::Rejected => {
                self.check_trigger(Trigger::RejectPayment)?;
                self.review.status = FraudStatus::Rejected;
                self.review.decided_at = Some(at);
                self.record(at, format!("Review rejected the order ({by})."));
                self.apply_trigger(Trigger::RejectPayment)?;
                outcome.merge(self.take_back_everything(at, "the order was rejected in review"));
            }
            FraudStatus::Pending => {
                return Err(TransitionError::new(
                    self.status,
                    "A review decides to accept or to reject.",
                ))
            }
        }
        Ok(outcome)
    }

    /// The review team (the simulation box) may still accept or reject the order.
    pub fn can_decide_review(&self) -> Result<(), Refusal> {
        if self.review_due_at().is_some() {
            Ok(())
        } else {
            Err(Refusal::ReviewDecided)
        }
    }

    /// May the shopper ask to cancel? Only before anything ships, and once: a seller who
    /// declined has started on the order, and a pending request is already on its way.
    pub fn can_cancel(&self) -> Result<(), Refusal> {
        self.check_trigger(Trigger::Cancel)?;
        if self.any_shipped() {
            return Err(Refusal::PartShipped);
        }
        match &self.cancellation {
            None => Ok(()),
            Some(request) => match &request.answer {
                None => Err(Refusal::CancellationPending {
                    approve_by: request.approve_by(),
                }),
                // An approved request cancelled the order, which the state check refused.
                Some(_) => Err(Refusal::CancellationDeclined),
            },
        }
    }

    /// Before anything ships. While the order is still in review there is no seller to ask,
    /// so it is cancelled at once; afterwards the seller is asked and has 48 hours.
    pub fn request_cancellation(&mut self, now: DateTime<Utc>) -> Result<Outcome, TransitionError> {
        self.can_cancel().map_err(|r| self.refuse(r))?;
        if self.status == OrderStatus::AwaitingPayment {
            return self.cancel(now, "you cancelled it");
        }
        let request = CancellationRequest {
            requested_at: now,
            answer: None,
        };
        let approve_by = request.approve_by();
        self.cancellation = Some(request);
        self.record(now, "You asked to cancel the order.");
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            now,
            "Cancellation requested",
            format!(
                "We asked the seller to cancel order {}. If they do not answer by {}, it is \
                 cancelled automatically and anything you paid is refunded in full.",
                self.id,
                format::date_time(approve_by)
            ),
        ));
        Ok(outcome)
    }

    /// The seller's answer (from the simulation panel). Declining lets shipping go ahead.
    pub fn answer_cancellation(
        &mut self,
        approve: bool,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        self.settle_cancellation(approve, now, false)
    }

    /// The seller (the simulation box) may answer a request still waiting.
    pub fn can_answer_cancellation(&self) -> Result<(), Refusal> {
        if self.cancellation.as_ref().is_some_and(|c| c.is_pending()) {
            Ok(())
        } else {
            Err(Refusal::NoCancellationWaiting)
        }
    }

    pub(super) fn settle_cancellation(
        &mut self,
        approve: bool,
        at: DateTime<Utc>,
        by_timeout: bool,
    ) -> Result<Outcome, TransitionError> {
        self.can_answer_cancellation().map_err(|r| self.refuse(r))?;
        if approve {
            self.check_trigger(Trigger::Cancel)?;
        }
        if let Some(request) = self.cancellation.as_mut() {
            request.answer = Some(CancellationAnswer {
                approved: approve,
                at,
                by_timeout,
            });
        }
        if approve {
            let why = if by_timeout {
                "the seller did not answer within 48 hours"
            } else {
                "the seller approved your request"
            };
            return self.cancel(at, why);
        }
        self.record(
            at,
            "The seller declined the cancellation and will ship the order.",
        );
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            at,
            "Cancellation declined",
            "The seller is already preparing your order and declined to cancel it. You can \
             return it once it arrives.",
        ));
        Ok(outcome)
    }

    fn cancel(&mut self, at: DateTime<Utc>, why: &str) -> Result<Outcome, TransitionError> {
        self.apply_trigger(Trigger::Cancel)?;
        self.record(at, format!("Order cancelled: {why}."));
        let mut outcome = self.take_back_everything(at, "order cancelled before shipment");
        outcome.notifications.push(self.notification(
            at,
            "Your order is cancelled",
            format!(
                "Order {} is cancelled ({why}). The payment authorization is released and \
                 anything you paid is refunded in full.",
                self.id
            ),
        ));
        Ok(outcome)
    }

    /// Closes every open package and gives back all that is outstanding as one refund (one
    /// refund, so the plan applies Klarna's full-refund rule once), then releases the
    /// authorization.
    fn take_back_everything(&mut self, at: DateTime<Utc>, reason: &str) -> Outcome {
        let currency = self.market.currency();
        let mut amount = Money::zero(currency);
        let mut captured_part = Money::zero(currency);
        for p in self.packages.iter_mut().filter(|p| !p.is_closed()) {
            p.status = super::package::PackageStatus::Closed(CloseReason::Cancelled);
            let outstanding = p.outstanding();
            captured_part = captured_part + p.take_back(outstanding);
            amount = amount + outstanding;
        }
        let mut outcome = Outcome::default();
        if !amount.is_zero() {
            self.refunds.push(RefundRecord {
                at,
                package: None,
                amount,
                captured_part,
                reason: reason.to_string(),
            });
            self.record(at, format!("Refund of {amount}: {reason}."));
            outcome.effects.push(Effect::Refund {
                package: None,
                amount,
                captured_part,
                reason: reason.to_string(),
            });
        }
        if !self.authorization_released {
            self.authorization_released = true;
            outcome.effects.push(Effect::ReleaseAuthorization);
        }
        outcome
    }
}
