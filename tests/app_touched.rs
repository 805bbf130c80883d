//! The flows report which aggregates they changed, and the app saves only those
//! (`Touched`). A change without its flag would be lost on reload, so these tests run the
//! flows over a real history and check every flag left down against a copy taken before.

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::order_actions::act_on_order;
use bnpl_market::app::time::{advance, Touched};
use bnpl_market::app::OrderBook;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::klarna::MockKlarna;
use chrono::Duration;
use futures::executor::block_on;
use support::{monday, Shop};

/// A copy of what a flow may change, taken before it runs.
#[derive(PartialEq)]
struct Aggregates {
    orders: OrderBook,
    payments: PaymentsState,
    provider: MockKlarna,
    inbox: Inbox,
}

/// Copying and checking what the flows report.
impl Shop {
    fn aggregates(&self) -> Aggregates {
        Aggregates {
            orders: self.orders.clone(),
            payments: self.payments.clone(),
            provider: self.provider.clone(),
            inbox: self.inbox.clone(),
        }
    }

    /// Panics when an aggregate changed although its flag is down.
    fn check_flags(&self, before: &Aggregates, touched: Touched, what: &str) {
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

fn shop_with_history(count: usize) -> Shop {
    let mut shop = Shop::new();
    shop.history(count, monday());
    shop
}

#[test]
fn moving_the_clock_reports_every_aggregate_it_changes_and_not_the_others() {
    let mut shop = shop_with_history(40);
    // Three months in steps of six hours, as the clock moves: reminders, collections,
    // parcels, refunds, lapses and forgotten idempotency keys all happen in here.
    let mut steps_with_events = 0;
    // Whether a step with events left orders, provider, payments alone (and so unwritten):
    // the flags must not simply all be raised.
    let mut spared = [false; 3];
    let mut cursor = monday();
    while cursor < monday() + Duration::days(90) {
        let next = cursor + Duration::hours(6);
        let before = shop.aggregates();
        let progress = block_on(advance(shop.world(), cursor, next));
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
    let mut shop = shop_with_history(10);
    let to = monday() + Duration::days(20);
    block_on(advance(shop.world(), monday(), to));
    let before = shop.aggregates();
    let progress = block_on(advance(shop.world(), monday(), to));
    assert_eq!(progress.events, 0);
    assert_eq!(progress.touched, Touched::default());
    assert!(shop.aggregates() == before);
}

#[test]
fn an_order_action_reports_what_it_changed() {
    for scenario in Scenario::ALL {
        let mut shop = Shop::new();
        let id = shop.seed(scenario, monday());
        let now = monday() + Duration::hours(1);
        let before = shop.aggregates();
        let acted = block_on(act_on_order(shop.world(), &id, now, |o| {
            o.request_cancellation(now)
        }))
        .unwrap();
        shop.check_flags(&before, acted.touched, "request cancellation");
        assert!(acted.touched.orders);

        let later = now + Duration::hours(2);
        let before = shop.aggregates();
        let acted = block_on(act_on_order(shop.world(), &id, later, |o| {
            o.answer_cancellation(true, later)
        }))
        .unwrap();
        shop.check_flags(&before, acted.touched, "cancellation accepted");
        assert!(acted.touched.payments, "{scenario:?}: the plan is refunded");

        let before = shop.aggregates();
        block_on(act_on_order(shop.world(), &id, later, |o| {
            o.request_cancellation(later)
        }))
        .unwrap_err();
        assert!(
            shop.aggregates() == before,
            "a refused action changes nothing"
        );
    }
}
