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
use crate::klarna::{MockKlarna, SimulationSettings};

use super::envelope::{Aggregate, DecodeError, PageText, PagedJson, RecordId};
use super::pages::{from_json, to_json};

/// The [`Aggregate`] items of an aggregate stored in pages, as its
/// [`super::pages::Paged`] layout (`super::page_layouts`) says.
macro_rules! paged_storage {
    () => {
        const PAGED: bool = true;
        const DATA_SCHEMA: u32 = Self::SCHEMA - 1;

        fn to_pages(&self, unchanged: &dyn Fn(u64, &[RecordId]) -> bool) -> Option<PagedJson> {
            Some(to_json(self, unchanged))
        }

        fn from_pages(
            head: &Value,
            pages: &[PageText],
        ) -> Result<(Self, Vec<Vec<RecordId>>), DecodeError> {
            from_json(head, pages)
        }
    };
}

/// The migration of an aggregate whose schema went up by one when it was first stored in
/// pages: the data of a value stored whole did not change.
fn stored_whole_before(from: u32, data: Value, schema: u32) -> Result<Value, String> {
    if from + 1 == schema {
        Ok(data)
    } else {
        Err(format!("no migration from schema {from} to {schema}"))
    }
}

/// Schema 2 is stored in pages (`super::pages`); the data of a value stored whole is the same.
impl Aggregate for Inbox {
    const NAME: &'static str = "inbox";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "your inbox";
    paged_storage!();

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        stored_whole_before(from, data, Self::SCHEMA)
    }
}

impl Aggregate for Cart {
    const NAME: &'static str = "cart";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your cart";
    const MERGES: bool = true;

    fn merged(base: &Cart, mine: &Cart, theirs: &Cart) -> Option<Cart> {
        Some(Cart::merged(base, mine, theirs))
    }
}

/// No account until the shopper signs up.
impl Aggregate for Option<Account> {
    const NAME: &'static str = "account";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your account";
}

/// Schema 2 is stored in pages (`super::pages`); the data of a value stored whole is the same.
impl Aggregate for OrderBook {
    const NAME: &'static str = "orders";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "your orders";
    paged_storage!();

    fn check(&self) -> Result<(), String> {
        self.check_invariants()
    }

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        stored_whole_before(from, data, Self::SCHEMA)
    }
}

/// Schema 2: a payment's due date is the business day the money moves (see
/// [`super::migrations::payments_1_to_2`]). Schema 3 keeps each payment's interest, the
/// plan's APR and the principal refunds took off (see [`super::payments_migration`]).
/// Schema 4 is stored in pages (`super::pages`), with the data of schema 3.
impl Aggregate for PaymentsState {
    const NAME: &'static str = "payments";
    const SCHEMA: u32 = 4;
    const LABEL: &'static str = "your payment plans and methods";
    paged_storage!();

    fn check(&self) -> Result<(), String> {
        self.check_invariants()
    }

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let data = match from {
            1 => super::migrations::payments_1_to_2(data)?,
            2 | 3 => data,
            other => return Err(format!("no migration from schema {other}")),
        };
        match from {
            1 | 2 => super::payments_migration::payments_2_to_3(data),
            _ => Ok(data),
        }
    }
}

/// Schema 2 no longer holds the simulation settings (`simulation`), which became their own
/// aggregate; `super::legacy` copies them out of a schema 1 value before it is migrated.
impl Aggregate for MockKlarna {
    const NAME: &'static str = "klarna";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "the simulated Klarna provider";

    fn check(&self) -> Result<(), String> {
        self.check_invariants()
    }

    fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
        if from != 1 {
            return Err(format!(
                "no migration from schema {from} to {}",
                Self::SCHEMA
            ));
        }
        data.as_object_mut()
            .ok_or("the provider's state is not an object")?
            .remove("simulation");
        Ok(data)
    }
}

/// Schema 2 stores the simulated offset in milliseconds (`offset_millis`); schema 1 stored
/// whole seconds (`offset_seconds`), which lost up to a second at every reload.
impl Aggregate for ClockState {
    const NAME: &'static str = "clock";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "the simulated clock";

    fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
        if from != 1 {
            return Err(format!(
                "no migration from schema {from} to {}",
                Self::SCHEMA
            ));
        }
        let clock = data
            .get_mut("clock")
            .and_then(Value::as_object_mut)
            .ok_or("the clock has no \"clock\" object")?;
        let seconds = clock
            .remove("offset_seconds")
            .and_then(|s| s.as_i64())
            .ok_or("the clock has no whole-second \"offset_seconds\"")?;
        let millis = seconds
            .checked_mul(1000)
            .ok_or("the clock offset is out of range")?;
        clock.insert("offset_millis".into(), Value::from(millis));
        Ok(data)
    }
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

/// The simulation panel's settings, saved apart from the provider's state (older versions
/// kept them inside it: see [`super::legacy`]).
impl Aggregate for SimulationSettings {
    const NAME: &'static str = "simulation";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "the simulation settings";
}
