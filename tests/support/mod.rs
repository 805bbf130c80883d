//! Shared set-up for the application tests: a US shopper, the demo catalog, the mock
//! provider and every aggregate a flow touches, with demo scenarios placed through the real
//! checkout flow.
#![allow(dead_code)]

use bnpl_market::app::clock::ClockState;
use bnpl_market::app::demo_orders::{seed_scenario, Scenario};
use bnpl_market::app::time::{advance, World};
use bnpl_market::app::OrderBook;
use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::klarna::MockKlarna;
use chrono::{DateTime, TimeZone, Utc};

/// Monday 2 March 2026, 10:00 UTC: a business day in both markets, far from holidays.
pub fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

pub fn us_account() -> Account {
    Account {
        name: "Ada Shopper".into(),
        email: "ada@example.com".into(),
        address: Address {
            line1: "1 Main St".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        },
        market: Market::US,
    }
}

/// A cart holding two pairs of the demo catalog's earbuds, standard delivery.
pub fn cart_with_earbuds(catalog: &Catalog) -> Cart {
    let product = catalog
        .product(&ProductId::new("aurora-wireless-earbuds"))
        .expect("the demo catalog sells the earbuds");
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= 5)
        .expect("a variant in stock");
    let mut cart = Cart::new();
    cart.add(
        catalog,
        CartLine {
            product_id: product.id.clone(),
            variant_id: variant.id.clone(),
            quantity: Quantity::new(2).expect("2 is a valid quantity"),
            delivery_option_id: DeliveryOptionId::new("standard"),
        },
    )
    .expect("the earbuds go in the cart");
    cart
}

pub struct Shop {
    pub catalog: Catalog,
    pub account: Account,
    pub provider: MockKlarna,
    pub orders: OrderBook,
    pub payments: PaymentsState,
    pub inbox: Inbox,
    pub clock: ClockState,
}

impl Shop {
    pub fn new() -> Shop {
        Shop {
            catalog: demo_catalog(),
            account: us_account(),
            provider: MockKlarna::new(3),
            orders: OrderBook::default(),
            payments: PaymentsState::new(5),
            inbox: Inbox::default(),
            clock: ClockState::default(),
        }
    }

    pub fn world(&mut self) -> World<'_, MockKlarna> {
        World {
            orders: &mut self.orders,
            payments: &mut self.payments,
            provider: &mut self.provider,
            inbox: &mut self.inbox,
        }
    }

    /// The world and the clock together, for the clock's flows.
    pub fn world_and_clock(&mut self) -> (World<'_, MockKlarna>, &mut ClockState) {
        (
            World {
                orders: &mut self.orders,
                payments: &mut self.payments,
                provider: &mut self.provider,
                inbox: &mut self.inbox,
            },
            &mut self.clock,
        )
    }

    /// Places the scenario's order at `now` and returns its id.
    pub fn seed(&mut self, scenario: Scenario, now: DateTime<Utc>) -> String {
        let catalog = self.catalog.clone();
        let account = self.account.clone();
        seed_scenario(
            &mut self.world(),
            &catalog,
            &account,
            "ada@example.com",
            scenario,
            now,
        )
        .expect("the scenario places its order")
    }

    /// Runs everything due in `(from, to]` and fails the test on any problem.
    pub fn run(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
        let progress = advance(self.world(), from, to);
        assert!(progress.problems.is_empty(), "{:?}", progress.problems);
        progress.events
    }

    pub fn subjects(&self) -> Vec<String> {
        self.inbox
            .newest_first()
            .map(|m| m.subject.clone())
            .collect()
    }
}
