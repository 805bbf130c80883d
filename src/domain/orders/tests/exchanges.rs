//! Returns over several cases and the money behind an exchange's replacement.

use chrono::Duration;

use super::*;

fn refund_request(package: &PackageId, lines: Vec<u32>) -> ReturnRequest {
    ReturnRequest {
        package: package.clone(),
        lines,
        reason: ReturnReason::Defective,
        condition: ItemCondition {
            original_packaging: true,
            resellable: false,
        },
        resolution: Resolution::Refund,
    }
}

#[test]
fn lines_come_back_once_and_the_last_one_closes_the_package() {
    let mut order = place("X-1", &[("lamp", 1, "standard"), ("mug", 2, "standard")]);
    let p = first_package(&order);
    let delivered = deliver(&mut order, &p);
    let now = delivered + Duration::days(1);
    order
        .request_return(refund_request(&p, vec![2]), now)
        .unwrap();
    let arrival = order.returns()[0].arrives_at;
    advance(&mut order, arrival);
    assert_eq!(
        order.status(),
        OrderStatus::Delivered,
        "the lamp is still kept"
    );
    let again = order.request_return(refund_request(&p, vec![2]), now + Duration::days(5));
    assert_eq!(again.unwrap_err().reason, "Line 2 was already returned.");
    // "The whole package" now means what is left of it: the lamp.
    order
        .request_return(refund_request(&p, Vec::new()), now + Duration::days(5))
        .unwrap();
    assert_eq!(order.returns()[1].request.lines, vec![1]);
    let arrival = order.returns()[1].arrives_at;
    advance(&mut order, arrival);
    assert_eq!(
        order.package(&p).unwrap().status,
        PackageStatus::Closed(CloseReason::Returned)
    );
    assert_eq!(order.status(), OrderStatus::Closed);
    // Defective: everything back, delivery included.
    assert_eq!(order.refunded_total(), order.total());
}

#[test]
fn a_dispute_about_a_replacement_refunds_the_original_payment() {
    let mut order = place("X-2", &[("lamp", 1, "standard")]);
    let original = first_package(&order);
    let delivered = deliver(&mut order, &original);
    let mut exchange = refund_request(&original, Vec::new());
    exchange.resolution = Resolution::Exchange;
    order.request_return(exchange, delivered).unwrap();
    let arrival = order.returns()[0].arrives_at + Duration::hours(1);
    advance(&mut order, arrival);
    let replacement = order.returns()[0].replacement.clone().unwrap();
    let delivered_again = deliver(&mut order, &replacement);
    order
        .open_dispute(&replacement, DisputeReason::Defective, delivered_again)
        .unwrap();
    let outcome = order
        .decide_dispute(
            DisputeDecision::ForShopper,
            delivered_again + Duration::days(3),
        )
        .unwrap();
    assert_eq!(
        outcome.effects[0],
        Effect::Refund {
            package: Some(original.clone()),
            amount: usd(4500),
            captured_part: usd(4500),
            reason: "dispute decided for you".into(),
        }
    );
    assert_eq!(outcome.effects[1], Effect::ResumePlan { paused_days: 3 });
    assert_eq!(order.status(), OrderStatus::Closed);
    assert_eq!(
        order.captured_total(),
        usd(4500),
        "the replacement was never captured"
    );
}

#[test]
fn the_return_window_counts_down_to_zero() {
    let mut order = place("X-3", &[("lamp", 1, "premium")]);
    let p = first_package(&order);
    let delivered = deliver(&mut order, &p);
    let window = order.return_window(&p).unwrap();
    assert_eq!(window.days_left(delivered), 16, "delivery day plus 15 more");
    assert_eq!(window.days_left(delivered + Duration::days(15)), 1);
    assert_eq!(window.days_left(delivered + Duration::days(16)), 0);
    assert_eq!(
        order.package(&p).unwrap().guaranteed_by(),
        order.package(&p).unwrap().estimate.latest
    );
}
