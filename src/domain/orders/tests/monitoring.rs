//! The monitoring rules and the review they lead to.

use chrono::Duration;

use super::super::monitoring::{automatic_decision, check_order, usual_amount, OrderProfile};
use super::*;

fn profile(amount: Money) -> OrderProfile {
    OrderProfile {
        placed_at: monday(),
        amount,
        account_country: "US".into(),
        shipping_country: "US".into(),
        sellers: vec![("portland shop".into(), true)],
    }
}

fn past(minutes_ago: i64, cents: i64) -> PastOrder {
    PastOrder {
        placed_at: monday() - Duration::minutes(minutes_ago),
        amount: usd(cents),
    }
}

fn rules(flags: &[RiskFlag]) -> Vec<RiskRule> {
    flags.iter().map(|f| f.rule).collect()
}

#[test]
fn three_orders_within_ten_minutes_are_flagged_two_are_not() {
    let p = profile(usd(5000));
    assert!(check_order(&p, &[past(3, 5000)]).is_empty());
    let flags = check_order(&p, &[past(3, 5000), past(10, 5000)]);
    assert_eq!(rules(&flags), [RiskRule::RapidOrders]);
    assert!(flags[0].reason.starts_with("3 orders within 10 minutes"));
    assert!(check_order(&p, &[past(3, 5000), past(11, 5000)]).is_empty());
}

#[test]
fn an_amount_far_above_the_usual_is_flagged_above_the_floor() {
    let history = [
        past(60 * 24 * 30, 4000),
        past(60 * 24 * 20, 5000),
        past(60 * 24 * 10, 6000),
    ];
    assert_eq!(usual_amount(Currency::USD, &history), Some(usd(5000)));
    assert!(
        check_order(&profile(usd(15_000)), &history).is_empty(),
        "exactly 3x is fine"
    );
    let flags = check_order(&profile(usd(15_001)), &history);
    assert_eq!(rules(&flags), [RiskRule::UnusualAmount]);
    assert!(
        flags[0].reason.contains("usual order of $50.00"),
        "{}",
        flags[0].reason
    );
    // Far above a tiny usual, but still a small basket.
    let small = [past(60 * 24 * 30, 1000), past(60 * 24 * 20, 1000)];
    assert!(check_order(&profile(usd(9000)), &small).is_empty());
    assert!(
        check_order(&profile(usd(90_000)), &[past(60 * 24, 1000)]).is_empty(),
        "one order is no usual"
    );
}

#[test]
fn untrusted_sellers_and_a_different_shipping_country_are_flagged() {
    let mut p = profile(usd(5000));
    p.sellers.push(("newshop shop".into(), false));
    p.shipping_country = "GB".into();
    let flags = check_order(&p, &[]);
    assert_eq!(
        rules(&flags),
        [RiskRule::UntrustedSeller, RiskRule::CountryMismatch]
    );
    assert_eq!(flags[0].reason, "newshop shop is not yet a trusted seller.");
    assert_eq!(
        flags[1].reason,
        "Shipping to GB from an account registered in US."
    );
}

#[test]
fn the_automatic_decision_rejects_bursts_of_big_orders_and_triple_hits() {
    let flag = |rule| RiskFlag {
        rule,
        reason: String::new(),
    };
    use RiskRule::*;
    assert_eq!(
        automatic_decision(&[flag(CountryMismatch)]),
        FraudStatus::Accepted
    );
    assert_eq!(
        automatic_decision(&[flag(RapidOrders), flag(UnusualAmount)]),
        FraudStatus::Rejected
    );
    assert_eq!(
        automatic_decision(&[
            flag(RapidOrders),
            flag(UntrustedSeller),
            flag(CountryMismatch)
        ]),
        FraudStatus::Rejected
    );
}

fn held_order(id: &str) -> (Order, Outcome) {
    place_in(id, &[("candle", 1, "standard")], monday(), Market::US)
}

#[test]
fn a_flagged_order_is_held_and_nothing_ships_until_the_review() {
    let (mut order, outcome) = held_order("M-1");
    assert_eq!(order.status(), OrderStatus::AwaitingPayment);
    assert_eq!(order.review().status.code(), "PENDING");
    assert_eq!(
        outcome.notifications[0].subject,
        "We're checking your order"
    );
    assert!(order
        .ship_package(&first_package(&order), monday())
        .is_err());
    // One flag (untrusted seller): the automatic review accepts after 30 minutes, and the
    // seller's handling time counts from then.
    let applied = advance(&mut order, monday() + Duration::minutes(30));
    assert_eq!(applied[0].0.kind, OrderEventKind::AutomaticReview);
    assert_eq!(order.review().status, FraudStatus::Accepted);
    assert_eq!(order.status(), OrderStatus::AwaitingShipment);
    assert_eq!(
        applied[0].1.notifications[0].subject,
        "Your order is confirmed"
    );
}

#[test]
fn a_rejected_review_cancels_and_releases_everything() {
    let (mut order, _) = held_order("M-2");
    let outcome = order
        .reject_review(monday() + Duration::minutes(5))
        .unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.review().status, FraudStatus::Rejected);
    assert!(outcome.effects.contains(&Effect::ReleaseAuthorization));
    assert!(outcome.notifications[0].body.contains("owe nothing"));
    assert!(order.accept_review(monday()).is_err());
    assert!(advance(&mut order, monday() + Duration::days(30)).is_empty());
}

#[test]
fn cancelling_during_review_is_immediate() {
    let (mut order, _) = held_order("M-3");
    order.request_cancellation(monday()).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
}
