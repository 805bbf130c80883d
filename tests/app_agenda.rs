//! The clock's agenda (`app::agenda`) against the loop it replaced: before it, each step of
//! `time::advance` asked every order and every plan what was due. That loop is kept here, as
//! it was, as the reference: over a generated history and from every starting point, a year
//! run either way must end in the same shop, event for event.

mod support;

use bnpl_market::app::refunds::retry_pending_refunds;
use bnpl_market::app::review::advance_order;
use bnpl_market::app::settlement::carry_out;
use bnpl_market::app::starting_points::StartingPoint;
use bnpl_market::app::time::{advance, World};
use bnpl_market::app::ShopData;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::engine::{next_event_instant, run};
use bnpl_market::klarna::PaymentProvider;
use chrono::{DateTime, Duration, Utc};
use futures::executor::block_on;
use support::{monday, Shop};

const MAX_STEPS: usize = 1_000_000;

/// `time::advance` before the agenda (a693350), less its bookkeeping of what changed: the
/// number of events it ran, and its problems.
async fn reference_advance<P: PaymentProvider>(
    world: World<'_, P>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> (usize, Vec<String>) {
    let World {
        orders,
        payments,
        provider,
        inbox,
    } = world;
    let (mut problems, _) = retry_pending_refunds(
        World {
            orders: &mut *orders,
            payments: &mut *payments,
            provider: &mut *provider,
            inbox: &mut *inbox,
        },
        from,
    )
    .await;
    let mut events = 0;
    let mut cursor = from;
    for _ in 0..MAX_STEPS {
        let next_order = orders.next_event().filter(|at| *at <= to);
        let next_payment = next_event_instant(payments, cursor).filter(|at| *at <= to);
        let step_to = match (next_order, next_payment) {
            (None, None) => break,
            (Some(o), Some(p)) => o.min(p),
            (Some(o), None) => o,
            (None, Some(p)) => p,
        };
        let events_before = events;
        if next_order.is_some_and(|o| o <= step_to) {
            for record in orders.records_mut_where(|_| true) {
                for (event, outcome) in advance_order(record, &*provider, &*payments, step_to).await
                {
                    events += 1;
                    for note in outcome.notifications {
                        note.deliver_to(inbox);
                    }
                    problems.extend(
                        carry_out(outcome.effects, record, provider, payments, event.at).await,
                    );
                }
            }
        }
        if step_to > cursor {
            for applied in run(payments, cursor, step_to) {
                events += 1;
                for note in applied.notifications {
                    note.deliver_to(inbox);
                }
            }
            cursor = step_to;
        } else if events == events_before {
            problems.push(format!("stuck at {step_to}"));
            break;
        }
    }
    if to > cursor {
        for applied in run(payments, cursor, to) {
            events += 1;
            for note in applied.notifications {
                note.deliver_to(inbox);
            }
        }
    }
    provider.expire_due(to);
    (events, problems)
}

/// The parts of a shop the engine changes, compared whole.
fn same_shop(what: &str, a: &ShopData, b: &ShopData) {
    assert!(a.orders == b.orders, "{what}: orders");
    assert!(a.payments == b.payments, "{what}: plans");
    assert!(a.provider == b.provider, "{what}: provider");
    assert!(a.inbox == b.inbox, "{what}: inbox");
}

/// Runs `(from, from + 365 days]` in steps of `step`, both ways, from the same shop.
fn a_year_both_ways(what: &str, shop: &ShopData, from: DateTime<Utc>, step: Duration) -> usize {
    let end = from + Duration::days(365);
    let (mut agenda, mut reference) = (shop.clone(), shop.clone());
    let (mut agenda_events, mut reference_events) = (0, 0);
    let mut at = from;
    while at < end {
        let next = (at + step).min(end);
        let progress = block_on(advance(
            World {
                orders: &mut agenda.orders,
                payments: &mut agenda.payments,
                provider: &mut agenda.provider,
                inbox: &mut agenda.inbox,
            },
            at,
            next,
        ));
        assert!(
            progress.problems.is_empty(),
            "{what}: {:?}",
            progress.problems
        );
        agenda_events += progress.events;
        let (events, problems) = block_on(reference_advance(
            World {
                orders: &mut reference.orders,
                payments: &mut reference.payments,
                provider: &mut reference.provider,
                inbox: &mut reference.inbox,
            },
            at,
            next,
        ));
        assert!(problems.is_empty(), "{what}: {problems:?}");
        reference_events += events;
        at = next;
    }
    assert_eq!(agenda_events, reference_events, "{what}: events");
    same_shop(what, &agenda, &reference);
    agenda_events
}

#[test]
fn a_year_over_a_generated_history_is_the_same_as_with_the_loop_it_replaced() {
    let start = monday();
    let mut history = Shop::new();
    history.history(60, start);
    let shop = ShopData {
        orders: history.orders,
        payments: history.payments,
        provider: history.provider,
        inbox: history.inbox,
        ..ShopData::default()
    };
    for step in [Duration::days(365), Duration::days(7)] {
        let what = format!("60 orders, steps of {} days", step.num_days());
        let events = a_year_both_ways(&what, &shop, start, step);
        assert!(events > 100, "{what}: a year runs events ({events})");
    }
}

#[test]
fn a_year_from_every_starting_point_is_the_same_as_with_the_loop_it_replaced() {
    let catalog = demo_catalog();
    for point in StartingPoint::ALL {
        let mut shop = ShopData::default();
        block_on(shop.state().start_from(&catalog, point, monday()))
            .unwrap_or_else(|why| panic!("{point:?}: {why}"));
        let from = shop.clock.now(monday());
        for step in [Duration::days(365), Duration::days(1)] {
            let what = format!("{point:?}, steps of {} days", step.num_days());
            a_year_both_ways(&what, &shop, from, step);
        }
    }
}
