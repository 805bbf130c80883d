//! Placing an order: the priced cart becomes lines and packages, the monitoring rules run,
//! and each package gets its seeded shipping plan.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::carrier::Carrier;
use super::effects::Outcome;
use super::monitoring::{check_order, FraudReview, FraudStatus, OrderProfile, PastOrder, RiskFlag};
use super::order::{Order, OrderLine};
use super::package::{DayRange, DeliveryEstimate, Package, PackageId, PackageStatus};
use super::seed::{seed_from_id, Draws};
use super::tracking::origin_country;
use crate::domain::calendar::add_business_days;
use crate::domain::cart::Cart;
use crate::domain::catalog::{delivery_window, BusinessDayRange, Catalog};
use crate::domain::market::Market;
use crate::domain::money::Money;

pub struct NewOrder<'a> {
    pub id: String,
    pub placed_at: DateTime<Utc>,
    pub market: Market,
    /// ISO codes: "US", "GB"...
    pub account_country: String,
    pub shipping_country: String,
    pub cart: &'a Cart,
    pub catalog: &'a Catalog,
    /// The shopper's earlier orders, for the monitoring rules.
    pub history: &'a [PastOrder],
    /// The payment provider's fraud status for its order, given the flags of
    /// [`screen_cart`]: anything but ACCEPTED holds the order until the provider's verdict.
    pub provider_fraud_status: FraudStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceError {
    EmptyCart,
    /// Every line names something the catalog no longer sells.
    NothingAvailable,
}

impl fmt::Display for PlaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlaceError::EmptyCart => "Your cart is empty.",
            PlaceError::NothingAvailable => "Nothing in your cart is available any more.",
        })
    }
}

impl std::error::Error for PlaceError {}

impl Order {
    /// Places an order for the available lines of `cart` (lines the catalog no longer has
    /// are left out, as the priced cart already shows them). One package per seller and
    /// delivery option: a seller sends items the shopper chose different speeds for as
    /// separate parcels, since one box cannot travel at two speeds.
    pub fn place(new: NewOrder<'_>) -> Result<(Order, Outcome), PlaceError> {
        if new.cart.is_empty() {
            return Err(PlaceError::EmptyCart);
        }
        let priced = new.cart.price(new.catalog, new.market);
        if priced.lines.is_empty() {
            return Err(PlaceError::NothingAvailable);
        }
        let currency = new.market.currency();
        let mut lines: Vec<OrderLine> = Vec::with_capacity(priced.lines.len());
        let mut packages: Vec<Package> = Vec::new();
        for priced_line in &priced.lines {
            let cart_line = &new.cart.lines()[priced_line.index];
            let product = new
                .catalog
                .product(&cart_line.product_id)
                .expect("a priced line resolves in the catalog");
            let seller = new.catalog.seller_of(product);
            let option = product
                .delivery_option(&cart_line.delivery_option_id)
                .expect("a priced line has its delivery option");
            let number = lines.len() as u32 + 1;
            lines.push(OrderLine {
                number,
                product_id: cart_line.product_id.clone(),
                variant_id: cart_line.variant_id.clone(),
                product_name: priced_line.product_name.clone(),
                variant_label: priced_line.variant_label.clone(),
                quantity: cart_line.quantity.get(),
                unit_price: priced_line.unit_price,
                items_total: priced_line.line_total,
                delivery_option_id: option.id.clone(),
                delivery_name: option.name.clone(),
                shipping: priced_line.shipping,
            });
            let line_amount = priced_line.line_total + priced_line.shipping;
            let existing = packages
                .iter_mut()
                .find(|p| p.seller_id == seller.id && p.delivery_option_id == option.id);
            match existing {
                Some(package) => {
                    package.lines.push(number);
                    package.amount = package.amount + line_amount;
                }
                None => {
                    let package_number = packages.len() as u32 + 1;
                    packages.push(Package {
                        id: PackageId::new(&new.id, package_number),
                        number: package_number,
                        seller_id: seller.id.clone(),
                        seller_name: seller.name.clone(),
                        seller_location: seller.location.clone(),
                        origin_country: origin_country(&seller.location),
                        seller_trusted: seller.trust().trusted,
                        lines: vec![number],
                        amount: line_amount,
                        delivery_option_id: option.id.clone(),
                        delivery_name: option.name.clone(),
                        handling: DayRange {
                            min: seller.handling.min(),
                            max: seller.handling.max(),
                        },
                        transit: DayRange {
                            min: option.transit.min(),
                            max: option.transit.max(),
                        },
                        // Placeholders until the order is released to sellers, which
                        // plans them; nothing shows them before (`Order::package_dates`).
                        ship_by: new.placed_at.date_naive(),
                        planned_ship_at: new.placed_at,
                        transit_days: option.transit.max(),
                        estimate: DeliveryEstimate {
                            earliest: new.placed_at.date_naive(),
                            latest: new.placed_at.date_naive(),
                        },
                        carrier: Carrier::Ups,
                        tracking_number: None,
                        tracking_plan: Vec::new(),
                        tracking: Vec::new(),
                        status: PackageStatus::AwaitingShipment,
                        shipped_at: None,
                        delivered_at: None,
                        seller_misses_handling: false,
                        replaces: None,
                        captured: Money::zero(currency),
                        refunded: Money::zero(currency),
                        waived: Money::zero(currency),
                    });
                }
            }
        }

        let flags = screen_cart(&new);

        let mut order = Order {
            seed: seed_from_id(&new.id),
            id: new.id,
            placed_at: new.placed_at,
            market: new.market,
            account_country: new.account_country,
            shipping_country: new.shipping_country,
            lines,
            packages,
            status: super::lifecycle::OrderStatus::AwaitingPayment,
            review: FraudReview {
                status: FraudStatus::Pending,
                flags,
                decided_at: None,
                message: String::new(),
                verdict_due_at: None,
            },
            cancellation: None,
            returns: Vec::new(),
            disputes: Vec::new(),
            receipt_confirmed_at: None,
            receipt_auto_confirmed: false,
            authorization_released: false,
            completed_at: None,
            refunds: Vec::new(),
            timeline: Vec::new(),
        };
        let at = order.placed_at;
        order.record(
            at,
            format!(
                "Order placed: {} in {}.",
                order.total(),
                order.package_count()
            ),
        );
        let mut outcome = Outcome::default();
        if new.provider_fraud_status == FraudStatus::Accepted {
            order.review.status = FraudStatus::Accepted;
            order.review.decided_at = Some(at);
            order.release_to_sellers(at);
            let body = format!(
                "Thanks for your order {}: {} in {}, estimated delivery {}.",
                order.id,
                order.total(),
                order.package_count(),
                order.estimate_label()
            );
            outcome
                .notifications
                .push(order.notification(at, "Order confirmed", body));
        } else {
            let reasons: Vec<&str> = order
                .review
                .flags
                .iter()
                .map(|f| f.reason.as_str())
                .collect();
            order.review.message = if reasons.is_empty() {
                "Our payment provider is checking this payment before the seller ships it."
                    .to_string()
            } else {
                format!(
                    "We're checking this order before the seller ships it: {}",
                    reasons.join(" ")
                )
            };
            order.record(at, "Held for review (fraud status PENDING).");
            outcome.notifications.push(order.notification(
                at,
                "We're checking your order",
                format!(
                    "Your order {} is held for a short review before the seller ships it. \
                     Its delivery dates are set once the review is done, and you will hear \
                     from us either way.",
                    order.id
                ),
            ));
        }
        Ok((order, outcome))
    }

    /// Hands the order to its sellers at `at`: handling time counts from here, so a review
    /// that held the order does not eat into the seller's days.
    pub(super) fn release_to_sellers(&mut self, at: DateTime<Utc>) {
        let released_on = at.date_naive();
        for package in &mut self.packages {
            plan_shipping(
                package,
                self.seed,
                at,
                released_on,
                self.market,
                &self.shipping_country,
            );
        }
        self.status =
            super::lifecycle::transition(self.status, super::lifecycle::Trigger::AcceptPayment)
                .expect("released from awaiting payment");
        let sellers = self.sent_to();
        self.record(
            at,
            format!("Payment authorized; the order was sent to {sellers}."),
        );
    }

    /// "Wed 11 Mar - Fri 20 Mar" across every package.
    pub fn estimate_label(&self) -> String {
        let earliest = self.packages.iter().map(|p| p.estimate.earliest).min();
        let latest = self.packages.iter().map(|p| p.estimate.latest).max();
        match (earliest, latest) {
            (Some(earliest), Some(latest)) => {
                crate::domain::catalog::DeliveryWindow { earliest, latest }.label()
            }
            _ => String::new(),
        }
    }
}

/// The monitoring rules' flags for the order `new` would place, before it exists: the app
/// sends them to the payment provider, whose fraud status then decides whether it is held.
pub fn screen_cart(new: &NewOrder<'_>) -> Vec<RiskFlag> {
    let priced = new.cart.price(new.catalog, new.market);
    let mut sellers: Vec<(String, bool)> = Vec::new();
    for line in &priced.lines {
        let product_id = &new.cart.lines()[line.index].product_id;
        let Some(product) = new.catalog.product(product_id) else {
            continue;
        };
        let seller = new.catalog.seller_of(product);
        if !sellers.iter().any(|(name, _)| name == &seller.name) {
            sellers.push((seller.name.clone(), seller.trust().trusted));
        }
    }
    let profile = OrderProfile {
        placed_at: new.placed_at,
        amount: priced.totals.grand_total,
        account_country: new.account_country.clone(),
        shipping_country: new.shipping_country.clone(),
        sellers,
    };
    check_order(&profile, new.history)
}

/// Seeds the package's ship day within handling, its transit days and its carrier.
fn plan_shipping(
    package: &mut Package,
    seed: u64,
    released_at: DateTime<Utc>,
    released_on: NaiveDate,
    market: Market,
    shipping_country: &str,
) {
    let mut draws = Draws::new(seed, "shipping-plan", u64::from(package.number));
    let handling_days = draws.between(package.handling.min, package.handling.max);
    let ship_date = add_business_days(released_on, handling_days, market);
    let hour = draws.between(9, 16);
    let minute = draws.between(0, 59);
    let ship_at = ship_date
        .and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"))
        .and_utc();
    // Handling of zero days would make the ship time precede the release on a late
    // release; the parcel then goes out an hour after it.
    package.planned_ship_at = ship_at.max(released_at + Duration::hours(1));
    package.ship_by = add_business_days(released_on, package.handling.max, market);
    // A same-day transit is treated as next-day (see `plan_tracking`).
    package.transit_days = draws.between(package.transit.min.max(1), package.transit.max.max(1));
    let window = delivery_window(
        released_on,
        BusinessDayRange::new(package.handling.min, package.handling.max),
        BusinessDayRange::new(package.transit.min.max(1), package.transit.max.max(1)),
        market,
    );
    package.estimate = DeliveryEstimate {
        earliest: window.earliest,
        latest: window.latest,
    };
    package.carrier = Carrier::for_destination(shipping_country, &mut draws);
}
