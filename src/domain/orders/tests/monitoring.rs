//! The monitoring rules and the review they lead to.

use chrono::{DateTime, Duration, NaiveDate, Utc};

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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn subjects(outcome: &Outcome) -> Vec<&str> {
    outcome
        .notifications
        .iter()
        .map(|n| n.subject.as_str())
        .collect()
}

/// The provider's answer, fixed for a test.
struct Says(FraudStatus, Vec<PaidPart>);

impl ReviewSource for Says {
    fn verdict(&self, _order: &Order, _at: DateTime<Utc>) -> ReviewVerdict {
        ReviewVerdict {
            status: self.0,
            paid: self.1.clone(),
        }
    }
}

fn first_payment(cents: i64) -> PaidPart {
    PaidPart {
        number: 1,
        of: 4,
        amount: usd(cents),
        method: "Visa •••• 4242".into(),
    }
}

#[test]
fn a_flagged_order_is_held_and_nothing_ships_until_the_review() {
    let (mut order, outcome) = held_order("M-1");
    assert_eq!(order.status(), OrderStatus::AwaitingPayment);
    assert_eq!(order.review().status.code(), "PENDING");
    assert_eq!(subjects(&outcome), ["We're checking your order"]);
    assert!(order
        .ship_package(&first_package(&order), monday())
        .is_err());
    // One flag (untrusted seller): the automatic review accepts after 30 minutes, and the
    // seller's handling time counts from then.
    let applied = advance(&mut order, monday() + Duration::minutes(30));
    assert_eq!(applied[0].0.kind, OrderEventKind::AutomaticReview);
    assert_eq!(order.review().status, FraudStatus::Accepted);
    assert_eq!(order.status(), OrderStatus::AwaitingShipment);
    assert_eq!(subjects(&applied[0].1), ["Order confirmed"]);
}

#[test]
fn a_held_order_says_only_that_it_is_being_checked() {
    let (order, outcome) = held_order("M-4");
    assert_eq!(outcome.notifications.len(), 1);
    let note = &outcome.notifications[0];
    assert_eq!(note.subject, "We're checking your order");
    for said in [&note.subject, &note.body, &order.review().message] {
        assert!(!said.to_lowercase().contains("confirmed"), "{said}");
        assert!(!said.contains("estimated delivery"), "{said}");
    }
    assert!(order.placed_note().contains("being checked"));
    assert!(!order.placed_note().contains("approved"));
    // An order nobody flagged is confirmed at once, with its dates.
    let (order, outcome) = place_in("M-5", &[("lamp", 1, "standard")], monday(), Market::US);
    assert_eq!(subjects(&outcome), ["Order confirmed"]);
    assert!(order.placed_note().contains("approved"));
}

#[test]
fn a_held_order_has_no_dates_until_accepted_then_counts_from_the_acceptance() {
    let (mut order, _) = held_order("M-6");
    let package = order.packages()[0].clone();
    assert_eq!(order.package_dates(&package), PackageDates::AfterReview);
    assert_eq!(
        order.package_dates(&package).note(),
        Some("Dates are set once the review is done")
    );
    assert_eq!(
        order.package_status_label(&package),
        "Waiting for the payment review"
    );

    // Accepted on Wednesday 4 March at 10:00, two days after it was placed.
    let accepted_at = monday() + Duration::days(2);
    let outcome = order.accept_review(accepted_at).unwrap();
    let package = order.packages()[0].clone();
    let PackageDates::Promised { ship_by, estimate } = order.package_dates(&package) else {
        panic!("an accepted order has dates");
    };
    // newshop handles in 3-5 business days, standard delivery takes 3-6.
    assert_eq!(
        ship_by,
        date(2026, 3, 11),
        "5 business days after Wednesday"
    );
    assert_eq!(estimate.earliest, date(2026, 3, 12));
    assert_eq!(estimate.latest, date(2026, 3, 19));
    assert_eq!(
        order.package_status_label(&package),
        "Seller ships by Wed 11 Mar 2026"
    );
    assert!(package.planned_ship_at > accepted_at);
    // The same cart released at that instant would promise exactly the same.
    let (cart, catalog) = (cart(&[("candle", 1, "standard")]), catalog());
    let (released, _) = Order::place(NewOrder {
        id: "M-6".into(),
        placed_at: accepted_at,
        market: Market::US,
        account_country: "US".into(),
        shipping_country: "US".into(),
        cart: &cart,
        catalog: &catalog,
        history: &[],
        provider_fraud_status: FraudStatus::Accepted,
    })
    .unwrap();
    assert_eq!(
        released.package_dates(&released.packages()[0]),
        order.package_dates(&package)
    );
    let note = &outcome.notifications[0];
    assert_eq!(note.subject, "Order confirmed");
    assert!(
        note.body.contains(&order.estimate_label()) && note.body.contains("Thu 19 Mar"),
        "{}",
        note.body
    );
}

#[test]
fn a_rejected_order_states_what_the_plan_refunds_and_keeps_no_dates() {
    let (mut order, _) = held_order("M-2");
    let outcome = order
        .reject_review(monday() + Duration::minutes(5), &[first_payment(1501)])
        .unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.review().status, FraudStatus::Rejected);
    assert!(outcome.effects.contains(&Effect::ReleaseAuthorization));
    let refund = "Your first payment of $15.01 is being refunded to Visa •••• 4242; nothing \
                  more will be collected.";
    assert_eq!(subjects(&outcome), ["We could not accept your order"]);
    let body = &outcome.notifications[0].body;
    assert!(body.ends_with(refund), "{body}");
    assert!(!body.contains("not been charged") && !body.contains("owe nothing"));
    assert!(order.review().message.ends_with(refund));
    let package = order.packages()[0].clone();
    assert_eq!(order.package_dates(&package), PackageDates::NotAccepted);
    assert_eq!(order.package_status_label(&package), "Cancelled");
    assert!(order.accept_review(monday()).is_err());
    assert!(advance(&mut order, monday() + Duration::days(30)).is_empty());
    assert_eq!(order.package_dates(&package), PackageDates::NotAccepted);
}

#[test]
fn a_rejection_says_not_charged_only_when_nothing_was_paid() {
    let (mut order, _) = held_order("M-7");
    let outcome = order.reject_review(monday(), &[]).unwrap();
    assert!(outcome.notifications[0]
        .body
        .ends_with("You have not been charged, and nothing will be collected."));
    let card = "Visa •••• 4242".to_string();
    let wallet = "Wallet (ada@example.com)".to_string();
    let part = |number, of, cents, method: &String| PaidPart {
        number,
        of,
        amount: usd(cents),
        method: method.clone(),
    };
    assert_eq!(
        refund_sentence(&[part(1, 1, 6004, &card)]),
        "Your payment of $60.04 is being refunded to Visa •••• 4242; nothing more will be \
         collected."
    );
    assert_eq!(
        refund_sentence(&[part(1, 4, 1501, &card), part(2, 4, 1501, &card)]),
        "The $30.02 you paid (payments 1 and 2) is being refunded to Visa •••• 4242; \
         nothing more will be collected."
    );
    assert_eq!(
        refund_sentence(&[part(1, 4, 1501, &card), part(2, 4, 1500, &wallet)]),
        "The $30.01 you paid is being refunded: $15.01 to Visa •••• 4242 and $15.00 to \
         Wallet (ada@example.com); nothing more will be collected."
    );
}

#[test]
fn a_provider_still_reviewing_is_asked_again_and_its_verdict_applies_when_heard() {
    let (mut order, _) = held_order("M-8");
    let due = monday() + Duration::minutes(30);
    let applied = advance_with(&mut order, due, &Says(FraudStatus::Pending, Vec::new()));
    assert_eq!(applied.len(), 1);
    assert!(
        applied[0].1.is_empty(),
        "nothing to tell while it is pending"
    );
    assert_eq!(order.review().status, FraudStatus::Pending);
    assert_eq!(order.review_due_at(), Some(due + Duration::minutes(30)));
    assert_eq!(
        order.package_dates(&order.packages()[0]),
        PackageDates::AfterReview
    );

    // The provider rejects at the next ask; the plan's figures reach the shopper.
    let says = Says(FraudStatus::Rejected, vec![first_payment(1501)]);
    let applied = advance_with(&mut order, due + Duration::hours(1), &says);
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].0.at, due + Duration::minutes(30));
    assert_eq!(order.review().status, FraudStatus::Rejected);
    assert!(applied[0].1.notifications[0]
        .body
        .contains("Your first payment of $15.01 is being refunded"));
    assert_eq!(order.review_due_at(), None);
}

#[test]
fn cancelling_during_review_is_immediate() {
    let (mut order, _) = held_order("M-3");
    order.request_cancellation(monday()).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
}
