//! Errors shaped like Klarna's error body (`error_code`, `error_messages`, `correlation_id`),
//! plus the offending field and the decline reason, which Klarna only puts in prose.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The request itself is wrong; `field` names what to fix.
    BadValue,
    /// The shopper was declined; `reason` says why. Another option or amount may pass.
    Rejected,
    /// The request is fine but the object's state forbids it (capture after cancel...).
    NotAllowed,
    NotFound,
    /// A session, token or authorization outlived its lifetime.
    Expired,
    /// The one-time code was wrong. Distinct from a decline: the shopper just types again.
    WrongCode,
    /// Injected fault. The call may have taken effect: retry with the same idempotency key.
    Timeout,
    /// Injected fault. The call did not take effect: retrying with the same key is safe.
    InternalError,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadValue => "BAD_VALUE",
            ErrorCode::Rejected => "REJECTED",
            ErrorCode::NotAllowed => "NOT_ALLOWED",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Expired => "EXPIRED",
            ErrorCode::WrongCode => "WRONG_CODE",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::InternalError => "INTERNAL_ERROR",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// Klarna's risk assessment said no (the `+denied` persona).
    RiskAssessment,
    /// The order is above what this shopper may spend.
    PurchaseLimitExceeded,
    /// The order was held for review and the review said no.
    FraudReview,
}

impl DeclineReason {
    /// Words a shopper can read; Klarna never tells the merchant more than this.
    pub fn explanation(self) -> &'static str {
        match self {
            DeclineReason::RiskAssessment => {
                "Klarna could not approve this purchase. Try another payment option."
            }
            DeclineReason::PurchaseLimitExceeded => {
                "This purchase is above your Klarna spending limit."
            }
            DeclineReason::FraudReview => "The purchase did not pass Klarna's review.",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderError {
    pub error_code: ErrorCode,
    pub error_messages: Vec<String>,
    /// Deterministic (derived from the idempotency key or the id read) so that a replayed
    /// error is byte-for-byte the first one.
    pub correlation_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DeclineReason>,
}

impl ProviderError {
    fn new(error_code: ErrorCode, message: impl Into<String>) -> Self {
        ProviderError {
            error_code,
            error_messages: vec![message.into()],
            correlation_id: String::new(),
            field: None,
            reason: None,
        }
    }

    pub fn bad_value(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let mut error = Self::new(
            ErrorCode::BadValue,
            format!("Bad value: {field}: {}", message.into()),
        );
        error.field = Some(field);
        error
    }

    pub fn rejected(reason: DeclineReason) -> Self {
        let mut error = Self::new(ErrorCode::Rejected, reason.explanation());
        error.reason = Some(reason);
        error
    }

    pub fn not_allowed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotAllowed, message)
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} {id} not found"))
    }

    pub fn expired(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Expired, message)
    }

    pub fn wrong_code() -> Self {
        let mut error = Self::new(ErrorCode::WrongCode, "The code is not correct. Try again.");
        error.field = Some("one_time_code".into());
        error
    }

    pub fn timeout() -> Self {
        Self::new(
            ErrorCode::Timeout,
            "No answer from Klarna in time; the request may still have been processed",
        )
    }

    pub fn internal() -> Self {
        Self::new(ErrorCode::InternalError, "Klarna had an internal error")
    }

    pub fn with_correlation_id(mut self, correlation_id: impl Into<String>) -> Self {
        self.correlation_id = correlation_id.into();
        self
    }

    pub fn code(&self) -> ErrorCode {
        self.error_code
    }

    pub fn message(&self) -> &str {
        self.error_messages.first().map_or("", String::as_str)
    }

    /// Retrying with the same idempotency key can succeed; any other error would repeat.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.error_code,
            ErrorCode::Timeout | ErrorCode::InternalError
        )
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error_code.as_str(), self.message())
    }
}

impl std::error::Error for ProviderError {}
