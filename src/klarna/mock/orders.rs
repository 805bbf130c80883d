//! Orders after authorization: creation from a token, capture, refund, cancel, release
//! and the 28-day lapse. Checks run state first, then amounts: a capture on a cancelled
//! order is NOT_ALLOWED whatever its amount, which is the more useful answer.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::fraud_review::PendingReview;
use super::MockKlarna;
use crate::klarna::error::ProviderError;
use crate::klarna::fraud_status::FraudStatus;
use crate::klarna::order::{
    Capture, CaptureRequest, CreateOrderRequest, Order, OrderStatus, Refund, RefundRequest,
};
use crate::klarna::provider::authorization_lifetime;
use crate::klarna::types::ExpiryEvent;
use crate::klarna::validation::{validate_optional_lines, validate_purchase};

fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Authorized => "AUTHORIZED",
        OrderStatus::PartCaptured => "PART_CAPTURED",
        OrderStatus::Captured => "CAPTURED",
        OrderStatus::Cancelled => "CANCELLED",
        OrderStatus::Expired => "EXPIRED",
        OrderStatus::Closed => "CLOSED",
    }
}

fn refuse(order: &Order, action: &str) -> ProviderError {
    ProviderError::not_allowed(format!(
        "cannot {action} order {} in status {}",
        order.order_id,
        status_name(order.status)
    ))
}

impl MockKlarna {
    pub(crate) fn place_order(
        &mut self,
        token: &str,
        request: &CreateOrderRequest,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        let record = self
            .tokens
            .get(token)
            .ok_or_else(|| ProviderError::not_found("authorization token", token))?;
        if let Some(order_id) = &record.used_by_order {
            return Err(ProviderError::not_allowed(format!(
                "authorization token already used for order {order_id}"
            )));
        }
        let authorization = record.authorization.clone();
        if now >= authorization.expires_at {
            return Err(ProviderError::expired(
                "authorization token is older than 60 minutes: authorize again",
            ));
        }
        let session_id = authorization.session_id.clone();
        let session = self
            .sessions
            .get(&session_id)
            .expect("a token always belongs to a stored session");
        if let Some(order_id) = &session.order_id {
            return Err(ProviderError::not_allowed(format!(
                "session {session_id} already became order {order_id}"
            )));
        }
        validate_purchase(&request.purchase)?;
        let authorized = &session.purchase;
        for (field, asked, granted) in [
            (
                "purchase_country",
                &request.purchase.purchase_country,
                &authorized.purchase_country,
            ),
            (
                "purchase_currency",
                &request.purchase.purchase_currency,
                &authorized.purchase_currency,
            ),
        ] {
            if !asked.eq_ignore_ascii_case(granted) {
                return Err(ProviderError::bad_value(
                    field,
                    format!("{asked} differs from the authorized {granted}"),
                ));
            }
        }
        if request.purchase.order_amount > authorization.authorized_amount {
            return Err(ProviderError::bad_value(
                "order_amount",
                format!(
                    "{} is above the authorized {}",
                    request.purchase.order_amount, authorization.authorized_amount
                ),
            ));
        }

        let order_id = self.next_id("kl_ord");
        let review =
            PendingReview::assess(authorization.fraud_status, request.attachment.as_ref(), now);
        let order = Order {
            order_id: order_id.clone(),
            session_id: session_id.clone(),
            status: OrderStatus::Authorized,
            fraud_status: if review.is_some() {
                FraudStatus::Pending
            } else {
                FraudStatus::Accepted
            },
            purchase: request.purchase.clone(),
            merchant_reference1: request.merchant_reference1.clone(),
            payment_method_category: authorization.payment_method_category,
            plan_id: authorization.plan_id.clone(),
            customer_email: authorization.email.clone(),
            captured_amount: 0,
            refunded_amount: 0,
            remaining_authorized_amount: request.purchase.order_amount,
            captures: Vec::new(),
            refunds: Vec::new(),
            created_at: now,
            expires_at: now + authorization_lifetime(),
        };
        self.orders
            .insert(order_id.clone(), Arc::new(order.clone()));
        if let Some(review) = review {
            self.fraud_reviews.insert(order_id.clone(), review);
        }
        if let Some(record) = self.tokens.get_mut(token) {
            record.used_by_order = Some(order_id.clone());
        }
        if let Some(session) = self.sessions.get_mut(&session_id) {
            session.order_id = Some(order_id);
        }
        Ok(order)
    }

    /// The order as it stands at `now`, lapse included, without changing stored state.
    pub(crate) fn order_at(
        &self,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        let mut order = self
            .orders
            .get(order_id)
            .map(|order| Order::clone(order))
            .ok_or_else(|| ProviderError::not_found("order", order_id))?;
        self.reviewed_copy(&mut order, now);
        order.lapse_if_due(now);
        Ok(order)
    }

    pub(super) fn order_mut(
        &mut self,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> Result<&mut Order, ProviderError> {
        self.review_if_due(order_id, now);
        let order = self
            .orders
            .get_mut(order_id)
            .map(Arc::make_mut)
            .ok_or_else(|| ProviderError::not_found("order", order_id))?;
        // A lapse noticed by a call is still announced by the next `expire_due`, so the app
        // hears about every expiry exactly once however it was discovered.
        if let Some(event) = order.lapse_if_due(now) {
            self.unreported_expiries.push(event);
        }
        Ok(order)
    }

    pub(crate) fn capture_order(
        &mut self,
        order_id: &str,
        request: &CaptureRequest,
        now: DateTime<Utc>,
    ) -> Result<Capture, ProviderError> {
        let capture_id = format!("kl_cap_{:06}", self.last_id + 1);
        let order = self.order_mut(order_id, now)?;
        if order.remaining_authorized_amount == 0 || order.is_terminal() {
            return Err(refuse(order, "capture"));
        }
        if order.fraud_status != FraudStatus::Accepted {
            return Err(ProviderError::not_allowed(format!(
                "order {order_id} is held for fraud review; capture after it is accepted"
            )));
        }
        if request.captured_amount <= 0 {
            return Err(ProviderError::bad_value(
                "captured_amount",
                "must be greater than zero",
            ));
        }
        if request.captured_amount > order.remaining_authorized_amount {
            return Err(ProviderError::bad_value(
                "captured_amount",
                format!(
                    "{} is above the remaining authorized amount {}",
                    request.captured_amount, order.remaining_authorized_amount
                ),
            ));
        }
        validate_optional_lines(
            &request.order_lines,
            request.captured_amount,
            "captured_amount",
        )?;
        let capture = Capture {
            capture_id,
            captured_amount: request.captured_amount,
            captured_at: now,
            description: request.description.clone(),
            order_lines: request.order_lines.clone(),
            shipping_info: request.shipping_info.clone(),
        };
        order.captured_amount += capture.captured_amount;
        order.remaining_authorized_amount -= capture.captured_amount;
        order.captures.push(capture.clone());
        order.settle();
        self.last_id += 1;
        Ok(capture)
    }

    pub(crate) fn refund_order(
        &mut self,
        order_id: &str,
        request: &RefundRequest,
        now: DateTime<Utc>,
    ) -> Result<Refund, ProviderError> {
        let refund_id = format!("kl_ref_{:06}", self.last_id + 1);
        let order = self.order_mut(order_id, now)?;
        let refundable = order.refundable_amount();
        if refundable == 0 {
            return Err(ProviderError::not_allowed(format!(
                "order {order_id} ({}) has no captured amount left to refund",
                status_name(order.status)
            )));
        }
        if request.refunded_amount <= 0 {
            return Err(ProviderError::bad_value(
                "refunded_amount",
                "must be greater than zero",
            ));
        }
        if request.refunded_amount > refundable {
            return Err(ProviderError::bad_value(
                "refunded_amount",
                format!(
                    "{} is above the refundable {refundable} (captured minus refunded)",
                    request.refunded_amount
                ),
            ));
        }
        validate_optional_lines(
            &request.order_lines,
            request.refunded_amount,
            "refunded_amount",
        )?;
        let refund = Refund {
            refund_id,
            refunded_amount: request.refunded_amount,
            refunded_at: now,
            description: request.description.clone(),
            reference: request.reference.clone(),
            order_lines: request.order_lines.clone(),
        };
        order.refunded_amount += refund.refunded_amount;
        order.refunds.push(refund.clone());
        order.settle();
        self.last_id += 1;
        Ok(refund)
    }

    pub(crate) fn cancel_order(
        &mut self,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        let order = self.order_mut(order_id, now)?;
        if order.status != OrderStatus::Authorized {
            return Err(refuse(order, "cancel"));
        }
        order.status = OrderStatus::Cancelled;
        order.remaining_authorized_amount = 0;
        Ok(order.clone())
    }

    pub(crate) fn release_order(
        &mut self,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        let order = self.order_mut(order_id, now)?;
        if order.status != OrderStatus::PartCaptured {
            return Err(refuse(order, "release the remaining authorization of"));
        }
        order.remaining_authorized_amount = 0;
        order.settle();
        Ok(order.clone())
    }

    pub(crate) fn expire_orders(&mut self, now: DateTime<Utc>) -> Vec<ExpiryEvent> {
        let mut events = std::mem::take(&mut self.unreported_expiries);
        events.extend(
            self.orders
                .values_mut()
                .filter(|order| order.lapses_by(now))
                .filter_map(|order| Arc::make_mut(order).lapse_if_due(now)),
        );
        events
    }
}
