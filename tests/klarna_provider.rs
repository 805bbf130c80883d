//! The provider's state machine: the happy path, every allowed transition, and every
//! refused one with its error code.

mod klarna_support;

use bnpl_market::klarna::{
    CaptureRequest, ErrorCode, FraudStatus, MockKlarna, OrderStatus, PaymentProvider,
    RefundRequest, SessionStatus,
};
use chrono::TimeDelta;
use futures::executor::block_on;
use klarna_support::*;

#[test]
fn happy_path_from_session_to_closed() {
    let mut mock = MockKlarna::new(7);
    let purchase = us_purchase();
    let session = block_on(mock.create_session(&purchase, "s1", t0())).unwrap();
    assert_eq!(session.session_id, "kl_ses_000001");
    assert_eq!(session.status, SessionStatus::Incomplete);
    assert_eq!(session.expires_at, t0() + TimeDelta::hours(48));
    assert_eq!(session.payment_method_categories.len(), 3);

    let auth = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4("ann@example.com", "123456"),
        "a1",
        t0(),
    ))
    .unwrap();
    assert_eq!(auth.expires_at, t0() + minutes(60));
    assert_eq!(auth.authorized_amount, 5999);
    assert!(!auth.new_customer);
    let read = block_on(mock.read_session(&session.session_id, t0())).unwrap();
    assert_eq!(read.status, SessionStatus::Complete);
    assert_eq!(
        read.authorization_token.as_deref(),
        Some(auth.authorization_token.as_str())
    );

    let later = t0() + minutes(5);
    let order = block_on(mock.create_order(
        &auth.authorization_token,
        &order_request(&purchase),
        "o1",
        later,
    ))
    .unwrap();
    assert_eq!(order.order_id, "kl_ord_000004");
    assert_eq!(order.status, OrderStatus::Authorized);
    assert_eq!(order.fraud_status, FraudStatus::Accepted);
    assert_eq!(order.plan_id, "pay_in_4");
    assert_eq!(order.remaining_authorized_amount, 5999);
    assert_eq!(order.expires_at, later + TimeDelta::days(28));
    let session = block_on(mock.read_session(&session.session_id, later)).unwrap();
    assert_eq!(session.order_id.as_deref(), Some(order.order_id.as_str()));

    let id = order.order_id.as_str();
    let capture = block_on(mock.capture(id, &CaptureRequest::amount(2500), "c1", later)).unwrap();
    assert_eq!(capture.captured_amount, 2500);
    let o = block_on(mock.get_order(id, later)).unwrap();
    assert_eq!(o.status, OrderStatus::PartCaptured);
    assert_eq!(
        (o.captured_amount, o.remaining_authorized_amount),
        (2500, 3499)
    );

    block_on(mock.capture(id, &CaptureRequest::amount(3499), "c2", later)).unwrap();
    let o = block_on(mock.get_order(id, later)).unwrap();
    assert_eq!(o.status, OrderStatus::Captured);
    assert_eq!(o.captures.len(), 2);

    block_on(mock.refund(id, &RefundRequest::amount(1000), "r1", later)).unwrap();
    assert_eq!(
        block_on(mock.get_order(id, later)).unwrap().status,
        OrderStatus::Captured
    );
    let refund = block_on(mock.refund(id, &RefundRequest::amount(4999), "r2", later)).unwrap();
    assert_eq!(refund.refunded_amount, 4999);
    let o = block_on(mock.get_order(id, later)).unwrap();
    assert_eq!(o.status, OrderStatus::Closed);
    assert_eq!((o.refunded_amount, o.refundable_amount()), (5999, 0));
}

#[test]
fn cancel_is_allowed_only_before_any_capture() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    let cancelled = block_on(mock.cancel(&id, "x1", t0())).unwrap();
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    assert_eq!(cancelled.remaining_authorized_amount, 0);

    let again = block_on(mock.cancel(&id, "x2", t0())).unwrap_err();
    assert_eq!(again.code(), ErrorCode::NotAllowed);
    let capture =
        block_on(mock.capture(&id, &CaptureRequest::amount(100), "c1", t0())).unwrap_err();
    assert_eq!(capture.code(), ErrorCode::NotAllowed);
    let refund = block_on(mock.refund(&id, &RefundRequest::amount(100), "r1", t0())).unwrap_err();
    assert_eq!(refund.code(), ErrorCode::NotAllowed);
    let release = block_on(mock.release_remaining_authorization(&id, "l1", t0())).unwrap_err();
    assert_eq!(release.code(), ErrorCode::NotAllowed);

    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    block_on(mock.capture(&id, &CaptureRequest::amount(100), "c1", t0())).unwrap();
    let error = block_on(mock.cancel(&id, "x1", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    assert_eq!(
        block_on(mock.get_order(&id, t0())).unwrap().status,
        OrderStatus::PartCaptured
    );
}

#[test]
fn release_ends_a_part_captured_order_and_refunds_stay_possible() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    let error = block_on(mock.release_remaining_authorization(&id, "l0", t0())).unwrap_err();
    assert_eq!(
        error.code(),
        ErrorCode::NotAllowed,
        "nothing captured: cancel instead"
    );

    block_on(mock.capture(&id, &CaptureRequest::amount(3000), "c1", t0())).unwrap();
    let released = block_on(mock.release_remaining_authorization(&id, "l1", t0())).unwrap();
    assert_eq!(released.status, OrderStatus::Captured);
    assert_eq!(released.remaining_authorized_amount, 0);
    assert_eq!(released.captured_amount, 3000);

    let capture = block_on(mock.capture(&id, &CaptureRequest::amount(1), "c2", t0())).unwrap_err();
    assert_eq!(capture.code(), ErrorCode::NotAllowed);
    let release = block_on(mock.release_remaining_authorization(&id, "l2", t0())).unwrap_err();
    assert_eq!(release.code(), ErrorCode::NotAllowed);

    block_on(mock.refund(&id, &RefundRequest::amount(3000), "r1", t0())).unwrap();
    let closed = block_on(mock.get_order(&id, t0())).unwrap();
    assert_eq!(closed.status, OrderStatus::Closed);
    let error = block_on(mock.refund(&id, &RefundRequest::amount(1), "r2", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
}

#[test]
fn capture_and_refund_amount_limits() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    let error = block_on(mock.refund(&id, &RefundRequest::amount(100), "r0", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed, "nothing captured yet");

    let error = block_on(mock.capture(&id, &CaptureRequest::amount(6000), "c0", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::BadValue);
    assert_eq!(error.field.as_deref(), Some("captured_amount"));
    let error = block_on(mock.capture(&id, &CaptureRequest::amount(0), "c0b", t0())).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("captured_amount"));

    block_on(mock.capture(&id, &CaptureRequest::amount(2000), "c1", t0())).unwrap();
    let error = block_on(mock.refund(&id, &RefundRequest::amount(2001), "r1", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::BadValue);
    assert_eq!(error.field.as_deref(), Some("refunded_amount"));
    let error = block_on(mock.refund(&id, &RefundRequest::amount(-5), "r1b", t0())).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("refunded_amount"));
    block_on(mock.refund(&id, &RefundRequest::amount(1500), "r2", t0())).unwrap();
    let error = block_on(mock.refund(&id, &RefundRequest::amount(501), "r3", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::BadValue);
    let o = block_on(mock.get_order(&id, t0())).unwrap();
    assert_eq!((o.captured_amount, o.refunded_amount), (2000, 1500));
    assert_eq!(o.status, OrderStatus::PartCaptured);
}

#[test]
fn unknown_ids_are_not_found() {
    let mut mock = MockKlarna::new(1);
    let code =
        |r: Result<_, bnpl_market::klarna::ProviderError>| r.map(|_: ()| ()).unwrap_err().code();
    assert_eq!(
        code(block_on(mock.get_order("kl_ord_999999", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(block_on(mock.read_session("nope", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(block_on(mock.capture("nope", &CaptureRequest::amount(1), "k1", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(block_on(mock.refund("nope", &RefundRequest::amount(1), "k2", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(block_on(mock.cancel("nope", "k3", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(block_on(mock.release_remaining_authorization("nope", "k4", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    let auth = pay_in_4("ann@example.com", "123456");
    assert_eq!(
        code(block_on(mock.authorize("nope", &auth, "k5", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
    let request = order_request(&us_purchase());
    assert_eq!(
        code(block_on(mock.create_order("kl_auth_x", &request, "k6", t0())).map(|_| ())),
        ErrorCode::NotFound
    );
}

#[test]
fn a_session_becomes_one_order_even_with_two_tokens() {
    let mut mock = MockKlarna::new(1);
    let (session, first) = authorized(&mut mock, "ann@example.com");
    let second = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4("ann@example.com", "654321"),
        "a2",
        t0(),
    ))
    .unwrap();
    assert_ne!(first.authorization_token, second.authorization_token);
    let request = order_request(&us_purchase());
    block_on(mock.create_order(&first.authorization_token, &request, "o1", t0())).unwrap();
    let error =
        block_on(mock.create_order(&second.authorization_token, &request, "o2", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    let error = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4("ann@example.com", "111111"),
        "a3",
        t0(),
    ))
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    assert_eq!(mock.orders().count(), 1);
}
