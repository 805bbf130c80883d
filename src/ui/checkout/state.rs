//! The modal's choices and status, shared by its parts, and the three ways an attempt starts:
//! confirm (a new attempt), retry and resume (the pending attempt, same id).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::links::use_app_navigate;
use leptos::task::spawn_local;

use super::flow::{new_attempt_id, run_attempt, FlowStatus, RunOutcome};
use crate::app::pending_checkout::{AttemptStage, InFlightAttempt};
use crate::domain::catalog::Catalog;
use crate::domain::payments::MethodId;
use crate::domain::plans::PlanKind;
use crate::klarna::persona::check_code_format;
use crate::ui::clock::real_now;
use crate::ui::focus::focus_soon;
use crate::ui::stores::Stores;

#[derive(Clone, Copy)]
pub struct CheckoutFlow {
    pub plan: RwSignal<Option<PlanKind>>,
    pub method: RwSignal<Option<MethodId>>,
    pub code: RwSignal<String>,
    /// How many one-time codes the identity step has (simulatedly) sent; 0 before
    /// "Continue as".
    pub codes_sent: RwSignal<u32>,
    pub code_error: RwSignal<Option<String>>,
    pub status: RwSignal<FlowStatus>,
}

/// Where the shopper goes once the order is placed. Held by the running task itself: placing
/// the order empties the cart, which unmounts the cart page and the modal with it.
pub type OnPlaced = Rc<dyn Fn(&str)>;

/// Navigates to the new order's receipt.
pub fn go_to_receipt() -> OnPlaced {
    let navigate = use_app_navigate();
    Rc::new(move |order_id: &str| navigate(&format!("/orders/{order_id}/receipt?placed=1")))
}

pub const OTP_INPUT_ID: &str = "klarna-otp";

impl CheckoutFlow {
    pub fn new() -> Self {
        CheckoutFlow {
            plan: RwSignal::new(None),
            method: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            codes_sent: RwSignal::new(0),
            code_error: RwSignal::new(None),
            status: RwSignal::new(FlowStatus::Idle),
        }
    }

    /// Opening the modal again starts clean, unless this tab is still working.
    pub fn reset_for_open(&self) {
        if !self.status.get_untracked().is_working() {
            self.status.set(FlowStatus::Idle);
            self.code_error.set(None);
        }
    }

    /// "Sends" a one-time code: a new one replaces whatever was typed.
    pub fn send_code(&self) {
        if self.codes_sent.get_untracked() > 0 {
            self.code.set(String::new());
        }
        self.code_error.set(None);
        self.codes_sent.update(|n| *n += 1);
    }

    /// A new attempt from the shopper's choices; refused while one is running.
    pub fn confirm(&self, stores: Stores, catalog: Arc<Catalog>, on_placed: OnPlaced) {
        if self.status.get_untracked().is_working() {
            return;
        }
        if self.codes_sent.get_untracked() == 0 {
            self.send_code();
            self.code_error
                .set(Some("Klarna sent you a code: enter it to pay.".into()));
            focus_soon(OTP_INPUT_ID);
            return;
        }
        let code = self.code.get_untracked().trim().to_string();
        if check_code_format(&code).is_err() {
            self.code_error
                .set(Some("Enter the six-digit code Klarna sent you.".into()));
            focus_soon(OTP_INPUT_ID);
            return;
        }
        self.code_error.set(None);
        let (Some(kind), Some(method_id)) =
            (self.plan.get_untracked(), self.method.get_untracked())
        else {
            self.status.set(FlowStatus::Failed(
                "Choose a payment option and a payment method.".into(),
            ));
            return;
        };
        let Some(email) = stores.klarna_link.with_untracked(|l| l.email.clone()) else {
            self.status
                .set(FlowStatus::Failed("Link your Klarna account first.".into()));
            return;
        };
        let attempt = InFlightAttempt {
            attempt: new_attempt_id(),
            kind,
            method_id,
            email,
            one_time_code: code,
            started_at: real_now(),
            stage: AttemptStage::Authorizing,
        };
        self.run(stores, catalog, attempt, on_placed);
    }

    /// Retries or resumes the pending attempt with its own id: never a second order.
    pub fn continue_pending(&self, stores: Stores, catalog: Arc<Catalog>, on_placed: OnPlaced) {
        if self.status.get_untracked().is_working() {
            return;
        }
        let Some(attempt) = stores
            .pending_checkout
            .with_untracked(|p| p.in_flight.clone())
        else {
            return;
        };
        self.plan.set(Some(attempt.kind));
        self.method.set(Some(attempt.method_id));
        self.run(stores, catalog, attempt, on_placed);
    }

    /// Gives up the pending attempt. Nothing was placed for it; an authorization Klarna may
    /// still hold for it is never turned into an order and lapses on its own.
    pub fn abandon(&self, stores: Stores) {
        if self.status.get_untracked().is_working() {
            return;
        }
        stores.act(|shop| shop.abandon_checkout());
        self.status.set(FlowStatus::Idle);
    }

    fn run(
        &self,
        stores: Stores,
        catalog: Arc<Catalog>,
        attempt: InFlightAttempt,
        on_placed: OnPlaced,
    ) {
        self.status.set(FlowStatus::Working);
        let status = self.status;
        let code = self.code;
        spawn_local(async move {
            match run_attempt(stores, catalog, attempt).await {
                RunOutcome::Placed(order_id) => {
                    // The modal may be gone already (the emptied cart unmounted it).
                    status.try_set(FlowStatus::Idle);
                    code.try_set(String::new());
                    on_placed(&order_id);
                }
                RunOutcome::Stopped(outcome) => {
                    let wrong_code = matches!(outcome, FlowStatus::WrongCode(_));
                    status.try_set(outcome);
                    if wrong_code {
                        focus_soon(OTP_INPUT_ID);
                    }
                }
            }
        });
    }
}

impl Default for CheckoutFlow {
    fn default() -> Self {
        Self::new()
    }
}
