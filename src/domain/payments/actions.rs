//! What the shopper (or a dispute) does to a plan: pay early, extend, change the method,
//! switch autopay, pause and resume. Every action takes "now" from the caller.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::account::{PaymentError, PaymentPlanAccount};
use super::installment::PaymentStatus;
use super::method::PaymentMethod;
use super::schedule::collection_instant;
use crate::domain::calendar::next_business_day;
use crate::domain::money::Money;
use crate::domain::plans::Plan;

/// How far the once-per-order extension moves a due date.
pub const EXTENSION_DAYS: u64 = 10;

impl PaymentPlanAccount {
    /// Pays one payment now with `method`: an upcoming one (paying early), one waiting for a
    /// manual "Pay", or one that failed or is late. Returns what was charged.
    pub fn pay_installment(
        &mut self,
        number: u32,
        method: &PaymentMethod,
        now: DateTime<Utc>,
    ) -> Result<Money, PaymentError> {
        self.can_pay_installment(number)?;
        method
            .try_charge(now.date_naive())
            .map_err(PaymentError::ChargeFailed)?;
        Ok(self.mark_paid(number, method, now))
    }

    /// May payment `number` be paid now? While it is unpaid (upcoming, waiting, failed or
    /// late), also on a paused plan: paying is always the shopper's choice.
    pub fn can_pay_installment(&self, number: u32) -> Result<(), PaymentError> {
        let installment = self
            .installment(number)
            .ok_or(PaymentError::NoSuchPayment(number))?;
        if installment.status.is_unpaid() && !installment.owed().is_zero() {
            Ok(())
        } else {
            Err(PaymentError::NothingOwed)
        }
    }

    /// May the rest of the plan be paid in one go? Only while something is owed.
    pub fn can_pay_whole_balance(&self) -> Result<(), PaymentError> {
        if self.owed().is_zero() {
            Err(PaymentError::NothingOwed)
        } else {
            Ok(())
        }
    }

    /// Pays everything still owed in one charge. All or nothing: a failed charge pays none.
    pub fn pay_whole_balance(
        &mut self,
        method: &PaymentMethod,
        now: DateTime<Utc>,
    ) -> Result<Money, PaymentError> {
        self.can_pay_whole_balance()?;
        let numbers: Vec<u32> = self.unpaid().map(|i| i.number).collect();
        method
            .try_charge(now.date_naive())
            .map_err(PaymentError::ChargeFailed)?;
        let currency = self.currency;
        let paid: Vec<Money> = numbers
            .into_iter()
            .map(|number| self.mark_paid(number, method, now))
            .collect();
        Ok(Money::sum_in(currency, paid))
    }

    /// Records a successful charge of everything the payment owes; shared with collections.
    pub(crate) fn mark_paid(
        &mut self,
        number: u32,
        method: &PaymentMethod,
        now: DateTime<Utc>,
    ) -> Money {
        let installment = self
            .installment_mut(number)
            .expect("only existing payments are marked paid");
        let amount = installment.owed();
        let early = now < collection_instant(installment.due);
        installment.status = PaymentStatus::Paid {
            on: now,
            method_id: method.id,
            amount,
            early,
        };
        amount
    }

    /// Whether payment `number` may be extended now: once per order, and only a payment that
    /// is scheduled, failed or waiting for a manual "Pay" (a late or paid one cannot). A
    /// paused plan is no exception: the pause moves the dates again when it ends, and the
    /// extension is the shopper's to use whenever they like.
    pub fn can_extend(&self, number: u32) -> Result<(), PaymentError> {
        if let Some(on_payment) = self.extension_used_on {
            return Err(PaymentError::ExtensionAlreadyUsed { on_payment });
        }
        let installment = self
            .installments
            .iter()
            .find(|i| i.number == number)
            .ok_or(PaymentError::NoSuchPayment(number))?;
        let extendable = matches!(
            installment.status,
            PaymentStatus::Scheduled
                | PaymentStatus::AwaitingPayment { .. }
                | PaymentStatus::Failed { .. }
        );
        if extendable {
            Ok(())
        } else {
            Err(PaymentError::CannotExtend(number))
        }
    }

    /// Moves one payment's due date 10 days later, free, once per order; the other payments
    /// keep their dates. A failed or waiting payment gets a fresh attempt on the new date.
    /// Returns the new due date: 10 days on, or the next business day after that when it is
    /// a weekend or a holiday (the installment's `due_move` then says so).
    pub fn extend_due_date(
        &mut self,
        number: u32,
        now: DateTime<Utc>,
    ) -> Result<NaiveDate, PaymentError> {
        self.can_extend(number)?;
        let market = self.market;
        let installment = self.installment_mut(number)?;
        // Counted from the date the shopper sees, which is already a business day.
        installment.set_due(installment.due + Days::new(EXTENSION_DAYS), market);
        installment.status = PaymentStatus::Scheduled;
        installment.extended = true;
        let new_due = installment.due;
        self.extension_used_on = Some(number);
        self.rescheduled_at(now);
        Ok(new_due)
    }

    /// Pays the plan's future payments with `method`. Returns a note when autopay had to be
    /// switched off because the new method cannot autopay.
    pub fn change_method(&mut self, method: &PaymentMethod) -> Option<&'static str> {
        self.method_id = method.id;
        match method.can_autopay() {
            Err(reason) if self.autopay => {
                self.autopay = false;
                Some(reason)
            }
            _ => None,
        }
    }

    /// Switches automatic collection on or off; on is refused for a method that cannot.
    pub fn set_autopay(&mut self, on: bool, method: &PaymentMethod) -> Result<(), PaymentError> {
        if on {
            method.can_autopay().map_err(PaymentError::CannotAutopay)?;
        }
        self.autopay = on;
        Ok(())
    }

    /// A dispute pauses the plan at once: nothing is collected, reminded or charged as a fee
    /// until it resumes.
    pub fn pause(&mut self, now: DateTime<Utc>) -> Result<(), PaymentError> {
        if self.is_paused() {
            return Err(PaymentError::AlreadyPaused);
        }
        self.paused_since = Some(now);
        Ok(())
    }

    /// Resumes a paused plan, moving every unpaid date by the whole days it was paused, so the
    /// shopper has the same time to pay as before the pause; a due date or a retry that lands
    /// on a weekend or a holiday moves on to the next business day. Returns the days moved.
    pub fn resume(&mut self, now: DateTime<Utc>) -> Result<i64, PaymentError> {
        let since = self.paused_since.ok_or(PaymentError::NotPaused)?;
        let days = (now.date_naive() - since.date_naive()).num_days().max(0);
        let shift = Days::new(days.unsigned_abs());
        let market = self.market;
        for installment in self.installments.iter_mut() {
            if !installment.status.is_unpaid() || days == 0 {
                continue;
            }
            installment.set_due(installment.due + shift, market);
            match &mut installment.status {
                PaymentStatus::AwaitingPayment { since, grace_until } => {
                    *since = *since + shift;
                    *grace_until = *grace_until + shift;
                }
                PaymentStatus::Failed { next_retry, .. } => {
                    *next_retry = next_business_day(*next_retry + shift, market)
                }
                _ => {}
            }
        }
        self.paused_since = None;
        self.paused_days += days;
        self.rescheduled_at(now);
        Ok(days)
    }

    /// Takes the due dates of payments still scheduled from `plan`, e.g. Pay in 30 days once
    /// the order ships and its due date stops being an estimate.
    pub fn update_due_dates(&mut self, plan: &Plan, now: DateTime<Utc>) {
        for planned in &plan.installments {
            if let Ok(installment) = self.installment_mut(planned.number) {
                if installment.status == PaymentStatus::Scheduled && !installment.extended {
                    installment.due = planned.due;
                    installment.moved_from = planned.moved_from;
                    installment.original_due = planned.due;
                }
            }
        }
        self.rescheduled_at(now);
    }
}
