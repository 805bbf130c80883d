//! Money, a saved card and payment plans opened directly, without a checkout.

use bnpl_market::domain::market::Market;
use bnpl_market::domain::money::{Currency, Money};
use bnpl_market::domain::payments::{
    MethodId, MethodKind, PaymentMethod, PaymentPlanAccount, PaymentsState,
};
use bnpl_market::domain::plans::{build_plan, PlanKind};
use chrono::NaiveDate;

pub fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

/// A Visa debit card ending 4242, saved as method 1 on `today`, that expires at the end of
/// the month `expiry` (year, month).
pub fn visa_debit(expiry: (i32, u32), today: NaiveDate) -> PaymentMethod {
    PaymentMethod::card(
        MethodId(1),
        MethodKind::DebitCard,
        "4242 4242 4242 4242",
        expiry,
        "123",
        today,
    )
    .expect("the Visa test card is valid until its expiry")
}

/// Payments of `seed` with `card` saved and a US plan per (order id, plan, total in cents),
/// each bought with the card at noon on `day`.
pub fn payments_with_plans(
    seed: u64,
    card: PaymentMethod,
    day: NaiveDate,
    plans: &[(&str, PlanKind, i64)],
) -> PaymentsState {
    let mut state = PaymentsState::new(seed);
    state.add_method(card.clone());
    for &(id, kind, total) in plans {
        let plan = build_plan(kind, Market::US, usd(total), day)
            .expect("the test plan fits its order total");
        state.add_account(PaymentPlanAccount::open(id, &plan, &card, super::noon(day)));
    }
    state
}
