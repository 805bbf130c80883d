//! Scenario and property tests of payments over time, run through the event engine.

mod actions;
mod collections;
mod due_dates;
mod engine_year;
mod fees;
mod financing_refunds;
mod may_i;
mod progress;
mod properties;
mod refund_figures;
mod refunds;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::{prop_oneof, Strategy};

use super::*;
use crate::domain::engine::{run, AppliedEvent};
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};
use crate::domain::plans::{build_plan, PlanKind};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn noon(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap())
}

pub(super) fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

pub(super) fn gbp(minor: i64) -> Money {
    Money::from_minor(minor, Currency::GBP)
}

pub(super) const CARD: MethodId = MethodId(1);
pub(super) const DECLINING: MethodId = MethodId(2);
pub(super) const WALLET: MethodId = MethodId(3);
pub(super) const BANK: MethodId = MethodId(4);

/// A shopper with a paying Visa, a declining Mastercard, a wallet and a bank account.
pub(super) fn shopper() -> PaymentsState {
    let today = d(2026, 1, 1);
    let mut state = PaymentsState::new(42);
    state.add_method(
        PaymentMethod::card(
            CARD,
            MethodKind::DebitCard,
            "4242424242424242",
            (2030, 1),
            "123",
            today,
        )
        .unwrap(),
    );
    state.add_method(
        PaymentMethod::card(
            DECLINING,
            MethodKind::CreditCard,
            "5555555555554444",
            (2030, 1),
            "123",
            today,
        )
        .unwrap()
        .with_behaviour(ChargeBehaviour::Declines),
    );
    state.add_method(PaymentMethod::wallet(WALLET, "ann@example.com"));
    state.add_method(PaymentMethod::bank_account(BANK, "Chase", "6789"));
    state
}

/// Opens a plan of `kind` for `total` bought at noon on `bought`, paid with `method`.
pub(super) fn open(
    state: &mut PaymentsState,
    order_id: &str,
    kind: PlanKind,
    market: Market,
    total: Money,
    bought: NaiveDate,
    method: MethodId,
) {
    let plan = build_plan(kind, market, total, bought).unwrap();
    let method = state.method(method).unwrap().clone();
    state.add_account(PaymentPlanAccount::open(
        order_id,
        &plan,
        &method,
        noon(bought),
    ));
}

/// Runs the engine from `from` for `days` days.
/// Plan "A": pay in 4 of $100.03 with the card, bought Monday 2 March 2026.
pub(super) fn card_plan() -> PaymentsState {
    let mut state = shopper();
    open(
        &mut state,
        "A",
        PlanKind::PayIn4,
        Market::US,
        usd(10_003),
        d(2026, 3, 2),
        CARD,
    );
    state
}

pub(super) fn run_days(
    state: &mut PaymentsState,
    from: DateTime<Utc>,
    days: i64,
) -> Vec<AppliedEvent<PaymentEventKind>> {
    run(state, from, from + Duration::days(days))
}

pub(super) fn subjects(applied: &[AppliedEvent<PaymentEventKind>]) -> Vec<String> {
    applied
        .iter()
        .flat_map(|a| a.notifications.iter().map(|n| n.subject.clone()))
        .collect()
}

/// How much a property test's refund takes of what can still be refunded.
#[derive(Clone, Copy, Debug)]
pub(super) enum RefundSize {
    /// Per mille of it.
    PerMille(i64),
    /// A few cents (at most all of it): small enough that the cent rounding of a new
    /// schedule matters.
    Cents(i64),
}

impl RefundSize {
    pub(super) fn of(self, refundable: Money) -> Money {
        let refundable = refundable.minor();
        Money::from_minor(
            match self {
                RefundSize::PerMille(per_mille) => refundable * per_mille / 1000,
                RefundSize::Cents(cents) => cents.min(refundable),
            },
            Currency::USD,
        )
    }
}

/// Any size of refund, from 1 cent to all that can be refunded.
pub(super) fn refund_size() -> impl Strategy<Value = RefundSize> {
    prop_oneof![
        2 => (1i64..=1000).prop_map(RefundSize::PerMille),
        1 => (1i64..=30).prop_map(RefundSize::Cents),
    ]
}
