//! A whole shop for the application flows: the demo catalog, the shopper, the mock provider
//! and every aggregate a flow touches, with the flows the tests drive it through.

use bnpl_market::app::checkout::{place_order, start_session, Books, CheckoutError, Choice};
use bnpl_market::app::clock::ClockState;
use bnpl_market::app::demo_orders::{generate_history, seed_scenario, Scenario};
use bnpl_market::app::time::{advance, World};
use bnpl_market::app::OrderBook;
use bnpl_market::domain::account::Account;
use bnpl_market::domain::cart::Cart;
use bnpl_market::domain::catalog::Catalog;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::orders::OrderStatus;
use bnpl_market::domain::payments::{MethodId, PaymentMethod, PaymentsState};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::{MockKlarna, Session};
use bnpl_market::storage::envelope::{decode, encode};
use bnpl_market::storage::Aggregate;
use chrono::{DateTime, Duration, Utc};
use futures::executor::block_on;

use super::{cart_with_earbuds, monday, us_account, visa_debit};

pub struct Shop {
    pub catalog: Catalog,
    pub account: Account,
    pub provider: MockKlarna,
    pub orders: OrderBook,
    pub payments: PaymentsState,
    pub inbox: Inbox,
    pub clock: ClockState,
    pub cart: Cart,
}

impl Shop {
    /// Ada's shop as the demo scenarios start it: provider seed 3, payments seed 5, nothing
    /// saved, an empty cart.
    pub fn new() -> Shop {
        Shop::seeded(3, 5)
    }

    /// Ada's empty shop with other seeds for the provider and the payments.
    pub fn seeded(provider_seed: u64, payments_seed: u64) -> Shop {
        Shop {
            catalog: demo_catalog(),
            account: us_account(),
            provider: MockKlarna::new(provider_seed),
            orders: OrderBook::default(),
            payments: PaymentsState::new(payments_seed),
            inbox: Inbox::default(),
            clock: ClockState::default(),
            cart: Cart::new(),
        }
    }

    /// The checkout tests' shop: Ada saved a Visa debit card (method 1, expiring December
    /// 2030) on `monday()`; provider seed 11, payments seed 7.
    pub fn with_saved_card() -> Shop {
        Shop::seeded(11, 7).with_method(visa_debit((2030, 12), monday().date_naive()))
    }

    pub fn with_account(mut self, account: Account) -> Shop {
        self.account = account;
        self
    }

    pub fn with_method(mut self, method: PaymentMethod) -> Shop {
        self.payments.add_method(method);
        self
    }

    /// Two pairs of earbuds in the cart (`cart_with_earbuds`).
    pub fn with_earbuds_in_cart(mut self) -> Shop {
        self.cart = cart_with_earbuds(&self.catalog);
        self
    }

    pub fn world(&mut self) -> World<'_, MockKlarna> {
        self.world_and_clock().0
    }

    /// The world and the clock together, for the clock's flows.
    pub fn world_and_clock(&mut self) -> (World<'_, MockKlarna>, &mut ClockState) {
        let (world, clock, _, _) = self.parts();
        (world, clock)
    }

    /// Everything a flow changes, with the catalog and the shopper it reads beside it.
    fn parts(&mut self) -> (World<'_, MockKlarna>, &mut ClockState, &Catalog, &Account) {
        let Shop {
            catalog,
            account,
            provider,
            orders,
            payments,
            inbox,
            clock,
            cart: _,
        } = self;
        (
            World {
                orders,
                payments,
                provider,
                inbox,
            },
            clock,
            catalog,
            account,
        )
    }

    /// What a checkout call takes apart: the provider, the books it changes, and the catalog
    /// and the shopper it reads.
    pub fn checkout_parts(&mut self) -> (&mut MockKlarna, Books<'_>, &Catalog, &Account) {
        let Shop {
            catalog,
            account,
            provider,
            orders,
            payments,
            inbox,
            cart,
            ..
        } = self;
        (
            provider,
            Books {
                orders,
                payments,
                inbox,
                cart,
            },
            catalog,
            account,
        )
    }

    /// Pays for the cart with Pay in 4 and saved method 1 in the session `session_id`.
    pub fn place(
        &mut self,
        attempt: &str,
        session_id: &str,
        email: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<String, CheckoutError> {
        let method = self
            .payments
            .method(MethodId(1))
            .expect("the checkout tests' shop has saved method 1")
            .clone();
        let (provider, books, catalog, account) = self.checkout_parts();
        block_on(place_order(
            provider,
            books,
            catalog,
            account,
            &Choice {
                attempt,
                session_id,
                email,
                one_time_code: code,
                kind: PlanKind::PayIn4,
                method: &method,
                purchase_limit: None,
            },
            now,
        ))
    }

    /// Opens a session for the cart, then `place`s the order in it.
    pub fn checkout(
        &mut self,
        attempt: &str,
        email: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<String, CheckoutError> {
        let session = self.open_session(attempt, now)?;
        self.place(attempt, &session.session_id, email, code, now)
    }

    /// Opens the provider's US session for the cart, as checkout's first step does.
    pub fn open_session(
        &mut self,
        attempt: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, CheckoutError> {
        block_on(start_session(
            &mut self.provider,
            &self.cart,
            &self.catalog,
            Market::US,
            attempt,
            now,
        ))
    }

    /// Places the scenario's order at `now` and returns its id.
    pub fn seed(&mut self, scenario: Scenario, now: DateTime<Utc>) -> String {
        let (mut world, _, catalog, account) = self.parts();
        block_on(seed_scenario(
            &mut world,
            catalog,
            account,
            &account.email,
            scenario,
            now,
        ))
        .expect("the scenario places its order")
    }

    /// Places `count` generated orders, the last by `end`; returns how many it placed.
    pub fn history(&mut self, count: usize, end: DateTime<Utc>) -> usize {
        let (mut world, _, catalog, account) = self.parts();
        block_on(generate_history(
            &mut world,
            catalog,
            account,
            &account.email,
            count,
            end,
        ))
        .expect("the history is generated")
    }

    /// Runs everything due in `(from, to]` and fails the test on any problem, or if what it
    /// left would be refused when read back from storage.
    pub fn run(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
        let progress = block_on(advance(self.world(), from, to));
        assert!(progress.problems.is_empty(), "{:?}", progress.problems);
        self.assert_reads_back();
        progress.events
    }

    /// Every aggregate the flows change reads back from storage as it is: the checks made
    /// on load accept every state the shop reaches.
    pub fn assert_reads_back(&self) {
        fn reads_back<A: Aggregate + std::fmt::Debug>(value: &A) {
            let stored = decode::<A>(&encode(value, 1))
                .unwrap_or_else(|e| panic!("{} is refused: {}", A::LABEL, e.describe()));
            assert_eq!(&stored.value, value);
        }
        reads_back(&self.orders);
        reads_back(&self.payments);
        reads_back(&self.provider);
        reads_back(&self.inbox);
        reads_back(&self.cart);
    }

    /// Runs the clock in steps of six hours from `from` until order `id` reaches `status`,
    /// which it must within `within`; returns when it did.
    pub fn run_until(
        &mut self,
        id: &str,
        from: DateTime<Utc>,
        status: OrderStatus,
        within: Duration,
    ) -> DateTime<Utc> {
        let mut at = from;
        while self
            .orders
            .get(id)
            .expect("the order is in the book")
            .order
            .status()
            != status
        {
            assert!(
                at < from + within,
                "{status:?} within {} days",
                within.num_days()
            );
            self.run(at, at + Duration::hours(6));
            at += Duration::hours(6);
        }
        at
    }

    /// The subjects of the inbox, newest first.
    pub fn subjects(&self) -> Vec<String> {
        self.inbox
            .newest_first()
            .map(|m| m.subject.clone())
            .collect()
    }
}
