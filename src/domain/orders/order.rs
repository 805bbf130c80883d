//! The order aggregate: what was bought, its packages, its cases and everything that
//! happened. Fields are private to the orders module so every change goes through an
//! action or an event, which keep the state machine, the money ledger and the timeline
//! in step; the UI reads through the accessors.

use crate::domain::format;
use crate::domain::inbox::Sender;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::dispute_case::DisputeCase;
use super::effects::{Effect, Notification, TimelineEntry};
use super::lifecycle::{transition, OrderStatus, Progress, TransitionError, Trigger};
use super::monitoring::FraudReview;
use super::package::{Package, PackageId};
use super::refusal::Refusal;
use super::returns::ReturnCase;
use crate::domain::catalog::{DeliveryOptionId, ProductId, VariantId};
use crate::domain::market::Market;
use crate::domain::money::Money;

/// A seller has this long to answer a cancellation request before it is approved for them.
pub const SELLER_ANSWER_HOURS: i64 = 48;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// 1-based, in cart order.
    pub number: u32,
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub product_name: String,
    pub variant_label: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub items_total: Money,
    pub delivery_option_id: DeliveryOptionId,
    pub delivery_name: String,
    pub shipping: Money,
}

/// The first name and how many more: "Tent and 2 more"; "Tent" alone; "" for none.
pub fn purchase_name<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    match names.count() {
        0 => first.to_string(),
        more => format!("{first} and {more} more"),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationRequest {
    pub requested_at: DateTime<Utc>,
    pub answer: Option<CancellationAnswer>,
}

impl CancellationRequest {
    pub fn approve_by(&self) -> DateTime<Utc> {
        self.requested_at + Duration::hours(SELLER_ANSWER_HOURS)
    }

    pub fn is_pending(&self) -> bool {
        self.answer.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationAnswer {
    pub approved: bool,
    pub at: DateTime<Utc>,
    /// Approved because the seller did not answer within 48 hours.
    pub by_timeout: bool,
}

/// A refund row on the order page and in "My Klarna".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRecord {
    pub at: DateTime<Utc>,
    pub package: Option<PackageId>,
    pub amount: Money,
    pub captured_part: Money,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub(super) id: String,
    /// Drives every seeded choice; stored so a reloaded order replays identically.
    pub(super) seed: u64,
    pub(super) placed_at: DateTime<Utc>,
    pub(super) market: Market,
    pub(super) account_country: String,
    pub(super) shipping_country: String,
    pub(super) lines: Vec<OrderLine>,
    pub(super) packages: Vec<Package>,
    pub(super) status: OrderStatus,
    pub(super) review: FraudReview,
    pub(super) cancellation: Option<CancellationRequest>,
    pub(super) returns: Vec<ReturnCase>,
    pub(super) disputes: Vec<DisputeCase>,
    pub(super) receipt_confirmed_at: Option<DateTime<Utc>>,
    /// True when the receipt was confirmed by the auto-confirm period, not the shopper.
    pub(super) receipt_auto_confirmed: bool,
    pub(super) authorization_released: bool,
    pub(super) completed_at: Option<DateTime<Utc>>,
    pub(super) refunds: Vec<RefundRecord>,
    pub(super) timeline: Vec<TimelineEntry>,
}

impl Order {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn placed_at(&self) -> DateTime<Utc> {
        self.placed_at
    }

    pub fn market(&self) -> Market {
        self.market
    }

    pub fn account_country(&self) -> &str {
        &self.account_country
    }

    pub fn shipping_country(&self) -> &str {
        &self.shipping_country
    }

    pub fn lines(&self) -> &[OrderLine] {
        &self.lines
    }

    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    pub fn package(&self, id: &PackageId) -> Option<&Package> {
        self.packages.iter().find(|p| &p.id == id)
    }

    pub fn status(&self) -> OrderStatus {
        self.status
    }

    pub fn review(&self) -> &FraudReview {
        &self.review
    }

    pub fn cancellation(&self) -> Option<&CancellationRequest> {
        self.cancellation.as_ref()
    }

    pub fn returns(&self) -> &[ReturnCase] {
        &self.returns
    }

    pub fn disputes(&self) -> &[DisputeCase] {
        &self.disputes
    }

    pub fn receipt_confirmed_at(&self) -> Option<DateTime<Utc>> {
        self.receipt_confirmed_at
    }

    pub fn completed_at(&self) -> Option<DateTime<Utc>> {
        self.completed_at
    }

    pub fn refunds(&self) -> &[RefundRecord] {
        &self.refunds
    }

    /// Everything that happened, oldest first (entries at the same instant keep the order
    /// they happened in).
    pub fn timeline(&self) -> Vec<TimelineEntry> {
        let mut entries = self.timeline.clone();
        entries.sort_by_key(|e| e.at);
        entries
    }

    /// Items and delivery of every package, as authorized at checkout.
    pub fn total(&self) -> Money {
        Money::sum_in(
            self.market.currency(),
            self.packages
                .iter()
                .filter(|p| p.replaces.is_none())
                .map(|p| p.amount),
        )
    }

    pub fn refunded_total(&self) -> Money {
        Money::sum_in(
            self.market.currency(),
            self.refunds.iter().map(|r| r.amount),
        )
    }

    pub fn captured_total(&self) -> Money {
        Money::sum_in(
            self.market.currency(),
            self.packages.iter().map(|p| p.captured),
        )
    }

    /// What a shopper calls the purchase: "Aurora Wireless Earbuds", or "Aurora Wireless
    /// Earbuds and 2 more" for several lines.
    pub fn purchase_name(&self) -> String {
        purchase_name(self.lines.iter().map(|l| l.product_name.as_str()))
    }

    /// Who sells it: "Northwind Outfitters", or "Northwind Outfitters and 1 more" when the
    /// order's parcels come from several sellers.
    pub fn sellers_name(&self) -> String {
        purchase_name(self.seller_names().into_iter())
    }

    /// "the seller", or "its 2 sellers": who the order went to, in running text.
    pub fn sent_to(&self) -> String {
        match self.seller_names().len() {
            1 => "the seller".to_string(),
            n => format!("its {n} sellers"),
        }
    }

    /// "2 packages": how many the order ships in.
    pub fn package_count(&self) -> String {
        format::counted(self.packages.len() as u64, "package", "packages")
    }

    /// Each seller once, in package order: a seller can send more than one package.
    fn seller_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for package in &self.packages {
            if !names.contains(&package.seller_name.as_str()) {
                names.push(&package.seller_name);
            }
        }
        names
    }

    /// The in-app path of the order page, for inbox links.
    pub fn link(&self) -> String {
        format!("/orders/{}", self.id)
    }

    pub fn any_shipped(&self) -> bool {
        self.packages.iter().any(|p| p.has_shipped())
    }

    pub(super) fn package_mut(&mut self, id: &PackageId) -> Option<&mut Package> {
        self.packages.iter_mut().find(|p| &p.id == id)
    }

    pub(super) fn package_index(&self, id: &PackageId) -> Result<usize, TransitionError> {
        self.packages
            .iter()
            .position(|p| &p.id == id)
            .ok_or_else(|| TransitionError::new(self.status, format!("No package {id}.")))
    }

    pub(super) fn record(&mut self, at: DateTime<Utc>, text: impl Into<String>) {
        self.timeline.push(TimelineEntry {
            at,
            text: text.into(),
        });
    }

    pub(super) fn notification(
        &self,
        at: DateTime<Utc>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> Notification {
        Notification {
            from: Sender::Shop,
            at,
            subject: subject.into(),
            body: body.into(),
            link: Some(self.link()),
        }
    }

    /// Asks the state machine, then moves. Nothing else may write `status`.
    pub(super) fn apply_trigger(&mut self, trigger: Trigger) -> Result<(), TransitionError> {
        self.status = transition(self.status, trigger)?;
        Ok(())
    }

    pub(super) fn check_trigger(&self, trigger: Trigger) -> Result<(), TransitionError> {
        transition(self.status, trigger).map(|_| ())
    }

    /// An action's error for what its "may I?" answered.
    pub(super) fn refuse(&self, refusal: Refusal) -> TransitionError {
        TransitionError::refused(self.status, refusal)
    }

    /// Where the packages stand, ignoring open cases. Once anything shipped the order never
    /// reads "awaiting shipment" again, even if the shipped parcel is later refunded.
    pub(super) fn progress(&self) -> Progress {
        let live: Vec<&Package> = self.packages.iter().filter(|p| !p.is_closed()).collect();
        if live.is_empty() {
            Progress::Closed
        } else if live.iter().all(|p| p.is_delivered()) {
            Progress::Delivered
        } else if self.any_shipped() {
            Progress::Shipped
        } else {
            Progress::AwaitingShipment
        }
    }

    /// After a package moved: follow it with the order status (a no-op during a case).
    pub(super) fn follow_packages(&mut self) -> Result<(), TransitionError> {
        let progress = self.progress();
        self.apply_trigger(Trigger::PackagesMoved(progress))
    }

    /// The package whose money stands behind `index`: itself, or for an exchange's
    /// replacement (which cost nothing) the original it replaces.
    pub(super) fn paying_package(&self, index: usize) -> usize {
        match &self.packages[index].replaces {
            Some(original) => self.package_index(original).unwrap_or(index),
            None => index,
        }
    }

    /// What refunding package `index` in full gives back: its outstanding amount, or for a
    /// replacement the value of its lines, as far as the original still holds it.
    pub(super) fn refundable_value(&self, index: usize) -> Money {
        let package = &self.packages[index];
        if package.replaces.is_none() {
            return package.outstanding();
        }
        let value = Money::sum_in(
            self.market.currency(),
            self.lines
                .iter()
                .filter(|l| package.lines.contains(&l.number))
                .map(|l| l.items_total + l.shipping),
        );
        value.min(self.packages[self.paying_package(index)].outstanding())
    }

    /// Books a refund against the package that paid for `index` and returns the effect for
    /// the app.
    pub(super) fn refund_package(
        &mut self,
        index: usize,
        amount: Money,
        at: DateTime<Utc>,
        reason: &str,
    ) -> Option<Effect> {
        let index = self.paying_package(index);
        let package = &mut self.packages[index];
        let amount = amount.min(package.outstanding());
        if amount.is_zero() {
            return None;
        }
        let captured_part = package.take_back(amount);
        let id = package.id.clone();
        self.refunds.push(RefundRecord {
            at,
            package: Some(id.clone()),
            amount,
            captured_part,
            reason: reason.to_string(),
        });
        self.record(
            at,
            format!("Refund of {amount} for package {id}: {reason}."),
        );
        Some(Effect::Refund {
            package: Some(id),
            amount,
            captured_part,
            reason: reason.to_string(),
        })
    }

    /// Once no package can be captured any more, whatever was not captured is given up.
    pub(super) fn release_if_done(&mut self, at: DateTime<Utc>) -> Option<Effect> {
        let capture_pending = self
            .packages
            .iter()
            .any(|p| p.replaces.is_none() && !p.has_shipped() && !p.is_closed());
        let uncaptured = self
            .packages
            .iter()
            .any(|p| p.replaces.is_none() && p.captured < p.amount);
        if self.authorization_released || capture_pending || !uncaptured {
            return None;
        }
        self.authorization_released = true;
        self.record(at, "The rest of the payment authorization was released.");
        Some(Effect::ReleaseAuthorization)
    }
}

#[cfg(test)]
mod purchase_name_tests {
    use super::purchase_name;

    #[test]
    fn names_the_first_line_and_counts_the_rest() {
        assert_eq!(purchase_name(["Tent"].into_iter()), "Tent");
        assert_eq!(
            purchase_name(["Tent", "Mat", "Lamp"].into_iter()),
            "Tent and 2 more"
        );
        assert_eq!(purchase_name([].into_iter()), "");
    }
}
