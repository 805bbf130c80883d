//! The simulated clock's flows, natively: each move goes where it says (the next payment,
//! the next parcel update), and catching up runs what fell due while the shop was closed.

mod support;

use bnpl_market::app::clock::{ClockMove, ClockRefusal};
use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::starting_points::StartingPoint;
use bnpl_market::app::time::{advance, catch_up, move_clock_to};
use bnpl_market::app::ShopData;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::orders::PackageStatus;
use bnpl_market::domain::payments::{collection_instant, PaymentDisplayStatus};
use chrono::Duration;
use futures::executor::block_on;
use support::{monday, Shop};

fn paid_count(shop: &Shop, id: &str) -> usize {
    let plan = shop.payments.account(id).expect("the order has a plan");
    plan.installments
        .iter()
        .filter(|i| plan.display_status(i.number) == Some(PaymentDisplayStatus::Paid))
        .count()
}

/// Issue 9, defect 5: from a new pay-in-4 order, eight presses of "to next due" stopped at
/// parcel scans and never reached the first payment. "Next payment" reaches each payment
/// in turn, one press each.
#[test]
fn next_payment_goes_to_each_payment_in_turn_past_every_parcel_scan() {
    let mut shop = Shop::new();
    let real = monday();
    let id = shop.seed(Scenario::PayIn4Card, real);
    shop.clock.processed_until = Some(real);
    let dues: Vec<_> = shop.payments.account(&id).unwrap().installments[1..]
        .iter()
        .map(|i| collection_instant(i.due))
        .collect();
    for (press, due) in dues.iter().enumerate() {
        let target = shop
            .clock
            .target_of(ClockMove::NextPayment, real, &shop.orders, &shop.payments)
            .expect("a payment is scheduled");
        assert_eq!(
            target,
            *due,
            "press {} goes to payment {}",
            press + 1,
            press + 2
        );
        let (world, clock) = shop.world_and_clock();
        let moved = block_on(move_clock_to(world, clock, target, real)).expect("forward");
        assert!(
            moved.progress.problems.is_empty(),
            "{:?}",
            moved.progress.problems
        );
        assert_eq!(paid_count(&shop, &id), press + 2, "one payment per press");
    }
    assert_eq!(
        shop.clock
            .target_of(ClockMove::NextPayment, real, &shop.orders, &shop.payments),
        Err(ClockRefusal::NoPaymentScheduled)
    );
}

#[test]
fn next_parcel_update_goes_to_the_shipment_then_each_scan_and_never_to_a_payment() {
    let mut shop = Shop::new();
    let real = monday();
    let id = shop.seed(Scenario::PayIn4Card, real);
    shop.clock.processed_until = Some(real);
    let first_due = collection_instant(shop.payments.account(&id).unwrap().installments[1].due);
    let mut stops = 0;
    loop {
        let target = match shop.clock.target_of(
            ClockMove::NextParcelUpdate,
            real,
            &shop.orders,
            &shop.payments,
        ) {
            Ok(target) => target,
            Err(refusal) => {
                assert_eq!(refusal, ClockRefusal::NoParcelUpdate);
                break;
            }
        };
        assert_ne!(target, first_due, "a parcel update is not a payment");
        let scans_before = shop.orders.get(&id).unwrap().order.packages()[0]
            .tracking
            .len();
        let status_before = shop.orders.get(&id).unwrap().order.packages()[0]
            .status
            .clone();
        let (world, clock) = shop.world_and_clock();
        block_on(move_clock_to(world, clock, target, real)).expect("forward");
        let package = &shop.orders.get(&id).unwrap().order.packages()[0];
        assert!(
            package.tracking.len() > scans_before || package.status != status_before,
            "each stop is news about the parcel"
        );
        stops += 1;
        assert!(stops < 20, "a parcel's updates are finite");
    }
    assert_eq!(
        shop.orders.get(&id).unwrap().order.packages()[0].status,
        PackageStatus::Delivered
    );
    assert!(
        stops >= 3,
        "shipped, scanned on its way and delivered: {stops} stops"
    );
}

#[test]
fn catching_up_runs_what_fell_due_while_the_shop_was_closed_once() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    shop.clock.processed_until = Some(monday());
    // The shop reopens 15 real days later with no simulated offset.
    let reopened = monday() + Duration::days(15);
    let (world, clock) = shop.world_and_clock();
    let caught_up = block_on(catch_up(world, clock, reopened));
    assert!(caught_up.clock_changed);
    assert!(caught_up.progress.events > 0);
    assert!(caught_up.progress.touched.payments);
    assert_eq!(shop.clock.processed_until, Some(reopened));
    assert_eq!(
        paid_count(&shop, &id),
        2,
        "payment 2, due after 14 days, collected"
    );

    let orders = shop.orders.clone();
    let payments = shop.payments.clone();
    let (world, clock) = shop.world_and_clock();
    let again = block_on(catch_up(world, clock, reopened));
    assert!(!again.clock_changed, "nothing more to record");
    assert_eq!(again.progress.events, 0);
    assert_eq!(shop.orders, orders);
    assert_eq!(shop.payments, payments);
}

#[test]
fn a_move_into_the_past_is_refused_and_changes_nothing() {
    let mut shop = Shop::new();
    shop.seed(Scenario::PayIn4Card, monday());
    let (world, clock) = shop.world_and_clock();
    block_on(move_clock_to(
        world,
        clock,
        monday() + Duration::days(3),
        monday(),
    ))
    .unwrap();
    let before = shop.clock.clone();
    let (world, clock) = shop.world_and_clock();
    let refused = block_on(move_clock_to(
        world,
        clock,
        monday() + Duration::days(1),
        monday(),
    ));
    assert!(matches!(refused, Err(ClockRefusal::Backwards(_))));
    assert_eq!(shop.clock, before);
}

/// A clock move looks only at the orders and plans its agenda says are due (`app::agenda`).
/// Were an order or a plan left out of the agenda after it changed, one long move would skip
/// its later events, while short moves, each starting a new agenda, would not: so a year over
/// a generated history must come out the same in one move, in weekly stops and in steps of
/// 13 hours.
#[test]
fn a_year_over_a_history_is_the_same_in_one_move_as_in_many_short_ones() {
    let start = monday();
    let end = start + Duration::days(365);
    let history = || {
        let mut shop = Shop::new();
        shop.history(80, start);
        shop
    };
    // `Shop::run` also reads every aggregate back from storage after each run, which would
    // make 700 short runs slow; the year's end state is read back once instead.
    let run = |shop: &mut Shop, from, to| {
        let progress = block_on(advance(shop.world(), from, to));
        assert!(progress.problems.is_empty(), "{:?}", progress.problems);
        progress.events
    };
    let mut one_move = history();
    let events = run(&mut one_move, start, end);
    one_move.assert_reads_back();
    assert!(events > 100, "a year over 80 orders runs events ({events})");

    for step in [Duration::days(7), Duration::hours(13)] {
        let mut stepped = history();
        let mut at = start;
        let mut stepped_events = 0;
        while at < end {
            let next = (at + step).min(end);
            stepped_events += run(&mut stepped, at, next);
            at = next;
        }
        let hours = step.num_hours();
        assert_eq!(stepped_events, events, "events in steps of {hours} h");
        assert!(
            stepped.orders == one_move.orders,
            "orders in steps of {hours} h"
        );
        assert!(
            stepped.payments == one_move.payments,
            "plans in steps of {hours} h"
        );
        assert!(
            stepped.provider == one_move.provider,
            "provider in steps of {hours} h"
        );
        assert!(
            stepped.inbox == one_move.inbox,
            "inbox in steps of {hours} h"
        );
    }
}

/// The same over every starting point, through the facade's clock moves as the clock bar
/// makes them: returns being refunded, disputes, late payments and financing change a plan
/// from an order's event, which the agenda must see.
#[test]
fn a_year_from_each_starting_point_is_the_same_in_one_move_as_in_weekly_and_daily_ones() {
    let catalog = demo_catalog();
    let started = |point: StartingPoint| {
        let mut data = ShopData::default();
        block_on(data.state().start_from(&catalog, point, monday()))
            .unwrap_or_else(|why| panic!("{point:?}: {why}"));
        data
    };
    for point in StartingPoint::ALL {
        let moved = |step: Duration| {
            let mut data = started(point);
            let from = data.clock.now(monday());
            let end = from + Duration::days(365);
            let mut at = from;
            let mut events = 0;
            while at < end {
                at = (at + step).min(end);
                let progress = block_on(data.state().move_clock_to(at, monday()))
                    .unwrap_or_else(|why| panic!("{point:?}: {why}"));
                assert!(
                    progress.problems.is_empty(),
                    "{point:?}: {:?}",
                    progress.problems
                );
                events += progress.events;
            }
            (data, events)
        };
        let (one_move, events) = moved(Duration::days(365));
        // A fresh shopper has bought nothing, so nothing happens in their year.
        assert_eq!(
            events > 0,
            point != StartingPoint::FreshShopper,
            "{point:?}: {events} events"
        );
        for step in [Duration::days(7), Duration::days(1)] {
            let (stepped, stepped_events) = moved(step);
            let days = step.num_days();
            assert_eq!(
                stepped_events, events,
                "{point:?}: events in steps of {days} days"
            );
            assert!(
                stepped.orders == one_move.orders,
                "{point:?}: orders, steps of {days} days"
            );
            assert!(
                stepped.payments == one_move.payments,
                "{point:?}: plans, steps of {days} days"
            );
            assert!(
                stepped.inbox == one_move.inbox,
                "{point:?}: inbox, steps of {days} days"
            );
        }
    }
}
