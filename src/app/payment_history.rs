//! My Klarna's look back: every payment made (each with its receipt number) and what was
//! paid per month, for the spending chart and its table.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

use crate::domain::money::{Currency, Money};
use crate::domain::payments::{PaymentStatus, PaymentsState};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastPayment {
    /// What the receipt is filed under: order, payment number.
    pub receipt_number: String,
    pub order_id: String,
    pub number: u32,
    pub of: u32,
    pub paid_at: DateTime<Utc>,
    pub amount: Money,
    pub method_label: String,
    pub early: bool,
    pub late_fee: Money,
}

/// Every paid payment of every plan, newest first.
pub fn past_payments(payments: &PaymentsState) -> Vec<PastPayment> {
    let mut rows: Vec<PastPayment> = payments
        .accounts
        .values()
        .flat_map(|account| {
            let of = account.installments.len() as u32;
            account
                .installments
                .iter()
                .filter_map(move |i| match &i.status {
                    PaymentStatus::Paid {
                        on,
                        method_id,
                        amount,
                        early,
                    } => Some(PastPayment {
                        receipt_number: format!("R-{}-{}", account.order_id, i.number),
                        order_id: account.order_id.clone(),
                        number: i.number,
                        of,
                        paid_at: *on,
                        amount: *amount,
                        method_label: payments
                            .method(*method_id)
                            .map(|m| m.label.clone())
                            .unwrap_or_else(|| "a removed payment method".into()),
                        early: *early,
                        late_fee: i.fee - i.fee_waived,
                    }),
                    _ => None,
                })
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.paid_at, &b.order_id, b.number).cmp(&(a.paid_at, &a.order_id, a.number))
    });
    rows
}

/// One bar of the spending chart: what was paid in a calendar month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthlySpending {
    /// The first day of the month.
    pub month: NaiveDate,
    pub paid: Money,
}

/// What was paid in each of the `months` calendar months up to and including the month of
/// `today`, oldest first, in `currency` (months without payments show zero).
pub fn monthly_spending(
    payments: &PaymentsState,
    currency: Currency,
    today: NaiveDate,
    months: u32,
) -> Vec<MonthlySpending> {
    let last = today.with_day(1).expect("every month has a 1st");
    let first = last - Months::new(months.saturating_sub(1));
    let mut by_month: BTreeMap<NaiveDate, Money> = (0..months)
        .map(|k| (first + Months::new(k), Money::zero(currency)))
        .collect();
    for row in past_payments(payments) {
        if row.amount.currency() != currency {
            continue;
        }
        let month = row
            .paid_at
            .date_naive()
            .with_day(1)
            .expect("every month has a 1st");
        if let Some(total) = by_month.get_mut(&month) {
            *total = *total + row.amount;
        }
    }
    by_month
        .into_iter()
        .map(|(month, paid)| MonthlySpending { month, paid })
        .collect()
}

/// The currencies the shopper has plans in, for one chart and one balance each.
pub fn plan_currencies(payments: &PaymentsState) -> Vec<Currency> {
    let mut currencies: Vec<Currency> = payments.accounts.values().map(|a| a.currency).collect();
    currencies.sort_by_key(|c| c.code());
    currencies.dedup();
    currencies
}
