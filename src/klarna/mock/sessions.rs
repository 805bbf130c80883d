//! Payment sessions and authorizations: the part of the flow before an order exists.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MockKlarna;
use crate::klarna::error::{DeclineReason, ProviderError};
use crate::klarna::fraud_status::FraudStatus;
use crate::klarna::persona::{check_one_time_code, normalize_email, Persona};
use crate::klarna::provider::{authorization_token_lifetime, session_lifetime};
use crate::klarna::types::{
    Authorization, AuthorizeRequest, ExpiryEvent, PaymentMethodCategory, PaymentMethodCategoryInfo,
    Session, SessionRequest, SessionStatus,
};
use crate::klarna::validation::validate_purchase;

/// What the provider remembers about an issued authorization token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TokenRecord {
    pub(crate) authorization: Authorization,
    /// Set when an order was created from it: tokens are single use.
    pub(crate) used_by_order: Option<String>,
}

impl MockKlarna {
    pub(crate) fn open_session(
        &mut self,
        request: &SessionRequest,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError> {
        validate_purchase(request)?;
        let session_id = self.next_id("kl_ses");
        let client_token = self.next_secret("kl_ct");
        let session = Session {
            session_id: session_id.clone(),
            client_token,
            status: SessionStatus::Incomplete,
            created_at: now,
            expires_at: now + session_lifetime(),
            // Every category is offered in both markets; which plans qualify for the amount
            // and persona is the plan engine's decision, not the session's.
            payment_method_categories: PaymentMethodCategory::ALL
                .iter()
                .map(|&identifier| PaymentMethodCategoryInfo {
                    identifier,
                    name: identifier.display_name().to_string(),
                })
                .collect(),
            purchase: request.clone(),
            authorization_token: None,
            order_id: None,
        };
        self.sessions.insert(session_id, session.clone());
        Ok(session)
    }

    pub(crate) fn session_at(
        &self,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError> {
        let session = self
            .sessions
            .get(session_id)
            .ok_or_else(|| ProviderError::not_found("session", session_id))?;
        if session.status == SessionStatus::Expired || now >= session.expires_at {
            return Err(ProviderError::expired(format!(
                "session {session_id} expired at {}",
                session.expires_at.to_rfc3339()
            )));
        }
        Ok(session.clone())
    }

    pub(crate) fn authorize_session(
        &mut self,
        session_id: &str,
        request: &AuthorizeRequest,
        now: DateTime<Utc>,
    ) -> Result<Authorization, ProviderError> {
        let session = self.session_at(session_id, now)?;
        if let Some(order_id) = &session.order_id {
            return Err(ProviderError::not_allowed(format!(
                "session {session_id} already became order {order_id}"
            )));
        }
        let email = normalize_email(&request.email)?;
        check_one_time_code(&request.one_time_code)?;
        if request.plan_id.trim().is_empty() {
            return Err(ProviderError::bad_value("plan_id", "must not be empty"));
        }
        let offered = session
            .payment_method_categories
            .iter()
            .any(|c| c.identifier == request.payment_method_category);
        if !offered {
            return Err(ProviderError::bad_value(
                "payment_method_category",
                "not offered in this session",
            ));
        }
        let persona = Persona::of(&email);
        if persona == Persona::Denied {
            return Err(ProviderError::rejected(DeclineReason::RiskAssessment));
        }
        let amount = session.purchase.order_amount;
        if let Some(limit) = self.simulation.purchase_limit(&email) {
            if amount > limit {
                return Err(ProviderError::rejected(
                    DeclineReason::PurchaseLimitExceeded,
                ));
            }
        }
        let token = self.next_secret("kl_auth");
        let authorization = Authorization {
            authorization_token: token.clone(),
            session_id: session_id.to_string(),
            authorized_at: now,
            expires_at: now + authorization_token_lifetime(),
            authorized_amount: amount,
            fraud_status: if persona == Persona::HeldForReview {
                FraudStatus::Pending
            } else {
                FraudStatus::Accepted
            },
            payment_method_category: request.payment_method_category,
            plan_id: request.plan_id.trim().to_string(),
            new_customer: persona == Persona::NewUser,
            email,
        };
        self.tokens.insert(
            token.clone(),
            TokenRecord {
                authorization: authorization.clone(),
                used_by_order: None,
            },
        );
        let stored = self
            .sessions
            .get_mut(session_id)
            .expect("session was just read");
        stored.status = SessionStatus::Complete;
        stored.authorization_token = Some(token);
        Ok(authorization)
    }

    pub(crate) fn expire_sessions(&mut self, now: DateTime<Utc>) -> Vec<ExpiryEvent> {
        let mut events = Vec::new();
        for session in self.sessions.values_mut() {
            if session.status != SessionStatus::Expired && now >= session.expires_at {
                session.status = SessionStatus::Expired;
                events.push(ExpiryEvent::SessionExpired {
                    session_id: session.session_id.clone(),
                });
            }
        }
        events
    }
}
