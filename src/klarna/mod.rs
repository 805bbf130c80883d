//! The payment provider: types mirroring Klarna's merchant API, the `PaymentProvider`
//! trait the app talks to, and `MockKlarna`, a deterministic, serializable state machine
//! that behaves like Klarna (lifetimes, errors, personas, idempotency, injected faults).
//! Pure Rust: compiled natively for tests and to wasm for the app; time is passed in.

pub mod error;
pub mod fraud_status;
pub mod mock;
pub mod order;
pub mod persona;
pub mod provider;
pub mod simulation;
pub mod types;
mod validation;

pub use error::{DeclineReason, ErrorCode, ProviderError};
pub use fraud_status::FraudStatus;
pub use mock::MockKlarna;
pub use order::{
    Capture, CaptureRequest, CreateOrderRequest, ExtraMerchantData, Order, OrderStatus, Refund,
    RefundRequest, RiskSignal, RiskSignalKind, ShippingInfo,
};
pub use persona::{needs_sign_up, Persona};
pub use provider::{FraudReviewDesk, PaymentProvider};
pub use simulation::{CardBehaviour, Fault, PersonaSettings, SimulationSettings};
pub use types::{
    Authorization, AuthorizeRequest, ExpiryEvent, OrderLine, OrderLineType, PaymentMethodCategory,
    PaymentMethodCategoryInfo, PurchaseDetails, Session, SessionRequest, SessionStatus, SignIn,
};
