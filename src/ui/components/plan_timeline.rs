//! One purchase's plan as a line of payments, each marked paid, due, late, paused or
//! refunded. Payments are spaced evenly: the dates are printed, the drawing shows order.

use leptos::prelude::*;

use crate::domain::format;
use crate::domain::payments::{PaymentDisplayStatus, PaymentPlanAccount};

const WIDTH: u32 = 600;
const HEIGHT: u32 = 64;
const MARGIN: u32 = 40;

#[component]
pub fn PlanTimeline(account: PaymentPlanAccount) -> impl IntoView {
    let paused = account.is_paused();
    let count = account.installments.len().max(1) as u32;
    let step = if count > 1 {
        (WIDTH - 2 * MARGIN) / (count - 1)
    } else {
        0
    };
    let x_of = move |i: usize| {
        if count > 1 {
            MARGIN + step * i as u32
        } else {
            WIDTH / 2
        }
    };
    let summary = {
        let statuses: Vec<PaymentDisplayStatus> = account
            .installments
            .iter()
            .map(|i| i.display_status(paused))
            .collect();
        let count_of = |status| statuses.iter().filter(|s| **s == status).count();
        let parts: Vec<String> = PaymentDisplayStatus::ALL
            .into_iter()
            .filter(|&s| count_of(s) > 0)
            .map(|s| format!("{} {}", count_of(s), s.label().to_lowercase()))
            .collect();
        format!(
            "Payment plan of order {}: {} payments, {}.",
            account.order_id,
            statuses.len(),
            parts.join(", ")
        )
    };
    let line_end = x_of(account.installments.len().saturating_sub(1));
    let dots = account
        .installments
        .iter()
        .enumerate()
        .map(|(i, installment)| {
            let status = installment.display_status(paused).hook();
            let x = x_of(i);
            let label = format::axis_day(installment.due);
            view! {
                <g class=format!("timeline-dot status-{status}")>
                    <circle cx=x cy="22" r="9" />
                    <text x=x y="54" text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="plan-timeline"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-label=summary
            data-testid="plan-timeline"
        >
            <line x1=x_of(0) y1="22" x2=line_end y2="22" class="timeline-line" />
            {dots}
        </svg>
    }
}
