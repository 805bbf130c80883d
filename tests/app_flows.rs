//! The application flows end to end, natively: checkout with the mock provider, then time.

mod support;

use bnpl_market::app::checkout::CheckoutError;
use bnpl_market::domain::inbox::Sender;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::PaymentDisplayStatus;
use bnpl_market::klarna::{ErrorCode, Fault, PaymentProvider};
use chrono::Duration;
use futures::executor::block_on;
use support::{monday, Shop};

/// Ada's saved card and two pairs of earbuds in the cart.
fn shop() -> Shop {
    Shop::with_saved_card().with_earbuds_in_cart()
}

#[test]
fn an_approved_checkout_places_one_order_and_opens_its_plan() {
    let mut shop = shop();
    let total = shop
        .cart
        .price(&shop.catalog, Market::US)
        .totals
        .grand_total;
    let id = shop
        .checkout("attempt-1", "ada@example.com", "123456", monday())
        .unwrap();

    let record = shop.orders.get(&id).expect("the order is in the book");
    assert_eq!(record.order.total(), total);
    let plan = shop.payments.account(&id).expect("the plan is open");
    assert_eq!(plan.installments.len(), 4);
    assert_eq!(
        plan.installments[0].display_status(false),
        PaymentDisplayStatus::Paid
    );
    assert!(shop.cart.is_empty(), "the cart is emptied by the order");
    // One message from each: Klarna about the plan, the shop about the order.
    let from = |subject: &str| {
        shop.inbox
            .newest_first()
            .find(|m| m.subject == subject)
            .and_then(|m| m.from)
    };
    assert_eq!(
        from(&format!("Your Pay in 4 plan for order {id}")),
        Some(Sender::Klarna)
    );
    assert_eq!(from("Order confirmed"), Some(Sender::Shop));
    assert_eq!(shop.provider.orders().count(), 1);
    assert_eq!(
        block_on(shop.provider.get_order(&record.klarna_order_id, monday()))
            .unwrap()
            .order_amount(),
        total.minor()
    );
}

#[test]
fn the_same_attempt_twice_gives_one_order() {
    let mut shop = shop();
    let now = monday();
    let session = shop.open_session("attempt-1", now).unwrap();
    // A double click on "pay": the second press arrives after the first placed the order.
    let first = shop
        .place(
            "attempt-1",
            &session.session_id,
            "ada@example.com",
            "123456",
            now,
        )
        .unwrap();
    let again = shop
        .place(
            "attempt-1",
            &session.session_id,
            "ada@example.com",
            "123456",
            now,
        )
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(shop.orders.len(), 1);
    assert_eq!(shop.provider.orders().count(), 1);
}

#[test]
fn a_timeout_then_a_retry_gives_one_order() {
    let mut shop = shop();
    let now = monday();
    let session = shop.open_session("a", now).unwrap();
    // The authorization goes through at Klarna, but the shop sees a timeout.
    shop.provider.simulation.inject_fault(Fault::Timeout, 1);
    let err = shop
        .place("a", &session.session_id, "ada@example.com", "123456", now)
        .expect_err("the first try times out");
    assert!(err.is_retryable());
    assert!(!shop.cart.is_empty(), "the cart is kept");
    let retried = shop
        .place("a", &session.session_id, "ada@example.com", "123456", now)
        .unwrap();
    assert_eq!(shop.orders.len(), 1);
    assert_eq!(shop.provider.orders().count(), 1);
    assert!(shop.orders.get(&retried).is_some());
}

#[test]
fn a_declined_persona_keeps_the_cart_and_places_nothing() {
    let mut shop = shop();
    let err = shop
        .checkout("a", "ada+denied@example.com", "123456", monday())
        .unwrap_err();
    match err {
        CheckoutError::Provider(e) => assert_eq!(e.code(), ErrorCode::Rejected),
        other => panic!("expected a decline, got {other:?}"),
    }
    assert!(shop.orders.is_empty());
    assert!(!shop.cart.is_empty());
}

#[test]
fn a_wrong_code_can_be_followed_by_the_right_one() {
    let mut shop = shop();
    let err = shop
        .checkout("a", "ada@example.com", "999999", monday())
        .unwrap_err();
    assert!(
        matches!(err, CheckoutError::Provider(ref e) if e.code() == ErrorCode::WrongCode),
        "{err:?}"
    );
    shop.checkout("a", "ada@example.com", "654321", monday())
        .unwrap();
    assert_eq!(shop.orders.len(), 1);
}

#[test]
fn two_months_later_the_order_shipped_was_captured_and_the_plan_is_paid() {
    let mut shop = shop();
    let start = monday();
    let id = shop
        .checkout("a", "ada@example.com", "123456", start)
        .unwrap();
    let events = shop.run(start, start + Duration::days(70));
    assert!(
        events > 10,
        "shipping, tracking and collections happened ({events})"
    );

    let record = shop.orders.get(&id).unwrap();
    let klarna = block_on(
        shop.provider
            .get_order(&record.klarna_order_id, start + Duration::days(70)),
    )
    .unwrap();
    assert_eq!(
        klarna.captured_amount,
        record.order.total().minor(),
        "every package was captured"
    );
    let plan = shop.payments.account(&id).unwrap();
    assert!(plan
        .installments
        .iter()
        .all(|i| i.display_status(false) == PaymentDisplayStatus::Paid));
    let subjects = shop.subjects();
    assert!(
        subjects
            .iter()
            .any(|s| s.to_lowercase().contains("reminder")),
        "{subjects:?}"
    );
    assert!(
        subjects
            .iter()
            .any(|s| s.to_lowercase().contains("shipped")),
        "{subjects:?}"
    );
}

#[test]
fn time_is_idempotent_and_one_long_step_equals_many_short_ones() {
    let start = monday();
    let end = start + Duration::days(60);
    let mut long = shop();
    long.checkout("a", "ada@example.com", "123456", start)
        .unwrap();
    let mut short = shop();
    short
        .checkout("a", "ada@example.com", "123456", start)
        .unwrap();

    long.run(start, end);
    let (orders, payments, inbox_len) =
        (long.orders.clone(), long.payments.clone(), long.inbox.len());
    assert_eq!(
        long.run(start, end),
        0,
        "the same interval again does nothing"
    );
    assert_eq!(
        (&long.orders, &long.payments, long.inbox.len()),
        (&orders, &payments, inbox_len)
    );

    let mut at = start;
    while at < end {
        let next = (at + Duration::hours(13)).min(end);
        short.run(at, next);
        at = next;
    }
    assert_eq!(short.orders, long.orders);
    assert_eq!(short.payments, long.payments);
    let subjects = |s: &Shop| {
        s.inbox
            .newest_first()
            .map(|m| (m.sent_at, m.subject.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(subjects(&short), subjects(&long));
}
