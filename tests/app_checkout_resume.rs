//! Resuming a checkout after a reload, and the receipt of the placed order, natively.

mod support;

use bnpl_market::app::pending_checkout::{
    complete_attempt, AttemptStage, InFlightAttempt, Interrupted, PendingCheckout,
};
use bnpl_market::app::receipt::receipt;
use bnpl_market::domain::account::Account;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::{MethodId, MethodKind, PaymentMethod};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::Fault;
use futures::executor::block_on;
use support::{monday, us_account, Shop};

/// Bo, who saved a Mastercard credit card as method 1, with two pairs of earbuds in the
/// cart; provider seed 5, payments seed 3.
fn world() -> Shop {
    Shop::seeded(5, 3)
        .with_account(Account {
            name: "Bo Shopper".into(),
            email: "bo@example.com".into(),
            ..us_account()
        })
        .with_method(
            PaymentMethod::card(
                MethodId(1),
                MethodKind::CreditCard,
                "5555 5555 5555 4444",
                (2031, 1),
                "321",
                monday().date_naive(),
            )
            .unwrap(),
        )
        .with_earbuds_in_cart()
}

fn attempt(id: &str) -> InFlightAttempt {
    InFlightAttempt {
        attempt: id.into(),
        kind: PlanKind::PayIn4,
        method_id: MethodId(1),
        email: "bo@example.com".into(),
        one_time_code: "123456".into(),
        started_at: monday(),
        stage: AttemptStage::Authorizing,
    }
}

fn run(w: &mut Shop, a: &InFlightAttempt) -> Result<String, String> {
    let method = w.payments.method(a.method_id).unwrap().clone();
    let (provider, books, catalog, account) = w.checkout_parts();
    block_on(complete_attempt(
        provider,
        books,
        catalog,
        account,
        a,
        &method,
        None,
        monday(),
    ))
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
