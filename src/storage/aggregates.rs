//! The storage identity of each domain aggregate: its key, schema version and migrations.

use crate::domain::account::Account;
use crate::domain::cart::Cart;
use crate::domain::inbox::Inbox;

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
