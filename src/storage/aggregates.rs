//! The storage identity of each domain aggregate: its key, schema version and migrations.

use crate::domain::inbox::Inbox;

use super::envelope::Aggregate;

impl Aggregate for Inbox {
    const NAME: &'static str = "inbox";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your inbox";
}
