//! The application flows end to end, natively: checkout with the mock provider, then time.

use bnpl_market::app::checkout::{place_order, start_session, Books, CheckoutError, Choice};
use bnpl_market::app::time::{advance, World};
use bnpl_market::app::OrderBook;
use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::{
    MethodId, MethodKind, PaymentDisplayStatus, PaymentMethod, PaymentsState,
};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::{ErrorCode, Fault, MockKlarna, PaymentProvider};
use chrono::{DateTime, Duration, TimeZone, Utc};

struct Shop {
    catalog: Catalog,
    account: Account,
    provider: MockKlarna,
    orders: OrderBook,
    payments: PaymentsState,
    inbox: Inbox,
    cart: Cart,
}

fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

fn shop() -> Shop {
    let catalog = demo_catalog();
    let product = catalog
        .product(&ProductId::new("aurora-wireless-earbuds"))
        .expect("demo product");
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= 5)
        .expect("in stock");
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        CartLine {
            product_id: product.id.clone(),
            variant_id: variant.id.clone(),
            quantity: Quantity::new(2).unwrap(),
            delivery_option_id: DeliveryOptionId::new("standard"),
        },
    )
    .unwrap();
    let mut payments = PaymentsState::new(7);
    let today = monday_morning().date_naive();
    let card = PaymentMethod::card(
        MethodId(1),
        MethodKind::DebitCard,
        "4242 4242 4242 4242",
        (2030, 12),
        "123",
        today,
    )
    .unwrap();
    payments.add_method(card);
    Shop {
        catalog,
        account: Account {
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
        },
        provider: MockKlarna::new(11),
        orders: OrderBook::default(),
        payments,
        inbox: Inbox::default(),
        cart,
    }
}

fn place(
    shop: &mut Shop,
    attempt: &str,
    session_id: &str,
    email: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<String, CheckoutError> {
    let method = shop.payments.method(MethodId(1)).unwrap().clone();
    let Shop {
        catalog,
        account,
        provider,
        orders,
        payments,
        inbox,
        cart,
    } = shop;
    place_order(
        provider,
        Books {
            orders,
            payments,
            inbox,
            cart,
        },
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
    )
}

fn checkout(
    shop: &mut Shop,
    attempt: &str,
    email: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<String, CheckoutError> {
    let session = start_session(
        &mut shop.provider,
        &shop.cart,
        &shop.catalog,
        Market::US,
        attempt,
        now,
    )?;
    place(shop, attempt, &session.session_id, email, code, now)
}

fn run_until(shop: &mut Shop, from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    let progress = advance(
        World {
            orders: &mut shop.orders,
            payments: &mut shop.payments,
            provider: &mut shop.provider,
            inbox: &mut shop.inbox,
        },
        from,
        to,
    );
    assert!(progress.problems.is_empty(), "{:?}", progress.problems);
    progress.events
}

#[test]
fn an_approved_checkout_places_one_order_and_opens_its_plan() {
    let mut shop = shop();
    let total = shop
        .cart
        .price(&shop.catalog, Market::US)
        .totals
        .grand_total;
    let id = checkout(
        &mut shop,
        "attempt-1",
        "ada@example.com",
        "123456",
        monday_morning(),
    )
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
    assert!(shop
        .inbox
        .newest_first()
        .any(|m| m.subject == format!("Order {id} confirmed")));
    assert_eq!(shop.provider.orders().count(), 1);
    assert_eq!(
        shop.provider
            .get_order(&record.klarna_order_id, monday_morning())
            .unwrap()
            .order_amount(),
        total.minor()
    );
}

#[test]
fn the_same_attempt_twice_gives_one_order() {
    let mut shop = shop();
    let now = monday_morning();
    let session = start_session(
        &mut shop.provider,
        &shop.cart,
        &shop.catalog,
        Market::US,
        "attempt-1",
        now,
    )
    .unwrap();
    // A double click on "pay": the second press arrives after the first placed the order.
    let first = place(
        &mut shop,
        "attempt-1",
        &session.session_id,
        "ada@example.com",
        "123456",
        now,
    )
    .unwrap();
    let again = place(
        &mut shop,
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
    let now = monday_morning();
    let session = start_session(
        &mut shop.provider,
        &shop.cart,
        &shop.catalog,
        Market::US,
        "a",
        now,
    )
    .unwrap();
    // The authorization goes through at Klarna, but the shop sees a timeout.
    shop.provider.simulation.inject_fault(Fault::Timeout, 1);
    let err = place(
        &mut shop,
        "a",
        &session.session_id,
        "ada@example.com",
        "123456",
        now,
    )
    .expect_err("the first try times out");
    assert!(err.is_retryable());
    assert!(!shop.cart.is_empty(), "the cart is kept");
    let retried = place(
        &mut shop,
        "a",
        &session.session_id,
        "ada@example.com",
        "123456",
        now,
    )
    .unwrap();
    assert_eq!(shop.orders.len(), 1);
    assert_eq!(shop.provider.orders().count(), 1);
    assert!(shop.orders.get(&retried).is_some());
}

#[test]
fn a_declined_persona_keeps_the_cart_and_places_nothing() {
    let mut shop = shop();
    let err = checkout(
        &mut shop,
        "a",
        "ada+denied@example.com",
        "123456",
        monday_morning(),
    )
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
    let err = checkout(
        &mut shop,
        "a",
        "ada@example.com",
        "999999",
        monday_morning(),
    )
    .unwrap_err();
    assert!(
        matches!(err, CheckoutError::Provider(ref e) if e.code() == ErrorCode::WrongCode),
        "{err:?}"
    );
    checkout(
        &mut shop,
        "a",
        "ada@example.com",
        "654321",
        monday_morning(),
    )
    .unwrap();
    assert_eq!(shop.orders.len(), 1);
}

#[test]
fn two_months_later_the_order_shipped_was_captured_and_the_plan_is_paid() {
    let mut shop = shop();
    let start = monday_morning();
    let id = checkout(&mut shop, "a", "ada@example.com", "123456", start).unwrap();
    let events = run_until(&mut shop, start, start + Duration::days(70));
    assert!(
        events > 10,
        "shipping, tracking and collections happened ({events})"
    );

    let record = shop.orders.get(&id).unwrap();
    let klarna = shop
        .provider
        .get_order(&record.klarna_order_id, start + Duration::days(70))
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
    let subjects: Vec<String> = shop
        .inbox
        .newest_first()
        .map(|m| m.subject.clone())
        .collect();
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
    let start = monday_morning();
    let end = start + Duration::days(60);
    let mut long = shop();
    checkout(&mut long, "a", "ada@example.com", "123456", start).unwrap();
    let mut short = shop();
    checkout(&mut short, "a", "ada@example.com", "123456", start).unwrap();

    run_until(&mut long, start, end);
    let (orders, payments, inbox_len) =
        (long.orders.clone(), long.payments.clone(), long.inbox.len());
    assert_eq!(
        run_until(&mut long, start, end),
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
        run_until(&mut short, at, next);
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
