//! The result of the last action on a page (a confirmation or the reason it was refused),
//! provided by the page and shown next to its actions; components that act report here.
//!
//! A message speaks of the moment it was given. Once the simulated time is moved (here or in
//! another tab) the page's own state says what happened since (a return that arrived, a
//! refund, a payment collected), so the message is no longer shown: "Return started: send the
//! package back" must not sit beside a return that was refunded a week later.

use leptos::prelude::*;

use crate::app::clock::ClockState;
use crate::domain::clock::SimClock;
use crate::ui::persisted::Persisted;
use crate::ui::stores::Stores;

/// A message and the clock it was given under.
struct Given {
    result: Result<String, String>,
    clock: SimClock,
}

#[derive(Clone, Copy)]
pub struct ActionMessage {
    given: RwSignal<Option<Given>>,
    clock: Persisted<ClockState>,
}

impl ActionMessage {
    /// A fresh, empty message slot, provided as context for the page's components.
    pub fn provide() -> ActionMessage {
        let message = ActionMessage {
            given: RwSignal::new(None),
            clock: expect_context::<Stores>().clock,
        };
        provide_context(message);
        message
    }

    /// Shows the confirmation, or the reason the action was refused.
    pub fn show<E: std::fmt::Display>(&self, result: Result<String, E>) {
        let clock = self.clock.with_untracked(|c| c.clock);
        self.given.set(Some(Given {
            result: result.map_err(|e| e.to_string()),
            clock,
        }));
    }

    /// Shows a confirmation.
    pub fn confirm(&self, text: impl Into<String>) {
        self.show(Ok::<String, String>(text.into()));
    }

    /// What is shown now: the last message, unless the simulated time has moved since.
    pub fn current(&self) -> Option<Result<String, String>> {
        self.with_current(|result| result.cloned())
    }

    /// Reads what is shown now without copying it.
    fn with_current<R>(&self, read: impl FnOnce(Option<&Result<String, String>>) -> R) -> R {
        let clock = self.clock.with(|c| c.clock);
        self.given.with(|given| {
            read(
                given
                    .as_ref()
                    .filter(|g| g.clock == clock)
                    .map(|g| &g.result),
            )
        })
    }
}

/// The page's line for its last action's message: a status that screen readers announce,
/// styled as an error when the action was refused.
#[component]
pub fn ActionMessageLine(message: ActionMessage, testid: &'static str) -> impl IntoView {
    view! {
        <p class="action-message" role="status" data-testid=testid
            class:field-error=move || message.with_current(|m| matches!(m, Some(Err(_))))>
            {move || message.current().map(|m| match m { Ok(t) | Err(t) => t })}
        </p>
    }
}
