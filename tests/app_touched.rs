//! The flows report which aggregates they changed, and the app saves only those
//! (`Touched`). A change without its flag would be lost on reload, so these tests run the
//! flows over a real history and check every flag left down against a copy taken before.

use bnpl_market::app::demo_orders::{generate_history, seed_scenario, Scenario};
use bnpl_market::app::order_actions::act_on_order;
use bnpl_market::app::time::{advance, Touched, World};
use bnpl_market::app::OrderBook;
use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::catalog::Catalog;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::klarna::MockKlarna;
use chrono::{DateTime, Duration, TimeZone, Utc};

#[derive(Clone, PartialEq)]
struct Shop {
    orders: OrderBook,
    payments: PaymentsState,
    provider: MockKlarna,
    inbox: Inbox,
}

impl Shop {
    fn world(&mut self) -> World<'_, MockKlarna> {
        World {
            orders: &mut self.orders,
            payments: &mut self.payments,
            provider: &mut self.provider,
            inbox: &mut self.inbox,
        }
    }

    /// Panics when an aggregate changed although its flag is down.
    fn check_flags(&self, before: &Shop, touched: Touched, what: &str) {
        for (name, flag, unchanged) in [
            ("orders", touched.orders, self.orders == before.orders),
            (
                "payments",
                touched.payments,
                self.payments == before.payments,
            ),
            (
                "provider",
                touched.provider,
                self.provider == before.provider,
            ),
            ("inbox", touched.inbox, self.inbox == before.inbox),
        ] {
            assert!(
                flag || unchanged,
                "{what}: {name} changed but was not reported"
            );
        }
    }
}

fn account() -> Account {
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

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

fn empty_shop() -> Shop {
    Shop {
        orders: OrderBook::default(),
        payments: PaymentsState::new(5),
        provider: MockKlarna::new(3),
        inbox: Inbox::default(),
    }
}

fn shop_with_history(catalog: &Catalog, count: usize) -> Shop {
    let mut shop = empty_shop();
    generate_history(
        &mut shop.world(),
        catalog,
        &account(),
        "ada@example.com",
        count,
        start(),
    )
    .expect("the history is generated");
    shop
}

#[test]
fn moving_the_clock_reports_every_aggregate_it_changes_and_not_the_others() {
    let catalog = demo_catalog();
    let mut shop = shop_with_history(&catalog, 40);
    // Three months in steps of six hours, as the clock moves: reminders, collections,
    // parcels, refunds, lapses and forgotten idempotency keys all happen in here.
    let mut steps_with_events = 0;
    // Whether a step with events left orders, provider, payments alone (and so unwritten):
    // the flags must not simply all be raised.
    let mut spared = [false; 3];
    let mut cursor = start();
    while cursor < start() + Duration::days(90) {
        let next = cursor + Duration::hours(6);
        let before = shop.clone();
        let progress = advance(shop.world(), cursor, next);
        let touched = progress.touched;
        shop.check_flags(&before, touched, &format!("{cursor}..{next}"));
        if progress.events > 0 {
            steps_with_events += 1;
            spared[0] |= !touched.orders;
            spared[1] |= !touched.provider;
            spared[2] |= !touched.payments;
        } else {
            assert!(
                !touched.orders && !touched.payments && !touched.inbox,
                "{cursor}: without an event only the provider's housekeeping changes anything"
            );
        }
        cursor = next;
    }
    assert!(
        steps_with_events > 50,
        "{steps_with_events} steps with events"
    );
    assert_eq!(spared, [true, true, true], "orders, provider, payments");
}

#[test]
fn running_an_interval_again_touches_nothing_but_housekeeping() {
    let catalog = demo_catalog();
    let mut shop = shop_with_history(&catalog, 10);
    let to = start() + Duration::days(20);
    advance(shop.world(), start(), to);
    let before = shop.clone();
    let progress = advance(shop.world(), start(), to);
    assert_eq!(progress.events, 0);
    assert_eq!(progress.touched, Touched::default());
    assert!(shop == before);
}

#[test]
fn an_order_action_reports_what_it_changed() {
    let catalog = demo_catalog();
    for scenario in Scenario::ALL {
        let mut shop = empty_shop();
        let id = seed_scenario(
            &mut shop.world(),
            &catalog,
            &account(),
            "ada@example.com",
            scenario,
            start(),
        )
        .unwrap();
        let now = start() + Duration::hours(1);
        let before = shop.clone();
        let acted = act_on_order(shop.world(), &id, now, |o| o.request_cancellation(now)).unwrap();
        shop.check_flags(&before, acted.touched, "request cancellation");
        assert!(acted.touched.orders);

        let later = now + Duration::hours(2);
        let before = shop.clone();
        let acted = act_on_order(shop.world(), &id, later, |o| {
            o.answer_cancellation(true, later)
        })
        .unwrap();
        shop.check_flags(&before, acted.touched, "cancellation accepted");
        assert!(acted.touched.payments, "{scenario:?}: the plan is refunded");

        let before = shop.clone();
        act_on_order(shop.world(), &id, later, |o| o.request_cancellation(later)).unwrap_err();
        assert!(shop == before, "a refused action changes nothing");
    }
}
