//! After checkout, natively: demo scenarios and the history generator place real orders; the
//! actions My Klarna and the order page offer do what they say and tell the inbox.

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::order_actions::act_on_order;
use bnpl_market::app::order_search::{find_orders, status_from_slug, status_slug, OrderFilter};
use bnpl_market::app::payment_history::{monthly_spending, past_payments};
use bnpl_market::app::plan_actions::{
    change_method, extend_due_date, pay_installment, pay_whole_balance, set_autopay,
};
use bnpl_market::app::receipt::receipt;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::orders::{OrderStatus, PackageStatus};
use bnpl_market::domain::payments::{PaymentDisplayStatus, PaymentStatus, WALLET_CANNOT_AUTOPAY};
use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use support::{monday, Shop};

#[test]
fn every_scenario_places_one_order_with_its_plan() {
    for scenario in Scenario::ALL {
        let mut shop = Shop::new();
        let id = shop.seed(scenario, monday());
        assert_eq!(shop.orders.len(), 1, "{scenario:?}");
        let plan = shop.payments.account(&id).expect("a plan");
        let record = shop.orders.get(&id).unwrap();
        assert_eq!(
            record.order.status(),
            OrderStatus::AwaitingShipment,
            "{scenario:?}"
        );
        match scenario {
            Scenario::TwoSellers => assert_eq!(record.order.packages().len(), 2),
            Scenario::Financing => assert_eq!(plan.installments.len(), 12),
            _ => assert_eq!(plan.installments.len(), 4),
        }
        assert_eq!(Scenario::from_slug(scenario.slug()), Some(scenario));
    }
}

#[test]
fn cancelling_before_shipment_refunds_once_the_seller_agrees() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    let now = monday() + Duration::hours(1);
    let problems = block_on(act_on_order(shop.world(), &id, now, |o| {
        o.request_cancellation(now)
    }))
    .unwrap()
    .problems;
    assert!(problems.is_empty());
    let later = now + Duration::hours(2);
    block_on(act_on_order(shop.world(), &id, later, |o| {
        o.answer_cancellation(true, later)
    }))
    .unwrap();
    let record = shop.orders.get(&id).unwrap();
    assert_eq!(record.order.status(), OrderStatus::Cancelled);
    assert!(
        !record.order.refunds().is_empty(),
        "a refund row is recorded"
    );
    let balance = shop.payments.account(&id).unwrap().balance();
    assert!(balance.owed.is_zero());
    assert!(
        !balance.refunded_to_shopper.is_zero(),
        "the first payment goes back"
    );
    // A second request is refused with a reason and changes nothing.
    let before = shop.orders.clone();
    let err = block_on(act_on_order(shop.world(), &id, later, |o| {
        o.request_cancellation(later)
    }))
    .unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(shop.orders, before);
    assert!(
        block_on(act_on_order(shop.world(), "BM-999999", later, |o| o
            .confirm_receipt(later)))
        .is_err()
    );
}

#[test]
fn paying_early_extending_and_paying_the_balance_tell_the_inbox() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    let now = monday() + Duration::days(1);
    let text = pay_installment(&mut shop.payments, &mut shop.inbox, &id, 2, now).unwrap();
    assert!(text.contains("payment 2 of 4"), "{text}");
    assert!(pay_installment(&mut shop.payments, &mut shop.inbox, &id, 2, now).is_err());

    let due_before = shop
        .payments
        .account(&id)
        .unwrap()
        .installment(3)
        .unwrap()
        .due;
    extend_due_date(&mut shop.payments, &mut shop.inbox, &id, 3, now).unwrap();
    let due_after = shop
        .payments
        .account(&id)
        .unwrap()
        .installment(3)
        .unwrap()
        .due;
    assert_eq!(due_after - due_before, Duration::days(10));
    let again = extend_due_date(&mut shop.payments, &mut shop.inbox, &id, 4, now).unwrap_err();
    assert!(again.to_string().contains("once per order"), "{again}");

    pay_whole_balance(&mut shop.payments, &mut shop.inbox, &id, now).unwrap();
    assert!(shop.payments.account(&id).unwrap().owed().is_zero());
    let subjects = shop.subjects();
    assert!(subjects.contains(&"Payment received".to_string()));
    assert!(subjects.contains(&"Due date extended".to_string()));
    assert!(subjects.contains(&format!("Order {id} paid in full")));
    assert_eq!(past_payments(&shop.payments).len(), 4);
}

#[test]
fn an_extension_onto_christmas_names_the_business_day_in_the_message_the_table_and_the_reminder() {
    let mut shop = Shop::new();
    // Tuesday 1 December 2026: payment 2 of 4 is due Tuesday 15 December.
    let bought = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
    let id = shop.seed(Scenario::PayIn4Card, bought);
    let now = bought + Duration::days(2);
    shop.run(bought, now);
    let text = extend_due_date(&mut shop.payments, &mut shop.inbox, &id, 2, now).unwrap();
    // 15 + 10 days is Christmas Day, a Friday: the money moves on Monday 28 December.
    let moved = "Mon 28 Dec 2026 (moved from Fri 25 Dec 2026, Christmas Day, a public holiday)";
    assert!(text.contains(&format!("is now due on {moved}")), "{text}");
    let row = shop.payments.upcoming_payments().remove(0);
    assert_eq!(row.number, 2);
    assert_eq!(row.collects_on.to_string(), "2026-12-28");

    let reminder_time = Utc.with_ymd_and_hms(2026, 12, 26, 8, 0, 0).unwrap();
    shop.run(now, reminder_time);
    let reminder = shop
        .inbox
        .newest_first()
        .find(|m| m.subject.starts_with("Payment reminder") && m.body.contains("payment 2 of 4"))
        .expect("payment 2 is reminded by 26 December, 08:00");
    assert!(
        reminder.subject.ends_with("due Mon 28 Dec 2026"),
        "{}",
        reminder.subject
    );
    assert!(reminder.sent_at <= reminder_time);

    let collected = Utc.with_ymd_and_hms(2026, 12, 28, 10, 0, 0).unwrap();
    shop.run(reminder_time, collected);
    let installment = shop.payments.account(&id).unwrap().installment(2).unwrap();
    match &installment.status {
        PaymentStatus::Paid { on, .. } => assert_eq!(on.to_rfc3339(), "2026-12-28T09:00:00+00:00"),
        other => panic!("payment 2 is collected on 28 December, not {other:?}"),
    }
}

#[test]
fn a_wallet_cannot_autopay_and_a_declining_card_cannot_pay_now() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::Wallet, monday());
    assert!(!shop.payments.account(&id).unwrap().autopay);
    assert_eq!(
        set_autopay(&mut shop.payments, &id, true)
            .unwrap_err()
            .to_string(),
        WALLET_CANNOT_AUTOPAY
    );
    let mut declining = Shop::new();
    let id = declining.seed(Scenario::DecliningCard, monday());
    let err = pay_installment(
        &mut declining.payments,
        &mut declining.inbox,
        &id,
        2,
        monday(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("declined"), "{err}");
}

#[test]
fn changing_to_the_wallet_turns_autopay_off_and_says_why() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    let wallet = bnpl_market::domain::payments::PaymentMethod::wallet(
        shop.payments.next_method_id(),
        "ada@example.com",
    );
    let wallet_id = shop.payments.add_method(wallet);
    let text = change_method(&mut shop.payments, &id, wallet_id).unwrap();
    assert!(text.contains("Autopay is off"), "{text}");
    assert!(!shop.payments.account(&id).unwrap().autopay);
}

#[test]
fn a_dispute_pauses_collections_while_time_moves() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    // Let the parcel ship, then report it as not received.
    let shipped_by = monday() + Duration::days(9);
    shop.run(monday(), shipped_by);
    let record = shop.orders.get(&id).unwrap();
    let package = record.order.packages()[0].clone();
    assert!(package.has_shipped());
    if package.status == PackageStatus::InTransit {
        block_on(act_on_order(shop.world(), &id, shipped_by, |o| {
            o.open_dispute(
                &package.id,
                bnpl_market::domain::orders::DisputeReason::NotReceived,
                shipped_by,
            )
        }))
        .unwrap();
    } else {
        block_on(act_on_order(shop.world(), &id, shipped_by, |o| {
            o.open_dispute(
                &package.id,
                bnpl_market::domain::orders::DisputeReason::NotAsDescribed,
                shipped_by,
            )
        }))
        .unwrap();
    }
    let paid_before = shop.payments.account(&id).unwrap().balance().paid;
    shop.run(shipped_by, shipped_by + Duration::days(14));
    let plan = shop.payments.account(&id).unwrap();
    assert_eq!(
        plan.balance().paid,
        paid_before,
        "nothing collected while paused"
    );
    assert!(plan
        .installments
        .iter()
        .any(|i| i.display_status(plan.is_paused()) == PaymentDisplayStatus::Paused));
}

#[test]
fn history_is_found_by_status_and_text() {
    let mut shop = Shop::new();
    let end = monday() + Duration::days(3);
    let placed = shop.history(12, end);
    assert_eq!(placed, 12);
    assert_eq!(shop.orders.len(), 12);
    let all = find_orders(&shop.orders, &OrderFilter::default());
    assert_eq!(all.len(), 12);
    assert!(
        all[0].order.placed_at() >= all[11].order.placed_at(),
        "newest first"
    );
    let first_name = all[0].order.lines()[0].product_name.to_uppercase();
    let by_text = find_orders(
        &shop.orders,
        &OrderFilter {
            status: None,
            text: first_name,
        },
    );
    assert!(!by_text.is_empty() && by_text.len() <= 12);
    let status = all[0].order.status();
    let by_status = find_orders(
        &shop.orders,
        &OrderFilter {
            status: Some(status),
            text: String::new(),
        },
    );
    assert!(by_status.iter().all(|r| r.order.status() == status));
    assert_eq!(status_from_slug(&status_slug(status)), Some(status));
    // Spending: the first payments were made in the months the orders were placed.
    let months = monthly_spending(&shop.payments, Market::US.currency(), end.date_naive(), 3);
    assert_eq!(months.len(), 3);
    assert!(months.iter().any(|m| !m.paid.is_zero()));
}

#[test]
fn the_history_generator_is_deterministic() {
    let build = || {
        let mut shop = Shop::new();
        shop.history(30, monday());
        (shop.orders, shop.payments)
    };
    assert_eq!(build(), build());
}

/// How long the benchmark's history takes to build natively: `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn two_thousand_orders_of_history() {
    let mut shop = Shop::new();
    let started = std::time::Instant::now();
    shop.history(
        std::env::var("N")
            .map(|n| n.parse().unwrap())
            .unwrap_or(2000),
        monday(),
    );
    eprintln!("{} orders in {:?}", shop.orders.len(), started.elapsed());
}

#[test]
fn the_demo_parcel_arrives_while_payments_are_still_to_come() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    shop.run_until(&id, monday(), OrderStatus::Delivered, Duration::days(30));
    assert!(
        !shop.payments.account(&id).unwrap().owed().is_zero(),
        "a return can still change the remaining payments"
    );
}

/// What the benchmark's history weighs as saved JSON: `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn history_sizes() {
    let mut shop = Shop::new();
    let n = std::env::var("N")
        .map(|n| n.parse().unwrap())
        .unwrap_or(2000);
    shop.history(n, monday());
    let size = |v: String| v.len() / 1024;
    eprintln!(
        "{n} orders, KiB: orders {} payments {} klarna {} inbox {}",
        size(serde_json::to_string(&shop.orders).unwrap()),
        size(serde_json::to_string(&shop.payments).unwrap()),
        size(serde_json::to_string(&shop.provider).unwrap()),
        size(serde_json::to_string(&shop.inbox).unwrap())
    );
}

#[test]
fn the_confirmation_names_the_next_payment_and_each_parcels_window() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::PayIn4Card, monday());
    let account = shop.payments.account(&id).unwrap().clone();
    let placed = receipt(&shop.orders, &shop.payments, &id).unwrap();
    let next = placed
        .next_payment
        .clone()
        .expect("three payments are still to come");
    let second = account.installment(2).unwrap();
    assert_eq!((next.number, next.of), (2, 4));
    assert_eq!((next.amount, next.due), (second.owed(), second.due));
    let packages = shop.orders.get(&id).unwrap().order.packages().to_vec();
    assert_eq!(placed.parcels.len(), packages.len());
    for (parcel, package) in placed.parcels.iter().zip(&packages) {
        assert_eq!(parcel.estimate, package.estimate);
        assert!(parcel.estimate.earliest <= parcel.estimate.latest);
    }

    let now = monday() + Duration::days(1);
    pay_installment(&mut shop.payments, &mut shop.inbox, &id, 2, now).unwrap();
    let later = receipt(&shop.orders, &shop.payments, &id).unwrap();
    assert_eq!(later.next_payment.map(|n| n.number), Some(3));
    pay_whole_balance(&mut shop.payments, &mut shop.inbox, &id, now).unwrap();
    let paid = receipt(&shop.orders, &shop.payments, &id).unwrap();
    assert_eq!(paid.next_payment, None, "paid in full");
}
