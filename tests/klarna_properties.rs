//! Money invariants of the provider under any sequence of calls.

mod klarna_support;

use bnpl_market::klarna::{
    CaptureRequest, MockKlarna, Order, OrderStatus, PaymentProvider, RefundRequest,
};
use chrono::TimeDelta;
use futures::executor::block_on;
use klarna_support::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    Capture(i64),
    Refund(i64),
    Cancel,
    Release,
    /// Repeats the call made at step `n` (modulo the steps so far) with its key.
    Replay(usize),
    AdvanceDays(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (-100i64..7000).prop_map(Step::Capture),
        4 => (-100i64..7000).prop_map(Step::Refund),
        1 => Just(Step::Cancel),
        1 => Just(Step::Release),
        2 => (0usize..50).prop_map(Step::Replay),
        1 => (0i64..10).prop_map(Step::AdvanceDays),
    ]
}

fn assert_invariants(order: &Order) -> Result<(), TestCaseError> {
    let amount = order.order_amount();
    prop_assert!(order.captured_amount >= 0 && order.refunded_amount >= 0);
    prop_assert!(order.remaining_authorized_amount >= 0);
    prop_assert!(order.captured_amount <= amount, "captured above the order");
    prop_assert!(
        order.refunded_amount <= order.captured_amount,
        "refunded above captured"
    );
    prop_assert!(order.captured_amount + order.remaining_authorized_amount <= amount);
    let captures: i64 = order.captures.iter().map(|c| c.captured_amount).sum();
    let refunds: i64 = order.refunds.iter().map(|r| r.refunded_amount).sum();
    prop_assert_eq!(captures, order.captured_amount);
    prop_assert_eq!(refunds, order.refunded_amount);
    prop_assert_eq!(order.status, order.settled_status());
    if order.status == OrderStatus::Cancelled || order.status == OrderStatus::Expired {
        prop_assert_eq!(order.captured_amount, 0);
    }
    Ok(())
}

proptest! {
    #[test]
    fn captures_and_refunds_never_exceed_their_limits(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut mock = MockKlarna::new(9);
        let id = order(&mut mock).order_id;
        let mut now = t0();
        // Calls made so far with their keys, for replays.
        let mut made: Vec<(Step, String)> = Vec::new();
        for (n, step) in steps.into_iter().enumerate() {
            let (step, key, replaying) = match step {
                Step::Replay(i) if !made.is_empty() => {
                    let (step, key) = made[i % made.len()].clone();
                    (step, key, true)
                }
                other => (other, format!("k{n}"), false),
            };
            let before = block_on(mock.get_order(&id, now)).unwrap();
            match &step {
                Step::Capture(amount) => {
                    let _ = block_on(mock.capture(&id, &CaptureRequest::amount(*amount), &key, now));
                }
                Step::Refund(amount) => {
                    let _ = block_on(mock.refund(&id, &RefundRequest::amount(*amount), &key, now));
                }
                Step::Cancel => {
                    let _ = block_on(mock.cancel(&id, &key, now));
                }
                Step::Release => {
                    let _ = block_on(mock.release_remaining_authorization(&id, &key, now));
                }
                Step::AdvanceDays(days) => now += TimeDelta::days(*days),
                Step::Replay(_) => {}
            }
            let after = block_on(mock.get_order(&id, now)).unwrap();
            assert_invariants(&after)?;
            if replaying {
                prop_assert_eq!(&before, &after, "a replay changed the order");
            } else if !matches!(step, Step::AdvanceDays(_) | Step::Replay(_)) {
                made.push((step, key));
            }
        }
    }
}
