//! Cancellation, returns and exchanges, disputes and buyer protection.

use chrono::Duration;

use super::*;

fn delivered_lamp(id: &str) -> (Order, PackageId, DateTime<Utc>) {
    let mut order = place(id, &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    let delivered = deliver(&mut order, &p);
    (order, p, delivered)
}

fn request(package: &PackageId, reason: ReturnReason, resolution: Resolution) -> ReturnRequest {
    ReturnRequest {
        package: package.clone(),
        lines: Vec::new(),
        reason,
        condition: ItemCondition {
            original_packaging: true,
            resellable: true,
        },
        resolution,
    }
}

#[test]
fn an_unanswered_cancellation_is_approved_after_48_hours_with_a_full_refund() {
    let mut order = place("C-1", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    let asked = monday() + Duration::minutes(5);
    order.request_cancellation(asked).unwrap();
    assert!(order.request_cancellation(asked).is_err(), "asked once");
    // Sellers hold the parcels while the request waits: nothing ships in the 48 hours.
    let applied = advance(
        &mut order,
        asked + Duration::hours(48) - Duration::seconds(1),
    );
    assert!(applied.is_empty(), "{applied:?}");
    let applied = advance(&mut order, asked + Duration::hours(48));
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].0.kind, OrderEventKind::CancellationAutoApproved);
    assert_eq!(
        applied[0].1.effects,
        vec![
            Effect::Refund {
                package: None,
                amount: usd(4500 + 6500),
                captured_part: usd(0),
                reason: "order cancelled before shipment".into(),
            },
            Effect::ReleaseAuthorization,
        ]
    );
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert!(
        order
            .cancellation()
            .unwrap()
            .answer
            .as_ref()
            .unwrap()
            .by_timeout
    );
    assert!(advance(&mut order, asked + Duration::days(60)).is_empty());
}

#[test]
fn a_declined_cancellation_lets_the_seller_ship() {
    let mut order = place("C-2", &[("lamp", 1, "standard")]);
    order.request_cancellation(monday()).unwrap();
    let answered = monday() + Duration::days(5);
    order.answer_cancellation(false, answered).unwrap();
    let applied = advance(&mut order, answered);
    assert!(matches!(
        applied[0].0.kind,
        OrderEventKind::PackageShipped { .. }
    ));
    // The planned day passed while the seller waited: it ships on answering.
    assert_eq!(applied[0].0.at, answered);
    assert_eq!(order.status(), OrderStatus::Shipped);
    let refused = order.request_cancellation(answered).unwrap_err();
    assert!(refused.reason.contains("already shipped"), "{refused}");
}

#[test]
fn return_window_day_15_is_allowed_and_day_16_refused() {
    let (order, p, delivered) = delivered_lamp("R-1");
    let window = order.return_window(&p).unwrap();
    assert_eq!(window.last_day, delivered.date_naive() + Duration::days(15));
    let req = request(&p, ReturnReason::ChangedMind, Resolution::Refund);
    let day_15_late = window.last_day.and_hms_opt(23, 59, 59).unwrap().and_utc();
    assert!(order.quote_return(&req, day_15_late).is_ok());
    let day_16 = (window.last_day + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let why = order.quote_return(&req, day_16).unwrap_err().to_string();
    assert!(why.contains("return window closed on"), "{why}");
    let mut late = order.clone();
    let refused = late.request_return(req, day_16).unwrap_err();
    assert_eq!(refused.reason, why);
    assert_eq!(late, order, "a refused return changes nothing");
}

#[test]
fn refund_rules_by_reason_and_condition() {
    let lamp = [(usd(4000), usd(500))];
    let good = ItemCondition {
        original_packaging: true,
        resellable: true,
    };
    let opened = ItemCondition {
        original_packaging: false,
        resellable: true,
    };
    let q = quote_return(
        &lamp,
        ReturnReason::ChangedMind,
        good,
        Resolution::Refund,
        Market::US,
    );
    assert_eq!(
        q.refund,
        usd(4000 - 799),
        "full items, minus the return label"
    );
    assert_eq!(q.return_shipping_paid_by, Party::Shopper);
    let q = quote_return(
        &lamp,
        ReturnReason::ChangedMind,
        opened,
        Resolution::Refund,
        Market::US,
    );
    assert_eq!(q.refund_percent, 80);
    assert_eq!(q.refund, usd(3200 - 799));
    let q = quote_return(
        &lamp,
        ReturnReason::Damaged,
        opened,
        Resolution::Refund,
        Market::US,
    );
    assert_eq!(
        q.refund,
        usd(4500),
        "items and delivery in full; seller pays the label"
    );
    assert_eq!(q.return_shipping_paid_by, Party::Seller);
    let cheap = [(usd(500), usd(0))];
    let q = quote_return(
        &cheap,
        ReturnReason::ChangedMind,
        opened,
        Resolution::Refund,
        Market::US,
    );
    assert_eq!(q.refund, usd(0), "never negative");
}

#[test]
fn exchange_only_for_defective_or_damaged() {
    let (order, p, delivered) = delivered_lamp("R-2");
    for reason in ReturnReason::ALL {
        let result = order.quote_return(&request(&p, reason, Resolution::Exchange), delivered);
        assert_eq!(result.is_ok(), reason.allows_exchange(), "{reason:?}");
        if let Err(why) = result {
            assert!(
                why.to_string()
                    .contains("only for items that arrived defective or damaged"),
                "{why}"
            );
        }
    }
    assert!(ReturnReason::Defective.allows_exchange() && ReturnReason::Damaged.allows_exchange());
}

#[test]
fn an_exchange_sends_a_replacement_without_a_second_capture() {
    let (mut order, p, delivered) = delivered_lamp("R-3");
    let day_3 = delivered + Duration::days(3);
    order
        .request_return(
            request(&p, ReturnReason::Damaged, Resolution::Exchange),
            day_3,
        )
        .unwrap();
    assert_eq!(order.status(), OrderStatus::ReturnInProgress);
    let arrives = order.returns()[0].arrives_at;
    let applied = advance(&mut order, arrives + Duration::hours(2));
    let effects = effects_of(&applied);
    assert!(effects.is_empty(), "no refund, no capture: {effects:?}");
    let replacement = order.returns()[0].replacement.clone().unwrap();
    let r = order.package(&replacement).unwrap();
    assert_eq!(r.replaces, Some(p.clone()));
    assert!(r
        .carrier
        .is_valid_tracking_number(r.tracking_number.as_deref().unwrap()));
    assert_eq!(order.status(), OrderStatus::Shipped);
    assert_eq!(
        order.total(),
        usd(4500),
        "the replacement adds nothing to pay"
    );
    deliver(&mut order, &replacement);
    assert_eq!(order.status(), OrderStatus::Delivered);
}

#[test]
fn a_partial_refund_return_reaches_the_plan_when_the_seller_receives_it() {
    let (mut order, p, delivered) = delivered_lamp("R-4");
    let mut req = request(&p, ReturnReason::ChangedMind, Resolution::Refund);
    req.condition.resellable = false;
    order
        .request_return(req, delivered + Duration::days(15))
        .unwrap();
    let arrives = order.returns()[0].arrives_at;
    let applied = advance(&mut order, arrives);
    assert_eq!(
        effects_of(&applied),
        vec![Effect::Refund {
            package: Some(p.clone()),
            amount: usd(3200 - 799),
            captured_part: usd(3200 - 799),
            reason: "return (changed my mind)".into(),
        }]
    );
    assert_eq!(
        order.status(),
        OrderStatus::Closed,
        "the only package came back"
    );
    assert_eq!(order.refunds().len(), 1);
}

#[test]
fn a_dispute_pauses_at_once_and_escalates_after_exactly_21_days() {
    let (mut order, p, delivered) = delivered_lamp("D-1");
    let opened = delivered + Duration::days(2);
    let outcome = order
        .open_dispute(&p, DisputeReason::NotAsDescribed, opened)
        .unwrap();
    assert_eq!(outcome.effects, vec![Effect::PausePlan]);
    assert_eq!(order.status(), OrderStatus::InDispute);
    let almost = opened + Duration::days(21) - Duration::seconds(1);
    assert!(
        advance(&mut order, almost).is_empty(),
        "nothing completes under a dispute"
    );
    let applied = advance(&mut order, opened + Duration::days(21));
    assert_eq!(
        applied[0].0.kind,
        OrderEventKind::DisputeEscalated { case: 1 }
    );
    assert_eq!(
        order.disputes()[0].escalated_at,
        Some(opened + Duration::days(21))
    );
    // Undecided, the written rule decides a week later: the seller never put it right.
    let applied = advance(&mut order, opened + Duration::days(28));
    let effects = effects_of(&applied);
    assert!(matches!(effects[0], Effect::Refund { amount, .. } if amount == usd(4500)));
    assert_eq!(effects[1], Effect::ResumePlan { paused_days: 28 });
    assert_eq!(order.status(), OrderStatus::Closed);
}

#[test]
fn a_dispute_decided_for_the_seller_resumes_the_plan_shifted_by_the_pause() {
    let (mut order, p, delivered) = delivered_lamp("D-2");
    // "Not received" opens the day after the guaranteed date, scanned as delivered or not.
    let guarantee_over = order.package(&p).unwrap().guarantee_expires_at();
    let opened = guarantee_over.max(delivered + Duration::days(1));
    order
        .open_dispute(&p, DisputeReason::NotReceived, opened)
        .unwrap();
    assert!(order
        .open_dispute(&p, DisputeReason::Defective, opened)
        .is_err());
    let outcome = order
        .decide_dispute(DisputeDecision::ForSeller, opened + Duration::days(10))
        .unwrap();
    assert_eq!(
        outcome.effects,
        vec![Effect::ResumePlan { paused_days: 10 }]
    );
    assert_eq!(order.status(), OrderStatus::Delivered);
}

#[test]
fn the_rule_sides_with_the_tracking_for_not_received() {
    let (order, p, _) = delivered_lamp("D-3");
    let package = order.package(&p).unwrap();
    let (decision, why) = rule_decision(DisputeReason::NotReceived, package);
    assert_eq!(decision, DisputeDecision::ForSeller);
    assert!(why.contains("scanned the package as delivered"), "{why}");
    let mut lost = package.clone();
    lost.tracking
        .retain(|e| e.stage != TrackingStage::Delivered);
    assert_eq!(
        rule_decision(DisputeReason::NotReceived, &lost).0,
        DisputeDecision::ForShopper
    );
}

#[test]
fn protection_ends_15_days_after_receipt_and_the_order_completes_then() {
    let (mut order, _, delivered) = delivered_lamp("B-1");
    assert_eq!(
        order.protection_ends(),
        Some(delivered + Duration::days(AUTO_CONFIRM_DAYS + 15)),
        "projected from the auto-confirmation"
    );
    let confirmed = delivered + Duration::days(1);
    order.confirm_receipt(confirmed).unwrap();
    assert!(order.confirm_receipt(confirmed).is_err());
    let ends = confirmed + Duration::days(15);
    assert_eq!(order.protection_ends(), Some(ends));
    assert!(advance(&mut order, ends - Duration::seconds(1)).is_empty());
    let applied = advance(&mut order, ends);
    assert_eq!(applied[0].0.kind, OrderEventKind::ProtectionEnded);
    assert_eq!(order.status(), OrderStatus::Completed);
    let late = order.open_dispute(&first_package(&order), DisputeReason::Defective, ends);
    assert!(late.is_err());
}

#[test]
fn receipt_is_confirmed_automatically_seven_days_after_delivery() {
    let (mut order, _, delivered) = delivered_lamp("B-2");
    let applied = advance(&mut order, delivered + Duration::days(7));
    assert_eq!(applied[0].0.kind, OrderEventKind::ReceiptAutoConfirmed);
    advance(&mut order, delivered + Duration::days(22));
    assert_eq!(order.status(), OrderStatus::Completed);
    assert_eq!(order.completed_at(), Some(delivered + Duration::days(22)));
}
