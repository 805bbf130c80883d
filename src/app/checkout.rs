//! Checkout with Klarna: the cart becomes a payment session, the shopper authorizes a plan,
//! the provider creates its order, and the shop places the order and opens the payment plan.
//!
//! Exactly once: every provider call is keyed by the checkout attempt, so a double click, a
//! retry after a timeout or a resumed checkout after a reload returns the first result, and
//! an attempt that already produced an order returns that order.

use crate::domain::inbox::Sender;
use chrono::{DateTime, Utc};

use super::order_book::{OrderBook, OrderRecord};
use super::review::{fraud_status_of, risk_attachment};
use super::settlement::carry_out;
use crate::domain::account::Account;
use crate::domain::cart::Cart;
use crate::domain::catalog::Catalog;
use crate::domain::inbox::Inbox;
use crate::domain::market::Market;
use crate::domain::money::Money;
use crate::domain::orders::{screen_cart, FraudStatus, NewOrder, Order, PlaceError};
use crate::domain::payments::{PaymentMethod, PaymentPlanAccount, PaymentsState};
use crate::domain::plans::{offer, plain_terms, Ineligibility, PlanKind};
use crate::klarna::{
    AuthorizeRequest, CreateOrderRequest, OrderLine, PaymentMethodCategory, PaymentProvider,
    ProviderError, PurchaseDetails, Session,
};

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CheckoutError {
    #[error("{}", .0.message())]
    Provider(ProviderError),
    #[error("{}", .0.message())]
    Ineligible(Ineligibility),
    #[error("{0}")]
    Place(PlaceError),
    #[error("Create your account before paying.")]
    NoAccount,
    #[error("That payment method is no longer saved. Choose another.")]
    MethodNotSaved,
    #[error("This payment was cancelled before Klarna answered. Nothing was charged.")]
    Abandoned,
}

impl CheckoutError {
    /// Whether retrying the same attempt may succeed (a timeout or a provider error).
    pub fn is_retryable(&self) -> bool {
        matches!(self, CheckoutError::Provider(e) if e.is_retryable())
    }
}

impl From<ProviderError> for CheckoutError {
    fn from(e: ProviderError) -> Self {
        CheckoutError::Provider(e)
    }
}

/// The cart as the provider's order lines: one line per item, one per delivery charge. The
/// amount is the sum of the lines, and equals the cart's grand total.
pub fn purchase_details(
    cart: &Cart,
    catalog: &Catalog,
    market: Market,
) -> Result<PurchaseDetails, CheckoutError> {
    let priced = cart.price(catalog, market);
    if priced.lines.is_empty() {
        return Err(CheckoutError::Place(if cart.is_empty() {
            PlaceError::EmptyCart
        } else {
            PlaceError::NothingAvailable
        }));
    }
    let mut lines = Vec::with_capacity(priced.lines.len() * 2);
    for line in &priced.lines {
        let cart_line = &cart.lines()[line.index];
        let quantity = cart_line.quantity.get();
        let name = if line.variant_label.is_empty() {
            line.product_name.clone()
        } else {
            format!("{} ({})", line.product_name, line.variant_label)
        };
        lines.push(
            OrderLine::new(name, quantity, line.unit_price.minor())
                .with_reference(cart_line.variant_id.as_str()),
        );
        if !line.shipping.is_zero() {
            lines.push(OrderLine::shipping_fee(
                format!("{} delivery: {}", line.delivery_name, line.product_name),
                line.shipping.minor(),
            ));
        }
    }
    let details = PurchaseDetails::for_market(market, lines, priced.totals.tax.minor());
    debug_assert_eq!(details.order_amount, priced.totals.grand_total.minor());
    Ok(details)
}

/// Klarna's category for one of the shop's plans.
pub fn category_of(kind: PlanKind) -> PaymentMethodCategory {
    match kind {
        PlanKind::PayNow => PaymentMethodCategory::PayNow,
        PlanKind::PayIn30 => PaymentMethodCategory::PayLater,
        PlanKind::PayIn4 | PlanKind::PayIn3 | PlanKind::Financing { .. } => {
            PaymentMethodCategory::PayOverTime
        }
    }
}

pub async fn start_session(
    provider: &mut impl PaymentProvider,
    cart: &Cart,
    catalog: &Catalog,
    market: Market,
    attempt: &str,
    now: DateTime<Utc>,
) -> Result<Session, CheckoutError> {
    let details = purchase_details(cart, catalog, market)?;
    Ok(provider
        .create_session(&details, &format!("{attempt}/session"), now)
        .await?)
}

/// What the shopper chose in the Klarna modal.
pub struct Choice<'a> {
    pub attempt: &'a str,
    pub session_id: &'a str,
    pub email: &'a str,
    pub one_time_code: &'a str,
    pub kind: PlanKind,
    pub method: &'a PaymentMethod,
    pub purchase_limit: Option<Money>,
}

/// Everything checkout changes besides the provider.
pub struct Books<'a> {
    pub orders: &'a mut OrderBook,
    pub payments: &'a mut PaymentsState,
    pub inbox: &'a mut Inbox,
    pub cart: &'a mut Cart,
}

/// Authorizes the chosen plan and places the order; returns the shop's order id.
pub async fn place_order(
    provider: &mut impl PaymentProvider,
    books: Books<'_>,
    catalog: &Catalog,
    account: &Account,
    choice: &Choice<'_>,
    now: DateTime<Utc>,
) -> Result<String, CheckoutError> {
    if let Some(existing) = books.orders.by_attempt(choice.attempt) {
        return Ok(existing.order.id().to_string());
    }
    let market = account.market;
    let purchase = purchase_details(books.cart, catalog, market)?;
    let total = Money::from_minor(purchase.order_amount, market.currency());
    let plan = offer(
        choice.kind,
        market,
        total,
        now.date_naive(),
        choice.purchase_limit,
    )
    .result
    .map_err(CheckoutError::Ineligible)?;

    let authorization = provider
        .authorize(
            choice.session_id,
            &AuthorizeRequest {
                email: choice.email.to_string(),
                one_time_code: choice.one_time_code.to_string(),
                payment_method_category: category_of(choice.kind),
                plan_id: choice.kind.id().to_string(),
            },
            &format!("{}/authorize/{}", choice.attempt, choice.one_time_code),
            now,
        )
        .await?;
    // The marketplace's monitoring flags go with the provider's order, whose fraud status
    // then says whether the order is held; the order's id is given once it exists.
    let history = books.orders.history();
    let mut new_order = NewOrder {
        id: String::new(),
        placed_at: now,
        market,
        account_country: market.country_code().to_string(),
        shipping_country: market.country_code().to_string(),
        cart: books.cart,
        catalog,
        history: &history,
        provider_fraud_status: FraudStatus::Pending,
    };
    let klarna_order = provider
        .create_order(
            &authorization.authorization_token,
            &CreateOrderRequest {
                purchase,
                merchant_reference1: Some(choice.attempt.to_string()),
                attachment: risk_attachment(&screen_cart(&new_order)),
            },
            &format!("{}/order", choice.attempt),
            now,
        )
        .await?;

    let order_id = books.orders.next_order_id();
    new_order.id = order_id.clone();
    new_order.provider_fraud_status = fraud_status_of(klarna_order.fraud_status);
    let (order, outcome) = Order::place(new_order).map_err(CheckoutError::Place)?;

    books.payments.add_account(PaymentPlanAccount::open(
        order_id.clone(),
        &plan,
        choice.method,
        now,
    ));
    // Klarna writes about the plan, the shop (the order's own notification) about the
    // order and its delivery. A held order is not confirmed yet: its only message is the
    // order's "We're checking your order", and both follow if the review accepts it.
    if order.review().status == FraudStatus::Accepted {
        books.inbox.deliver(
            Sender::Klarna,
            now,
            format!("Your {} plan for order {order_id}", plan.kind.name()),
            format!(
                "You paid for your order of {} with {}, using {}: {}",
                plan.total,
                plan.kind.name(),
                choice.method.label,
                plain_terms(&plan)
            ),
            Some("/my-klarna".into()),
        );
    }
    for note in outcome.notifications {
        note.deliver_to(books.inbox);
    }
    let mut record = OrderRecord {
        order,
        klarna_order_id: klarna_order.order_id,
        plan,
        attempt: choice.attempt.to_string(),
        pending_refunds: Vec::new(),
    };
    for problem in carry_out(outcome.effects, &mut record, provider, books.payments, now).await {
        books.inbox.deliver(
            Sender::Shop,
            now,
            format!("Problem with order {order_id}"),
            problem,
            Some(record.order.link()),
        );
    }
    books.orders.insert(record);
    books.cart.clear();
    Ok(order_id)
}
