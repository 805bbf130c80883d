//! Lifetimes and holds: the 60-minute single-use token, the 48-hour session, the 28-day
//! authorization, and the fraud review that blocks capture.

mod klarna_support;

use bnpl_market::klarna::{
    CaptureRequest, ErrorCode, ExpiryEvent, ExtraMerchantData, FraudStatus, MockKlarna,
    OrderStatus, PaymentProvider, RefundRequest, RiskSignal, RiskSignalKind,
};
use chrono::TimeDelta;
use futures::executor::block_on;
use klarna_support::*;

#[test]
fn a_token_is_single_use_and_lives_sixty_minutes() {
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let token = auth.authorization_token.as_str();
    let request = order_request(&us_purchase());
    let error =
        block_on(mock.create_order(token, &request, "o-late", t0() + minutes(61))).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Expired);

    let order = block_on(mock.create_order(token, &request, "o1", t0() + minutes(59))).unwrap();
    let error = block_on(mock.create_order(token, &request, "o2", t0() + minutes(59))).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    assert!(error.message().contains(&order.order_id));
    assert_eq!(mock.orders().count(), 1);
}

#[test]
fn a_session_expires_after_48_hours() {
    let mut mock = MockKlarna::new(1);
    let session = session(&mut mock, &us_purchase());
    let id = session.session_id.as_str();
    assert!(block_on(mock.read_session(id, t0() + TimeDelta::hours(47))).is_ok());
    let late = t0() + TimeDelta::hours(49);
    assert_eq!(
        block_on(mock.read_session(id, late)).unwrap_err().code(),
        ErrorCode::Expired
    );
    let error = block_on(mock.authorize(id, &pay_in_4("ann@example.com", "123456"), "a1", late))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Expired);
    let events = mock.expire_due(late);
    assert_eq!(
        events,
        vec![ExpiryEvent::SessionExpired {
            session_id: id.to_string()
        }]
    );
    assert!(
        mock.expire_due(late).is_empty(),
        "housekeeping runs once per expiry"
    );
}

#[test]
fn an_uncaptured_authorization_expires_after_28_days() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    let day_27 = t0() + TimeDelta::days(27);
    assert_eq!(
        block_on(mock.get_order(&id, day_27)).unwrap().status,
        OrderStatus::Authorized
    );
    let day_28 = t0() + TimeDelta::days(28);
    assert_eq!(
        block_on(mock.get_order(&id, day_28)).unwrap().status,
        OrderStatus::Expired
    );
    let error =
        block_on(mock.capture(&id, &CaptureRequest::amount(100), "c1", day_28)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    let error = block_on(mock.cancel(&id, "x1", day_28)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    let events = mock.expire_due(day_28 + TimeDelta::days(1));
    assert!(events.contains(&ExpiryEvent::OrderExpired {
        order_id: id.clone()
    }));
    assert!(mock.expire_due(day_28 + TimeDelta::days(2)).is_empty());
}

#[test]
fn a_part_capture_keeps_its_money_when_the_rest_lapses() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    block_on(mock.capture(&id, &CaptureRequest::amount(1000), "c1", t0())).unwrap();
    let events = mock.expire_due(t0() + TimeDelta::days(29));
    let released = ExpiryEvent::RemainingAuthorizationReleased {
        order_id: id.clone(),
        released_amount: 4999,
    };
    assert!(events.contains(&released), "{events:?}");
    let o = block_on(mock.get_order(&id, t0() + TimeDelta::days(29))).unwrap();
    assert_eq!(
        (o.status, o.captured_amount, o.remaining_authorized_amount),
        (OrderStatus::Captured, 1000, 0)
    );
    block_on(mock.refund(
        &id,
        &RefundRequest::amount(1000),
        "r1",
        t0() + TimeDelta::days(30),
    ))
    .unwrap();
}

#[test]
fn fraud_review_holds_capture_until_decided() {
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "eve+review@example.com");
    assert_eq!(auth.fraud_status, FraudStatus::Pending);
    let request = order_request(&us_purchase());
    let id = block_on(mock.create_order(&auth.authorization_token, &request, "o1", t0()))
        .unwrap()
        .order_id;
    let error = block_on(mock.capture(&id, &CaptureRequest::amount(100), "c1", t0())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotAllowed);
    mock.decide_fraud_review(&id, true, t0()).unwrap();
    block_on(mock.capture(&id, &CaptureRequest::amount(100), "c2", t0())).unwrap();
    assert_eq!(
        mock.decide_fraud_review(&id, false, t0())
            .unwrap_err()
            .code(),
        ErrorCode::NotAllowed
    );

    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "eve+review@example.com");
    let id = block_on(mock.create_order(&auth.authorization_token, &request, "o1", t0()))
        .unwrap()
        .order_id;
    let rejected = mock.decide_fraud_review(&id, false, t0()).unwrap();
    assert_eq!(
        (rejected.status, rejected.fraud_status),
        (OrderStatus::Cancelled, FraudStatus::Rejected)
    );
}

fn with_signals(kinds: &[RiskSignalKind]) -> bnpl_market::klarna::CreateOrderRequest {
    let mut request = order_request(&us_purchase());
    request.attachment = Some(ExtraMerchantData {
        risk_signals: kinds
            .iter()
            .map(|&kind| RiskSignal {
                kind,
                description: format!("{kind:?}"),
            })
            .collect(),
    });
    request
}

#[test]
fn the_merchants_risk_signals_hold_an_order_until_the_automatic_review_decides() {
    // One signal: PENDING, capture refused, then ACCEPTED 30 minutes later.
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    assert_eq!(auth.fraud_status, FraudStatus::Accepted);
    let request = with_signals(&[RiskSignalKind::UnverifiedSeller]);
    let order =
        block_on(mock.create_order(&auth.authorization_token, &request, "o1", t0())).unwrap();
    assert_eq!(order.fraud_status, FraudStatus::Pending);
    let id = order.order_id;
    let capture = CaptureRequest::amount(100);
    let early = block_on(mock.capture(&id, &capture, "c1", t0() + minutes(29)));
    assert_eq!(early.unwrap_err().code(), ErrorCode::NotAllowed);
    assert_eq!(
        block_on(mock.get_order(&id, t0() + minutes(29)))
            .unwrap()
            .fraud_status,
        FraudStatus::Pending
    );
    assert_eq!(
        block_on(mock.get_order(&id, t0() + minutes(30)))
            .unwrap()
            .fraud_status,
        FraudStatus::Accepted
    );
    block_on(mock.capture(&id, &capture, "c2", t0() + minutes(31))).unwrap();

    // A burst of orders far above usual: REJECTED, and the order is cancelled.
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let request = with_signals(&[RiskSignalKind::RapidOrders, RiskSignalKind::UnusualAmount]);
    let id = block_on(mock.create_order(&auth.authorization_token, &request, "o1", t0()))
        .unwrap()
        .order_id;
    let rejected = block_on(mock.get_order(&id, t0() + minutes(30))).unwrap();
    assert_eq!(
        (rejected.status, rejected.fraud_status),
        (OrderStatus::Cancelled, FraudStatus::Rejected)
    );
    // The review team could have decided first; after the automatic review it cannot.
    let late = mock.decide_fraud_review(&id, true, t0() + minutes(31));
    assert_eq!(late.unwrap_err().code(), ErrorCode::NotAllowed);
}
