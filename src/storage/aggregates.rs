//! The storage identity of each domain aggregate: its key, schema version and migrations.

use serde_json::Value;

use crate::app::clock::ClockState;
use crate::app::klarna_link::KlarnaLink;
use crate::app::pending_checkout::PendingCheckout;
use crate::app::OrderBook;
use crate::domain::account::Account;
use crate::domain::cart::Cart;
use crate::domain::inbox::Inbox;
use crate::domain::payments::PaymentsState;
use crate::klarna::MockKlarna;

use super::envelope::Aggregate;

impl Aggregate for Inbox {
    const NAME: &'static str = "inbox";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your inbox";
}

impl Aggregate for Cart {
    const NAME: &'static str = "cart";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your cart";
}

/// No account until the shopper signs up.
impl Aggregate for Option<Account> {
    const NAME: &'static str = "account";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your account";
}

impl Aggregate for OrderBook {
    const NAME: &'static str = "orders";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your orders";
}

/// Schema 2: a payment's due date is the business day the money moves (see
/// [`super::migrations::payments_1_to_2`]).
impl Aggregate for PaymentsState {
    const NAME: &'static str = "payments";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "your payment plans and methods";

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        match from {
            1 => super::migrations::payments_1_to_2(data),
            other => Err(format!("no migration from schema {other}")),
        }
    }
}

impl Aggregate for MockKlarna {
    const NAME: &'static str = "klarna";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "the simulated Klarna provider";
}

impl Aggregate for ClockState {
    const NAME: &'static str = "clock";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "the simulated clock";
}

impl Aggregate for KlarnaLink {
    const NAME: &'static str = "klarna-link";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your linked Klarna account";
}

/// The checkout attempt in flight, so a reload mid-authorization resumes or abandons it.
impl Aggregate for PendingCheckout {
    const NAME: &'static str = "pending-checkout";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your checkout in progress";
}
