//! Exactly once: replays, mismatched keys, injected faults and a persisted mock.

mod klarna_support;

use bnpl_market::klarna::{
    CaptureRequest, ErrorCode, Fault, MockKlarna, PaymentProvider, RefundRequest,
};
use futures::executor::block_on;
use klarna_support::*;

#[test]
fn the_same_key_twice_creates_one_order() {
    let mut mock = MockKlarna::new(3);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let request = order_request(&us_purchase());
    let token = auth.authorization_token.as_str();
    let first = block_on(mock.create_order(token, &request, "order-1", t0())).unwrap();
    let second =
        block_on(mock.create_order(token, &request, "order-1", t0() + minutes(2))).unwrap();
    assert_eq!(first, second);
    assert_eq!(mock.orders().count(), 1);
}

#[test]
fn the_same_key_twice_refunds_and_captures_once() {
    let mut mock = MockKlarna::new(3);
    let id = order(&mut mock).order_id;
    let capture = CaptureRequest::amount(3000);
    let c1 = block_on(mock.capture(&id, &capture, "cap-1", t0())).unwrap();
    let c2 = block_on(mock.capture(&id, &capture, "cap-1", t0())).unwrap();
    assert_eq!(c1, c2);
    let refund = RefundRequest::amount(1000);
    let r1 = block_on(mock.refund(&id, &refund, "ref-1", t0())).unwrap();
    let r2 = block_on(mock.refund(&id, &refund, "ref-1", t0())).unwrap();
    assert_eq!(r1.refund_id, r2.refund_id);
    let o = block_on(mock.get_order(&id, t0())).unwrap();
    assert_eq!((o.captured_amount, o.refunded_amount), (3000, 1000));
    assert_eq!((o.captures.len(), o.refunds.len()), (1, 1));
}

#[test]
fn a_replayed_error_is_the_first_error_even_when_the_state_changed() {
    let mut mock = MockKlarna::new(3);
    let id = order(&mut mock).order_id;
    let refund = RefundRequest::amount(500);
    let first = block_on(mock.refund(&id, &refund, "ref-early", t0())).unwrap_err();
    assert_eq!(first.code(), ErrorCode::NotAllowed);
    block_on(mock.capture(&id, &CaptureRequest::amount(1000), "cap-1", t0())).unwrap();
    let replay = block_on(mock.refund(&id, &refund, "ref-early", t0())).unwrap_err();
    assert_eq!(first, replay);
    assert_eq!(
        block_on(mock.get_order(&id, t0())).unwrap().refunded_amount,
        0
    );
    // A new intent gets a new key and sees the new state.
    block_on(mock.refund(&id, &refund, "ref-later", t0())).unwrap();
}

#[test]
fn a_key_reused_for_a_different_request_is_a_bad_value() {
    let mut mock = MockKlarna::new(3);
    let id = order(&mut mock).order_id;
    block_on(mock.capture(&id, &CaptureRequest::amount(1000), "k", t0())).unwrap();
    let error = block_on(mock.capture(&id, &CaptureRequest::amount(2000), "k", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::BadValue);
    assert_eq!(error.field.as_deref(), Some("idempotency_key"));
    let error = block_on(mock.refund(&id, &RefundRequest::amount(1000), "k", t0())).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("idempotency_key"));
    let o = block_on(mock.get_order(&id, t0())).unwrap();
    assert_eq!((o.captured_amount, o.refunded_amount), (1000, 0));

    let error = block_on(mock.cancel(&id, "  ", t0())).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("idempotency_key"));
}

#[test]
fn a_timeout_after_commit_then_a_retry_gives_one_order() {
    let mut mock = MockKlarna::new(3);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let request = order_request(&us_purchase());
    let token = auth.authorization_token.as_str();
    mock.simulation.inject_fault(Fault::Timeout, 1);
    let error = block_on(mock.create_order(token, &request, "pay-1", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Timeout);
    assert!(error.is_retryable());
    assert_eq!(
        mock.orders().count(),
        1,
        "the order exists although the caller timed out"
    );

    let retried = block_on(mock.create_order(token, &request, "pay-1", t0() + minutes(1))).unwrap();
    assert_eq!(mock.orders().count(), 1);
    assert_eq!(mock.orders().next().unwrap().order_id, retried.order_id);
}

#[test]
fn a_timeout_during_refund_then_a_retry_refunds_once() {
    let mut mock = MockKlarna::new(3);
    let id = order(&mut mock).order_id;
    block_on(mock.capture(&id, &CaptureRequest::amount(5999), "cap", t0())).unwrap();
    mock.simulation.inject_fault(Fault::Timeout, 2);
    let refund = RefundRequest::amount(2000);
    for _ in 0..2 {
        let error = block_on(mock.refund(&id, &refund, "ref", t0())).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Timeout);
    }
    block_on(mock.refund(&id, &refund, "ref", t0())).unwrap();
    assert_eq!(
        block_on(mock.get_order(&id, t0())).unwrap().refunded_amount,
        2000
    );
}

#[test]
fn an_injected_error_changes_nothing_and_the_retry_does_the_work() {
    let mut mock = MockKlarna::new(3);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let request = order_request(&us_purchase());
    let token = auth.authorization_token.as_str();
    mock.simulation.inject_fault(Fault::Error, 1);
    let error = block_on(mock.create_order(token, &request, "pay-1", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InternalError);
    assert_eq!(mock.orders().count(), 0);
    block_on(mock.create_order(token, &request, "pay-1", t0())).unwrap();
    assert_eq!(mock.orders().count(), 1);
}

#[test]
fn a_double_click_with_two_keys_still_gives_one_order() {
    let mut mock = MockKlarna::new(3);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let request = order_request(&us_purchase());
    let token = auth.authorization_token.as_str();
    block_on(mock.create_order(token, &request, "click-1", t0())).unwrap();
    let error = block_on(mock.create_order(token, &request, "click-2", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    assert_eq!(mock.orders().count(), 1);
}

#[test]
fn a_reload_mid_authorization_resumes_from_the_session() {
    let mut mock = MockKlarna::new(3);
    let purchase = us_purchase();
    let session = session(&mut mock, &purchase);
    mock.simulation.inject_fault(Fault::Timeout, 1);
    let error = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4("ann@example.com", "123456"),
        "auth-1",
        t0(),
    ))
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Timeout);

    // The app was reloaded: it only kept the session id, and the mock came from storage.
    let json = serde_json::to_string(&mock).unwrap();
    let mut mock: MockKlarna = serde_json::from_str(&json).unwrap();
    let resumed = block_on(mock.read_session(&session.session_id, t0())).unwrap();
    let token = resumed
        .authorization_token
        .expect("authorization took effect");
    let order =
        block_on(mock.create_order(&token, &order_request(&purchase), "order-1", t0())).unwrap();
    let after_reload = block_on(mock.read_session(&session.session_id, t0())).unwrap();
    assert_eq!(after_reload.order_id, Some(order.order_id));
}

#[test]
fn the_state_round_trips_through_json_with_its_idempotency_memory() {
    let mut mock = MockKlarna::new(3);
    let first = order(&mut mock);
    let json = serde_json::to_string(&mock).unwrap();
    let mut restored: MockKlarna = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, mock);
    let (_, auth_replay) = authorized(&mut restored, "ann@example.com");
    let replay = block_on(restored.create_order(
        &auth_replay.authorization_token,
        &order_request(&us_purchase()),
        "order-key",
        t0(),
    ))
    .unwrap();
    assert_eq!(replay, first);
    assert_eq!(restored.orders().count(), 1);
    assert_eq!(restored.remembered_idempotency_keys(), 3);
}

#[test]
fn ids_are_deterministic_per_seed() {
    let run = |seed| {
        let mut mock = MockKlarna::new(seed);
        let (_, auth) = authorized(&mut mock, "ann@example.com");
        (
            serde_json::to_string(&mock).unwrap(),
            auth.authorization_token,
        )
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1).1, run(2).1);
    assert!(run(1).1.starts_with("kl_auth_000003_"));
}

#[test]
fn keys_are_forgotten_after_the_retention_period() {
    let mut mock = MockKlarna::new(3);
    order(&mut mock);
    assert_eq!(mock.remembered_idempotency_keys(), 3);
    mock.expire_due(t0() + chrono::TimeDelta::days(29));
    assert_eq!(mock.remembered_idempotency_keys(), 3);
    mock.expire_due(t0() + chrono::TimeDelta::days(31));
    assert_eq!(mock.remembered_idempotency_keys(), 0);
}
