//! The result of the last action on a page (a confirmation or the reason it was refused),
//! provided by the page and shown next to its actions; components that act report here.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ActionMessage(pub RwSignal<Option<Result<String, String>>>);

impl ActionMessage {
    /// A fresh, empty message slot, provided as context for the page's components.
    pub fn provide() -> ActionMessage {
        let message = ActionMessage(RwSignal::new(None));
        provide_context(message);
        message
    }

    /// Shows the confirmation, or the reason the action was refused.
    pub fn show<E: std::fmt::Display>(&self, result: Result<String, E>) {
        self.0.set(Some(result.map_err(|e| e.to_string())));
    }

    /// Shows a confirmation.
    pub fn confirm(&self, text: impl Into<String>) {
        self.0.set(Some(Ok(text.into())));
    }
}
