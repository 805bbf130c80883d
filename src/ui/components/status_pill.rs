//! A payment's status as a pill: the word a shopper reads ("Scheduled", "Overdue") and, for
//! tests and styles, the status itself in `data-status` and the class.

use leptos::prelude::*;

use crate::domain::payments::PaymentDisplayStatus;

#[component]
pub fn StatusPill(status: PaymentDisplayStatus) -> impl IntoView {
    let hook = status.hook();
    view! {
        <span class=format!("status-pill status-{hook}") data-testid="payment-status" data-status=hook>
            {status.label()}
        </span>
    }
}
