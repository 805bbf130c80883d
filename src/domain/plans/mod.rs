//! Payment plans: which options an order qualifies for, their dated installments, and what
//! they cost.
//!
//! Checkout calls [`offers`]; a stored plan is rebuilt with [`build_plan`] and fixed at
//! shipment with [`Plan::with_capture_date`]; [`plain_terms`] words the cost.

mod eligibility;
mod financing;
mod headline;
mod kind;
mod offers;
mod plan;
mod reamortization;
mod schedule;
mod terms;

#[cfg(test)]
mod properties;

pub use eligibility::{
    amount_limits, check_eligibility, check_order_amount, AmountLimits, Ineligibility,
    FINANCING_MAX_USD, FINANCING_MIN_USD, PAY_IN_30_MAX, PAY_IN_30_MIN, PAY_IN_3_MAX_GBP,
    PAY_IN_3_MIN_GBP, PAY_IN_4_MAX_USD, PAY_IN_4_MIN_USD, PAY_NOW_MAX, PAY_NOW_MIN,
};
pub use financing::{
    amortize, financing_apr, financing_schedule, monthly_payment, statement_dates, AmortizedMonth,
    DUE_DAY, PROMO_APR_PERCENT, PROMO_MIN_AMOUNT, PROMO_MONTHS, STANDARD_APR_PERCENT,
    STATEMENT_DAY,
};
pub use headline::{headline, pay_action};
pub use kind::{available_kinds, PlanKind, FINANCING_TERMS};
pub use offers::{offer, offers, PlanOffer};
pub use plan::{build_plan, Plan, PAY_IN_30_ESTIMATED_HANDLING_BUSINESS_DAYS};
pub use reamortization::reamortize;
pub use schedule::{
    pay_in_30_schedule, pay_in_3_schedule, pay_in_4_schedule, pay_now_schedule,
    split_remainder_first, Installment, PAY_IN_30_DAYS_AFTER_CAPTURE, PAY_IN_3_OFFSETS_DAYS,
    PAY_IN_4_OFFSETS_DAYS,
};
pub use terms::{financing_calendar, plain_terms, price_teaser};
