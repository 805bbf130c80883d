//! Shared set-up for the provider tests: a fixed clock and a purchase that adds up.
#![allow(dead_code)]

use bnpl_market::domain::market::Market;
use bnpl_market::klarna::{
    Authorization, AuthorizeRequest, CreateOrderRequest, MockKlarna, Order, OrderLine,
    PaymentMethodCategory, PaymentProvider, PurchaseDetails, Session,
};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use futures::executor::block_on;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 9, 30, 0).unwrap()
}

pub fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

/// 2 x 25.00 + 5.99 shipping + 4.00 tax = 59.99 USD.
pub fn us_purchase() -> PurchaseDetails {
    PurchaseDetails::for_market(
        Market::US,
        vec![
            OrderLine::new("Linen shirt", 2, 2500).with_reference("sku-shirt-m"),
            OrderLine::shipping_fee("Standard delivery", 599),
            OrderLine::sales_tax(400),
        ],
        400,
    )
}

pub fn uk_purchase() -> PurchaseDetails {
    PurchaseDetails::for_market(Market::UK, vec![OrderLine::new("Wool scarf", 3, 1333)], 666)
}

pub fn pay_in_4(email: &str, code: &str) -> AuthorizeRequest {
    AuthorizeRequest {
        email: email.to_string(),
        one_time_code: code.to_string(),
        payment_method_category: PaymentMethodCategory::PayOverTime,
        plan_id: "pay_in_4".to_string(),
    }
}

pub fn order_request(purchase: &PurchaseDetails) -> CreateOrderRequest {
    CreateOrderRequest {
        purchase: purchase.clone(),
        merchant_reference1: Some("shop-42".to_string()),
        attachment: None,
    }
}

pub fn session(mock: &mut MockKlarna, purchase: &PurchaseDetails) -> Session {
    block_on(mock.create_session(purchase, "ses-key", t0())).unwrap()
}

pub fn authorized(mock: &mut MockKlarna, email: &str) -> (Session, Authorization) {
    let purchase = us_purchase();
    let session = session(mock, &purchase);
    let authorization = block_on(mock.authorize(
        &session.session_id,
        &pay_in_4(email, "123456"),
        "auth-key",
        t0(),
    ))
    .unwrap();
    (session, authorization)
}

/// An AUTHORIZED order of 59.99 USD for an approved shopper, created at `t0`.
pub fn order(mock: &mut MockKlarna) -> Order {
    let (_, authorization) = authorized(mock, "ann@example.com");
    block_on(mock.create_order(
        &authorization.authorization_token,
        &order_request(&us_purchase()),
        "order-key",
        t0(),
    ))
    .unwrap()
}
