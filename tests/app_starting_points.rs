//! Named starting points, each built through the real flows from any shop: what a viewer
//! sees in each is there, and nothing of the shop before is left.

mod support;

use bnpl_market::app::starting_points::StartingPoint;
use bnpl_market::app::ShopData;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::orders::OrderStatus;
use bnpl_market::domain::payments::PaymentDisplayStatus;
use bnpl_market::domain::plans::PlanKind;
use chrono::Duration;
use futures::executor::block_on;
use support::{cart_with_earbuds, monday};

/// Builds `point` over a shop that already has a cart and a clock moved on, as a viewer's
/// shop would.
fn started(point: StartingPoint) -> ShopData {
    let catalog = demo_catalog();
    let mut data = ShopData {
        cart: cart_with_earbuds(&catalog),
        ..ShopData::default()
    };
    data.clock.clock.advance_days(30, monday()).unwrap();
    let said = block_on(data.state().start_from(&catalog, point, monday()))
        .unwrap_or_else(|why| panic!("{point:?}: {why}"));
    assert_eq!(said, format!("Started from \"{}\".", point.title()));
    assert!(data.cart.is_empty(), "{point:?}: the cart before is gone");
    data.orders.check_invariants().unwrap();
    data.payments.check_invariants().unwrap();
    data
}

fn only_plan(data: &ShopData) -> &bnpl_market::domain::payments::PaymentPlanAccount {
    assert_eq!(data.payments.accounts.len(), 1);
    data.payments.accounts.values().next().unwrap()
}

#[test]
fn every_starting_point_has_a_title_a_line_and_a_slug_of_its_own() {
    let mut slugs = std::collections::HashSet::new();
    for point in StartingPoint::ALL {
        assert!(!point.title().is_empty() && point.line().ends_with('.'));
        assert!(slugs.insert(point.slug()), "{} twice", point.slug());
    }
}

#[test]
fn a_fresh_shopper_is_ready_to_buy_with_nothing_bought() {
    let data = started(StartingPoint::FreshShopper);
    let account = data.account.as_ref().expect("signed up");
    assert_eq!(
        data.klarna_link.email.as_deref(),
        Some(account.email.as_str())
    );
    assert_eq!(data.payments.methods.len(), 1, "a card saved");
    assert!(data.orders.is_empty());
    assert_eq!(
        data.clock.now(monday()),
        monday() + Duration::days(30),
        "the new shop's clock goes on from the old one's"
    );
}

#[test]
fn pay_in_4_mid_plan_has_two_payments_collected_and_two_to_come() {
    let data = started(StartingPoint::PayIn4MidPlan);
    let plan = only_plan(&data);
    assert_eq!(plan.kind, PlanKind::PayIn4);
    assert_eq!(plan.progress().label(), "2 of 4 paid");
    assert!(plan.balance().fees_charged.is_zero());
}

#[test]
fn a_late_payment_carries_a_fee_and_shows_as_late() {
    let data = started(StartingPoint::LatePaymentWithFee);
    let plan = only_plan(&data);
    assert!(!plan.balance().fees_charged.is_zero(), "a late fee");
    assert!(plan
        .installments
        .iter()
        .any(|i| i.display_status(plan.is_paused()) == PaymentDisplayStatus::Late));
}

#[test]
fn a_financed_order_is_twelve_months_with_interest() {
    let data = started(StartingPoint::FinancedOrder);
    let plan = only_plan(&data);
    assert_eq!(plan.kind, PlanKind::Financing { months: 12 });
    assert!(plan.is_interest_bearing());
}

#[test]
fn a_return_being_refunded_lowers_the_payments_left_as_time_moves() {
    let mut data = started(StartingPoint::ReturnBeingRefunded);
    let record = data.orders.records().next().unwrap();
    assert_eq!(record.order.returns().len(), 1, "a return asked for");
    assert!(record.order.refunded_total().is_zero(), "not refunded yet");
    let id = record.order.id().to_string();
    let owed_before = only_plan(&data).owed();
    let now = data.clock.now(monday());
    for week in 1..=4 {
        block_on(
            data.state()
                .move_clock_to(now + Duration::weeks(week), monday()),
        )
        .unwrap();
    }
    let record = data.orders.get(&id).unwrap();
    assert!(
        !record.order.refunded_total().is_zero(),
        "refunded once the parcel was back"
    );
    assert!(
        only_plan(&data).owed() < owed_before,
        "the payments left are lower"
    );
}

#[test]
fn a_dispute_in_progress_pauses_the_plan() {
    let data = started(StartingPoint::DisputeInProgress);
    let record = data.orders.records().next().unwrap();
    assert_eq!(record.order.status(), OrderStatus::InDispute);
    assert!(only_plan(&data).is_paused());
}

#[test]
fn a_uk_shopper_pays_in_3_in_pounds() {
    let data = started(StartingPoint::UkPayIn3);
    assert_eq!(data.account.as_ref().unwrap().market, Market::UK);
    let plan = only_plan(&data);
    assert_eq!(plan.kind, PlanKind::PayIn3);
    assert_eq!(plan.currency.code(), "GBP");
    assert_eq!(plan.progress().label(), "1 of 3 paid");
}
