//! The engine contract: ordered, idempotent, path-independent, and the money ledger stays
//! consistent whatever happens.

use chrono::Duration;
use proptest::prelude::*;

use super::*;

#[test]
fn due_events_are_in_time_order_and_bounded_by_to() {
    let order = place("E-1", &[("lamp", 1, "standard"), ("kettle", 1, "premium")]);
    let to = monday() + Duration::days(3);
    let due = due_events(&order, monday(), to);
    assert!(!due.is_empty());
    assert!(due.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(due.iter().all(|e| e.at <= to && e.order_id == "E-1"));
}

#[test]
fn applying_an_event_twice_changes_nothing() {
    let mut order = place("E-2", &[("lamp", 1, "standard")]);
    let event = pending_events(&order).remove(0);
    let first = apply(&mut order, &event);
    assert!(!first.is_empty());
    let after_once = order.clone();
    let second = apply(&mut order, &event);
    assert!(second.is_empty());
    assert_eq!(order, after_once);
}

#[test]
fn events_for_another_order_or_out_of_turn_are_ignored() {
    let mut order = place("E-3", &[("lamp", 1, "standard")]);
    let before = order.clone();
    let mut foreign = pending_events(&order).remove(0);
    foreign.order_id = "someone-else".into();
    assert!(apply(&mut order, &foreign).is_empty());
    let ship_at = order.packages()[0].planned_ship_at;
    advance(&mut order, ship_at);
    let scans = pending_events(&order);
    let later = scans.last().unwrap().clone();
    let snapshot = order.clone();
    assert!(
        apply(&mut order, &later).is_empty(),
        "delivered before accepted?"
    );
    assert_eq!(order, snapshot);
    assert_ne!(order, before);
}

#[test]
fn advancing_over_the_same_interval_twice_changes_nothing() {
    let mut order = place("E-4", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    let to = monday() + Duration::days(60);
    let first = advance(&mut order, to);
    assert!(first.len() > 10);
    let snapshot = order.clone();
    assert!(advance(&mut order, to).is_empty());
    for (event, _) in &first {
        assert!(apply(&mut order, event).is_empty());
    }
    assert_eq!(order, snapshot);
    assert_eq!(order.status(), OrderStatus::Completed);
}

#[test]
fn the_timeline_tells_the_story_in_order() {
    let mut order = place("E-5", &[("lamp", 1, "premium")]);
    advance(&mut order, monday() + Duration::days(60));
    let timeline = order.timeline();
    assert!(timeline.windows(2).all(|w| w[0].at <= w[1].at));
    let text: Vec<&str> = timeline.iter().map(|e| e.text.as_str()).collect();
    assert!(text[0].starts_with("Order placed: $55.00"));
    assert!(text
        .iter()
        .any(|t| t.contains("tracking number 1Z") || t.contains("tracking number 9400")));
    assert!(text.iter().any(|t| t.contains("Delivered")));
    assert_eq!(
        *text.last().unwrap(),
        "Buyer protection ended; the order is complete."
    );
}

#[test]
fn an_order_survives_a_json_round_trip() {
    let mut order = place("E-6", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    advance(&mut order, monday() + Duration::days(4));
    let json = serde_json::to_string(&order).unwrap();
    let back: Order = serde_json::from_str(&json).unwrap();
    assert_eq!(back, order);
}

/// One step of a random scenario: move the clock, or try a shopper or panel action.
#[derive(Clone, Debug)]
enum Step {
    Wait(i64),
    Cancel,
    Confirm,
    Return(usize, bool),
    Dispute(usize),
    Decide(bool),
    MissHandling(usize),
    Lose(usize),
    NotDelivered(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1i64..(60 * 24 * 6)).prop_map(Step::Wait),
        1 => Just(Step::Cancel),
        1 => Just(Step::Confirm),
        1 => (0usize..3, any::<bool>()).prop_map(|(p, ok)| Step::Return(p, ok)),
        1 => (0usize..3).prop_map(Step::Dispute),
        1 => any::<bool>().prop_map(Step::Decide),
        1 => (0usize..3).prop_map(Step::MissHandling),
        1 => (0usize..3).prop_map(Step::Lose),
        1 => (0usize..3).prop_map(Step::NotDelivered),
    ]
}

/// The step's effects, or `None` when the action was refused.
fn run_step(order: &mut Order, now: &mut DateTime<Utc>, step: &Step) -> Option<Vec<Effect>> {
    let package = |i: usize| order.packages()[i % order.packages().len()].id.clone();
    let outcome = match step {
        Step::Wait(minutes) => {
            *now += Duration::minutes(*minutes);
            return Some(effects_of(&advance(order, *now)));
        }
        Step::Cancel => order.request_cancellation(*now),
        Step::Confirm => order.confirm_receipt(*now),
        Step::Return(i, resellable) => {
            let p = package(*i);
            order.request_return(
                ReturnRequest {
                    package: p,
                    lines: Vec::new(),
                    reason: ReturnReason::ChangedMind,
                    condition: ItemCondition {
                        original_packaging: true,
                        resellable: *resellable,
                    },
                    resolution: Resolution::Refund,
                },
                *now,
            )
        }
        Step::Dispute(i) => order.open_dispute(&package(*i), DisputeReason::NotReceived, *now),
        Step::Decide(shopper) => order.decide_dispute(
            if *shopper {
                DisputeDecision::ForShopper
            } else {
                DisputeDecision::ForSeller
            },
            *now,
        ),
        Step::MissHandling(i) => order
            .simulate_missed_handling(&package(*i))
            .map(|_| Outcome::default()),
        Step::Lose(i) => order
            .simulate_lost_parcel(&package(*i))
            .map(|_| Outcome::default()),
        Step::NotDelivered(i) => order.refund_not_delivered(&package(*i), *now),
    };
    outcome.ok().map(|o| o.effects)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever the shopper, the sellers and the clock do: never refund more than was
    /// captured, never capture or take back more than a package's amount, no negative
    /// money, release the authorization at most once and capture nothing after it, and the
    /// effects add up to the ledger.
    #[test]
    fn money_stays_consistent_through_any_scenario(
        n in 0u32..1000, steps in proptest::collection::vec(step(), 1..25)
    ) {
        let mut order = place(
            &format!("S-{n}"),
            &[("lamp", 1, "standard"), ("kettle", 2, "premium"), ("mug", 1, "premium")],
        );
        let mut now = monday();
        let mut captured = usd(0);
        let mut refunded = usd(0);
        let mut released = false;
        for s in &steps {
            let before = order.clone();
            let Some(effects) = run_step(&mut order, &mut now, s) else {
                prop_assert_eq!(&order, &before, "a refused action changed the order");
                continue;
            };
            for e in effects {
                match e {
                    Effect::Capture { amount, .. } => {
                        prop_assert!(!released, "captured after the authorization was released");
                        captured = captured + amount;
                    }
                    Effect::ReleaseAuthorization => {
                        prop_assert!(!released, "released twice");
                        released = true;
                    }
                    Effect::Refund { amount, captured_part, .. } => {
                        prop_assert!(!amount.is_negative() && !amount.is_zero());
                        prop_assert!(captured_part <= amount);
                        refunded = refunded + captured_part;
                    }
                    _ => {}
                }
            }
            prop_assert!(refunded <= captured);
            for p in order.packages() {
                prop_assert!(p.refunded <= p.captured);
                prop_assert!(p.captured + p.waived <= p.amount || p.amount.is_zero());
                prop_assert!(!p.outstanding().is_negative());
            }
        }
        prop_assert_eq!(captured, order.captured_total());
        prop_assert!(order.refunded_total() <= order.total());
    }

    /// Moving the clock in small steps or in one jump ends in the same order.
    #[test]
    fn the_clock_path_does_not_matter(
        n in 0u32..1000, cuts in proptest::collection::vec(1i64..(60 * 24 * 40), 0..8)
    ) {
        let lines = [("lamp", 1, "standard"), ("kettle", 1, "standard"), ("candle", 1, "premium")];
        let (mut stepwise, _) = place_in(&format!("T-{n}"), &lines, monday(), Market::UK);
        let mut jumped = stepwise.clone();
        let end = monday() + Duration::days(45);
        let mut times: Vec<DateTime<Utc>> =
            cuts.iter().map(|m| monday() + Duration::minutes(*m)).collect();
        times.sort();
        for t in times {
            advance(&mut stepwise, t.min(end));
        }
        advance(&mut stepwise, end);
        advance(&mut jumped, end);
        prop_assert_eq!(stepwise, jumped);
    }
}
