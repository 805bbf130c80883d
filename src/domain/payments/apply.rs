//! Applying a plan's events: each changes the plan and says what to tell the shopper.

use chrono::{DateTime, Days, Utc};

use super::account::PaymentPlanAccount;
use super::installment::PaymentStatus;
use super::late_fees::{next_late_fee, LateFeePolicy};
use super::method::{ChargeFailure, MethodBook, MethodId, PaymentMethod};
use super::schedule::{PaymentEvent, PaymentEventKind, RETRY_AFTER_DAYS};
use crate::domain::calendar::next_business_day;
use crate::domain::engine::Notification;
use crate::domain::format;
use crate::domain::money::Money;

pub const MY_KLARNA: &str = "/my-klarna";

impl PaymentPlanAccount {
    /// Applies `event` if this plan still schedules it (see `EventSource::apply`).
    pub fn apply_event(
        &mut self,
        event: &PaymentEvent,
        methods: &MethodBook,
    ) -> Option<Vec<Notification>> {
        if !self.scheduled_events().contains(event) {
            return None;
        }
        let at = event.at;
        let notes = match &event.kind {
            PaymentEventKind::RefundCompleted { refund_id, .. } => {
                self.complete_refund(*refund_id, at, methods)
            }
            PaymentEventKind::Reminder { number, .. } => self.remind(*number, at, methods),
            PaymentEventKind::Collection { number, .. } => self.collect(*number, at, methods),
            PaymentEventKind::Retry { number, .. } => self.retry(*number, at, methods),
            PaymentEventKind::GraceEnded { number, .. } => self.miss(*number, at),
            PaymentEventKind::LateFee { number, .. } => self.charge_late_fee(*number, at),
        };
        Some(notes)
    }

    fn of_n(&self, number: u32) -> String {
        format!(
            "payment {number} of {} for order {}",
            self.installments.len(),
            self.order_id
        )
    }

    /// The method autopay would charge, if autopay is on and the method allows it.
    fn autopay_method<'a>(&self, methods: &'a MethodBook) -> Option<&'a PaymentMethod> {
        methods
            .get(&self.method_id)
            .filter(|method| self.autopay && method.can_autopay().is_ok())
    }

    fn method_label(&self, methods: &MethodBook, id: MethodId) -> String {
        methods
            .get(&id)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| "your payment method".into())
    }

    fn remind(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
        methods: &MethodBook,
    ) -> Vec<Notification> {
        let autopay = self.autopay_method(methods).map(|m| m.label.clone());
        let what = self.of_n(number);
        let market = self.market;
        let installment = self
            .installment_mut(number)
            .expect("scheduled payment exists");
        installment.reminded_for = Some(installment.due);
        let (amount, due) = (installment.owed(), format::date(installment.due));
        let moved = installment
            .due_move(market)
            .map(|moved| format!(" The date {moved}."))
            .unwrap_or_default();
        let body = match autopay {
            Some(label) => {
                format!("We'll collect {amount} from {label} on {due} ({what}).{moved}")
            }
            None => format!(
                "{amount} is due on {due} ({what}).{moved} Autopay is off for this plan: pay it in My Klarna."
            ),
        };
        vec![Notification::from_klarna(
            at,
            format!("Payment reminder: {amount} due {due}"),
            body,
            MY_KLARNA,
        )]
    }

    fn collect(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
        methods: &MethodBook,
    ) -> Vec<Notification> {
        let date = at.date_naive();
        let Some(method) = self.autopay_method(methods) else {
            let what = self.of_n(number);
            let installment = self
                .installment_mut(number)
                .expect("scheduled payment exists");
            let grace_until = date + Days::new(RETRY_AFTER_DAYS);
            installment.status = PaymentStatus::AwaitingPayment {
                since: date,
                grace_until,
            };
            let amount = installment.owed();
            return vec![Notification::from_klarna(
                at,
                format!("Payment due today: {amount}"),
                format!(
                    "{amount} is due today ({what}). Pay it in My Klarna by {} to avoid a late fee.",
                    format::date(grace_until)
                ),
                MY_KLARNA,
            )];
        };
        match method.try_charge(date) {
            Ok(()) => self.collected(number, at, method),
            Err(reason) => {
                // A retry is a collection too: on a business day, the one the message names.
                let next_retry = next_business_day(date + Days::new(RETRY_AFTER_DAYS), self.market);
                let what = self.of_n(number);
                let installment = self
                    .installment_mut(number)
                    .expect("scheduled payment exists");
                installment.status = PaymentStatus::Failed {
                    attempts: 1,
                    reason,
                    next_retry,
                };
                let amount = installment.owed();
                vec![Notification::from_klarna(
                    at,
                    format!("Payment failed: {amount}"),
                    format!(
                        "We couldn't collect {amount} from {} ({what}): {reason}. We'll try again \
                         on {}. To avoid a late fee, pay now or change your payment method in My Klarna.",
                        method.label,
                        format::date(next_retry)
                    ),
                    MY_KLARNA,
                )]
            }
        }
    }

    fn collected(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
        method: &PaymentMethod,
    ) -> Vec<Notification> {
        let what = self.of_n(number);
        let amount = self.mark_paid(number, method, at);
        let left = self.owed();
        vec![Notification::from_klarna(
            at,
            format!("Payment collected: {amount}"),
            format!(
                "We collected {amount} from {} ({what}). Still to pay on this order: {left}.",
                method.label
            ),
            MY_KLARNA,
        )]
    }

    fn retry(&mut self, number: u32, at: DateTime<Utc>, methods: &MethodBook) -> Vec<Notification> {
        let outcome = match self.autopay_method(methods) {
            Some(method) => method.try_charge(at.date_naive()).map(|()| method),
            None => Err(ChargeFailure::Declined),
        };
        match outcome {
            Ok(method) => self.collected(number, at, method),
            Err(reason) => {
                let label = self.method_label(methods, self.method_id);
                let what = self.of_n(number);
                let installment = self.installment_mut(number).expect("failed payment exists");
                installment.status = PaymentStatus::Late {
                    since: at.date_naive(),
                };
                let amount = installment.owed();
                vec![Notification::from_klarna(
                    at,
                    format!("Payment missed: {amount}"),
                    format!(
                        "We tried again to collect {amount} from {label} and couldn't: {reason}. \
                         {} is now late: pay it in My Klarna.",
                        capitalized(&what)
                    ),
                    MY_KLARNA,
                )]
            }
        }
    }

    fn miss(&mut self, number: u32, at: DateTime<Utc>) -> Vec<Notification> {
        let what = self.of_n(number);
        let installment = self
            .installment_mut(number)
            .expect("awaiting payment exists");
        installment.status = PaymentStatus::Late {
            since: at.date_naive(),
        };
        let amount = installment.owed();
        vec![Notification::from_klarna(
            at,
            format!("Payment missed: {amount}"),
            format!(
                "{} ({amount}) wasn't paid within {RETRY_AFTER_DAYS} days of its due date and is now late: pay it in My Klarna.",
                capitalized(&what)
            ),
            MY_KLARNA,
        )]
    }

    fn charge_late_fee(&mut self, number: u32, at: DateTime<Utc>) -> Vec<Notification> {
        let fee = next_late_fee(self.market, self.order_total, &self.fees_charged());
        let why_no_fee = match LateFeePolicy::of(self.market).minimum_order {
            Some(minimum) if self.order_total < minimum => {
                format!("orders under {minimum} have no late fees")
            }
            _ => "this order has reached its limit on late fees".to_string(),
        };
        let what = self.of_n(number);
        let installment = self.installment_mut(number).expect("late payment exists");
        installment.late_fee_assessed = true;
        match fee {
            Some(fee) => {
                installment.fee = installment.fee + fee;
                let owed = installment.owed();
                vec![Notification::from_klarna(
                    at,
                    format!("Late fee charged: {fee}"),
                    format!("A late fee of {fee} was added to {what}, which now comes to {owed}."),
                    MY_KLARNA,
                )]
            }
            None => vec![Notification::from_klarna(
                at,
                format!("Payment {number} is late"),
                format!(
                    "{} is late. No late fee was added: {}.",
                    capitalized(&what),
                    why_no_fee
                ),
                MY_KLARNA,
            )],
        }
    }

    fn complete_refund(
        &mut self,
        refund_id: u32,
        at: DateTime<Utc>,
        methods: &MethodBook,
    ) -> Vec<Notification> {
        let Some(refund) = self.refunds.iter_mut().find(|r| r.id == refund_id) else {
            return Vec::new();
        };
        refund.completed = true;
        let (amount, method_id): (Money, MethodId) = (refund.amount, refund.method_id);
        let label = self.method_label(methods, method_id);
        vec![Notification::from_klarna(
            at,
            format!("Refund processed: {amount}"),
            format!("{amount} for order {} is back on {label}.", self.order_id),
            self.link(),
        )]
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
