//! Payments over time: saved payment methods, each purchase's plan as it lives (collections,
//! retries, late fees, paying early, extensions, pauses, refunds), and the payment events the
//! engine runs.
//!
//! The UI opens a plan with [`PaymentPlanAccount::open`], keeps every plan and method in a
//! [`PaymentsState`], moves time with [`crate::domain::engine::run`], and calls the account's
//! actions (`pay_installment`, `pay_whole_balance`, `extend_due_date`, `change_method`,
//! `set_autopay`, `pause`, `resume`, `apply_refund`).

mod account;
mod actions;
mod apply;
mod card;
mod due_date;
mod financing_refund;
mod installment;
mod late_fees;
mod method;
mod progress;
mod refund;
mod refund_figures;
mod schedule;
mod shopper_refund;
mod state;

#[cfg(test)]
mod tests;

pub use account::{PaymentError, PaymentPlanAccount, PlanBalance};
pub use actions::EXTENSION_DAYS;
pub use apply::MY_KLARNA;
pub use card::{card_brand, check_card, luhn_valid, CardBrand, CardError, CardExpiry, CheckedCard};
pub use due_date::DueDateMove;
pub use installment::{AccountInstallment, PaymentDisplayStatus, PaymentStatus};
pub use late_fees::{fee_cap, next_late_fee, LateFeePolicy, FEE_CAP_PERCENT};
pub use method::{
    ChargeBehaviour, ChargeFailure, MethodBook, MethodId, MethodKind, PaymentMethod,
    WALLET_CANNOT_AUTOPAY,
};
pub use progress::PlanProgress;
pub use refund::{spread_evenly, RefundOutcome};
pub use refund_figures::PaymentRefundChange;
pub use schedule::{
    collection_instant, reminder_instant, PaymentEvent, PaymentEventKind, COLLECTION_HOUR,
    REFUND_HOUR, REMINDER_DAYS_BEFORE, REMINDER_HOUR, RETRY_AFTER_DAYS,
};
pub use shopper_refund::{refund_processing_days, Refund};
pub use state::{PaymentsState, SomePlans, UpcomingPayment};
