//! Resuming a checkout after a reload, and the receipt of the placed order, natively.

use bnpl_market::app::checkout::Books;
use bnpl_market::app::pending_checkout::{
    complete_attempt, AttemptStage, InFlightAttempt, Interrupted, PendingCheckout,
};
use bnpl_market::app::receipt::receipt;
use bnpl_market::app::OrderBook;
use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::{MethodId, MethodKind, PaymentMethod, PaymentsState};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::{Fault, MockKlarna};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

struct World {
    catalog: Catalog,
    account: Account,
    provider: MockKlarna,
    orders: OrderBook,
    payments: PaymentsState,
    inbox: Inbox,
    cart: Cart,
}

fn world() -> World {
    let catalog = demo_catalog();
    let product = catalog
        .product(&ProductId::new("aurora-wireless-earbuds"))
        .unwrap();
    let variant = product.variants.iter().find(|v| v.stock >= 2).unwrap();
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
    let mut payments = PaymentsState::new(3);
    payments.add_method(
        PaymentMethod::card(
            MethodId(1),
            MethodKind::CreditCard,
            "5555 5555 5555 4444",
            (2031, 1),
            "321",
            now().date_naive(),
        )
        .unwrap(),
    );
    World {
        catalog,
        account: Account {
            name: "Bo Shopper".into(),
            email: "bo@example.com".into(),
            address: Address {
                line1: "1 Main St".into(),
                line2: String::new(),
                city: "Springfield".into(),
                region: "IL".into(),
                postcode: "62701".into(),
            },
            market: Market::US,
        },
        provider: MockKlarna::new(5),
        orders: OrderBook::default(),
        payments,
        inbox: Inbox::default(),
        cart,
    }
}

fn attempt(id: &str) -> InFlightAttempt {
    InFlightAttempt {
        attempt: id.into(),
        kind: PlanKind::PayIn4,
        method_id: MethodId(1),
        email: "bo@example.com".into(),
        one_time_code: "123456".into(),
        started_at: now(),
        stage: AttemptStage::Authorizing,
    }
}

fn run(w: &mut World, a: &InFlightAttempt) -> Result<String, String> {
    let method = w.payments.method(a.method_id).unwrap().clone();
    complete_attempt(
        &mut w.provider,
        Books {
            orders: &mut w.orders,
            payments: &mut w.payments,
            inbox: &mut w.inbox,
            cart: &mut w.cart,
        },
        &w.catalog,
        &w.account,
        a,
        &method,
        None,
        now(),
    )
    .map_err(|e| e.to_string())
}

#[test]
fn an_attempt_saved_before_the_call_resumes_into_one_order() {
    let mut w = world();
    let pending = PendingCheckout {
        in_flight: Some(attempt("chk-1")),
    };
    // The reload came before the provider was called: nothing placed, the cart is intact.
    assert_eq!(
        pending.interrupted(&w.orders),
        Some(Interrupted::Unfinished(attempt("chk-1")))
    );
    let first = run(&mut w, &attempt("chk-1")).unwrap();
    assert!(w.cart.is_empty());
    // Resuming again (a second tab, a double click) finds the order instead of placing one.
    assert_eq!(run(&mut w, &attempt("chk-1")).unwrap(), first);
    assert_eq!(w.orders.len(), 1);
    assert_eq!(w.provider.orders().count(), 1);
    assert_eq!(
        pending.interrupted(&w.orders),
        Some(Interrupted::Placed { order_id: first })
    );
}

#[test]
fn a_timeout_on_the_session_then_a_resume_gives_one_order() {
    let mut w = world();
    w.provider.simulation.inject_fault(Fault::Timeout, 1);
    assert!(run(&mut w, &attempt("chk-2")).is_err());
    assert!(!w.cart.is_empty(), "the cart is kept");
    w.provider.simulation.inject_fault(Fault::Error, 1);
    assert!(run(&mut w, &attempt("chk-2")).is_err());
    run(&mut w, &attempt("chk-2")).unwrap();
    assert_eq!(w.orders.len(), 1);
    assert_eq!(w.provider.orders().count(), 1);
}

#[test]
fn the_receipt_has_lines_totals_plan_method_and_references() {
    let mut w = world();
    let total = w.cart.price(&w.catalog, Market::US).totals.grand_total;
    let id = run(&mut w, &attempt("chk-3")).unwrap();
    let r = receipt(&w.orders, &w.payments, &id).unwrap();
    assert_eq!(r.order_id, id);
    assert!(
        r.provider_reference.starts_with("kl_ord_"),
        "{}",
        r.provider_reference
    );
    assert_eq!(r.total, total);
    assert_eq!(r.items_total.checked_add(r.shipping_total), Some(total));
    assert_eq!(r.lines.len(), 1);
    assert_eq!(r.plan, PlanKind::PayIn4);
    assert_eq!(r.schedule.len(), 4);
    assert_eq!(r.method_label.as_deref(), Some("Mastercard •••• 4444"));
    assert!(receipt(&w.orders, &w.payments, "BM-999999").is_none());
}
