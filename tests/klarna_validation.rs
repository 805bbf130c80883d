//! Requests that are wrong (BAD_VALUE naming the field), the test personas, and the JSON
//! shape the real API uses.

mod klarna_support;

use bnpl_market::klarna::{
    CaptureRequest, CardBehaviour, DeclineReason, ErrorCode, MockKlarna, OrderLine,
    PaymentProvider, PersonaSettings, ProviderError, PurchaseDetails, RefundRequest, SessionStatus,
};
use futures::executor::block_on;
use klarna_support::*;

fn session_error(purchase: &PurchaseDetails) -> ProviderError {
    block_on(MockKlarna::new(1).create_session(purchase, "k", t0())).unwrap_err()
}

fn assert_bad_value(error: &ProviderError, field: &str) {
    assert_eq!(error.code(), ErrorCode::BadValue, "{error}");
    assert_eq!(error.field.as_deref(), Some(field), "{error}");
}

#[test]
fn lines_must_sum_to_the_order_amount() {
    let mut purchase = us_purchase();
    purchase.order_amount += 1;
    assert_bad_value(&session_error(&purchase), "order_amount");
}

#[test]
fn each_line_is_checked_and_named() {
    let mut purchase = us_purchase();
    purchase.order_lines[1].total_amount += 1;
    assert_bad_value(&session_error(&purchase), "order_lines[1].total_amount");

    let mut purchase = us_purchase();
    purchase.order_lines[0] = OrderLine::new("Shirt", 1, -5);
    assert_bad_value(&session_error(&purchase), "order_lines[0].unit_price");

    let mut purchase = us_purchase();
    purchase.order_lines[2].quantity = 0;
    assert_bad_value(&session_error(&purchase), "order_lines[2].quantity");

    let mut purchase = us_purchase();
    purchase.order_lines[0].name = " ".into();
    assert_bad_value(&session_error(&purchase), "order_lines[0].name");

    let mut purchase = us_purchase();
    purchase.order_lines.clear();
    purchase.order_amount = 0;
    assert_bad_value(&session_error(&purchase), "order_lines");
}

#[test]
fn country_currency_locale_and_tax_are_checked() {
    let mut purchase = us_purchase();
    purchase.purchase_currency = "GBP".into();
    assert_bad_value(&session_error(&purchase), "purchase_currency");
    let mut purchase = uk_purchase();
    purchase.purchase_currency = "USD".into();
    assert_bad_value(&session_error(&purchase), "purchase_currency");
    for country in ["UK", "FR", ""] {
        let mut purchase = uk_purchase();
        purchase.purchase_country = country.into();
        assert_bad_value(&session_error(&purchase), "purchase_country");
    }
    let mut purchase = us_purchase();
    purchase.locale = "english".into();
    assert_bad_value(&session_error(&purchase), "locale");
    let mut purchase = us_purchase();
    purchase.order_tax_amount = purchase.order_amount + 1;
    assert_bad_value(&session_error(&purchase), "order_tax_amount");
    let mut mock = MockKlarna::new(1);
    assert!(block_on(mock.create_session(&uk_purchase(), "k", t0())).is_ok());
}

#[test]
fn an_order_must_match_what_was_authorized() {
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "ann@example.com");
    let token = auth.authorization_token.as_str();
    let error =
        block_on(mock.create_order(token, &order_request(&uk_purchase()), "o1", t0())).unwrap_err();
    assert_bad_value(&error, "purchase_country");
    let mut bigger = us_purchase();
    bigger.order_lines[0] = OrderLine::new("Linen shirt", 3, 2500);
    bigger.order_amount += 2500;
    let error =
        block_on(mock.create_order(token, &order_request(&bigger), "o2", t0())).unwrap_err();
    assert_bad_value(&error, "order_amount");
    let mut broken = us_purchase();
    broken.order_amount -= 1;
    let error =
        block_on(mock.create_order(token, &order_request(&broken), "o3", t0())).unwrap_err();
    assert_bad_value(&error, "order_amount");
    assert!(block_on(mock.create_order(token, &order_request(&us_purchase()), "o4", t0())).is_ok());
}

#[test]
fn capture_and_refund_lines_must_sum_to_their_amount() {
    let mut mock = MockKlarna::new(1);
    let id = order(&mut mock).order_id;
    let mut capture = CaptureRequest::amount(5000);
    capture.order_lines = vec![OrderLine::new("Linen shirt", 2, 2400)];
    let error = block_on(mock.capture(&id, &capture, "c1", t0())).unwrap_err();
    assert_bad_value(&error, "captured_amount");
    capture.order_lines = vec![OrderLine::new("Linen shirt", 2, 2500)];
    block_on(mock.capture(&id, &capture, "c2", t0())).unwrap();
    let mut refund = RefundRequest::amount(2500);
    refund.order_lines = vec![OrderLine::new("Linen shirt", 2, 2500)];
    let error = block_on(mock.refund(&id, &refund, "r1", t0())).unwrap_err();
    assert_bad_value(&error, "refunded_amount");
}

#[test]
fn a_denied_persona_is_rejected_with_a_reason() {
    let mut mock = MockKlarna::new(1);
    let session = session(&mut mock, &us_purchase());
    let error = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4("bob+denied@example.com", "123456"),
        "a1",
        t0(),
    ))
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Rejected);
    assert_eq!(error.reason, Some(DeclineReason::RiskAssessment));
    assert!(!error.message().is_empty());
    let read = block_on(mock.read_session(&session.session_id, t0())).unwrap();
    assert_eq!(read.status, SessionStatus::Incomplete);
    assert_eq!(read.authorization_token, None);
}

#[test]
fn a_new_user_signs_up_and_is_approved() {
    let mut mock = MockKlarna::new(1);
    let (_, auth) = authorized(&mut mock, "Cleo+New_User@Example.com");
    assert!(auth.new_customer);
    assert_eq!(auth.email, "cleo+new_user@example.com");
    assert!(bnpl_market::klarna::needs_sign_up(
        "cleo+new_user@example.com"
    ));
    assert!(
        block_on(mock.sign_in("cleo+new_user@example.com", "123456"))
            .unwrap()
            .new_customer
    );
}

#[test]
fn the_failing_code_is_a_wrong_code_and_the_shopper_may_retry() {
    let mut mock = MockKlarna::new(1);
    let session = session(&mut mock, &us_purchase());
    let id = session.session_id.as_str();
    let error = block_on(mock.authorize(id, &pay_in_4("ann@example.com", "999999"), "a1", t0()))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::WrongCode);
    assert!(
        !error.is_retryable(),
        "the same request would fail the same way"
    );
    for code in ["12345", "abcdef", "1234567"] {
        let error = block_on(mock.authorize(id, &pay_in_4("ann@example.com", code), code, t0()))
            .unwrap_err();
        assert_bad_value(&error, "one_time_code");
    }
    assert!(
        block_on(mock.authorize(id, &pay_in_4("ann@example.com", "246810"), "a2", t0())).is_ok()
    );
    assert_eq!(
        block_on(mock.sign_in("ann@example.com", "999999"))
            .unwrap_err()
            .code(),
        ErrorCode::WrongCode
    );
}

#[test]
fn the_purchase_limit_declines_above_it_and_allows_up_to_it() {
    let mut mock = MockKlarna::new(1);
    mock.simulation.set_persona(
        "ann@example.com",
        PersonaSettings {
            purchase_limit: Some(5998),
            card_behaviour: CardBehaviour::Expired,
        },
    );
    let session = session(&mut mock, &us_purchase());
    let id = session.session_id.as_str();
    let error = block_on(mock.authorize(id, &pay_in_4("ann@example.com", "123456"), "a1", t0()))
        .unwrap_err();
    assert_eq!(error.reason, Some(DeclineReason::PurchaseLimitExceeded));
    assert_eq!(
        mock.simulation.card_behaviour("ann@example.com"),
        CardBehaviour::Expired
    );
    mock.simulation.default_persona.purchase_limit = Some(1);
    mock.simulation.set_persona(
        "ann@example.com",
        PersonaSettings {
            purchase_limit: Some(5999),
            ..PersonaSettings::default()
        },
    );
    assert!(
        block_on(mock.authorize(id, &pay_in_4("ann@example.com", "123456"), "a2", t0())).is_ok()
    );
    let error = block_on(mock.authorize(id, &pay_in_4("zed@example.com", "123456"), "a3", t0()))
        .unwrap_err();
    assert_eq!(error.reason, Some(DeclineReason::PurchaseLimitExceeded));
}

#[test]
fn email_and_plan_are_checked() {
    let mut mock = MockKlarna::new(1);
    let session = session(&mut mock, &us_purchase());
    let id = session.session_id.as_str();
    let error =
        block_on(mock.authorize(id, &pay_in_4("not-an-email", "123456"), "a1", t0())).unwrap_err();
    assert_bad_value(&error, "email");
    let mut request = pay_in_4("ann@example.com", "123456");
    request.plan_id = String::new();
    let error = block_on(mock.authorize(id, &request, "a2", t0())).unwrap_err();
    assert_bad_value(&error, "plan_id");
}

#[test]
fn the_json_has_the_real_api_shape() {
    let mut mock = MockKlarna::new(1);
    let order = order(&mut mock);
    let json = serde_json::to_value(&order).unwrap();
    assert_eq!(json["status"], "AUTHORIZED");
    assert_eq!(json["fraud_status"], "ACCEPTED");
    assert_eq!(json["purchase_country"], "US");
    assert_eq!(json["order_amount"], 5999);
    assert_eq!(json["remaining_authorized_amount"], 5999);
    assert_eq!(json["payment_method_category"], "pay_over_time");
    assert_eq!(json["order_lines"][1]["type"], "shipping_fee");
    assert_eq!(json["order_lines"][0]["reference"], "sku-shirt-m");

    let error = block_on(mock.capture(&order.order_id, &CaptureRequest::amount(0), "c0", t0()))
        .unwrap_err();
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["error_code"], "BAD_VALUE");
    assert_eq!(json["field"], "captured_amount");
    assert_eq!(json["correlation_id"], "corr_c0");
    assert!(json["error_messages"][0]
        .as_str()
        .unwrap()
        .contains("captured_amount"));
}
