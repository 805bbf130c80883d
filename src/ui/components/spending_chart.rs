//! What was paid each month, as bars, with the same numbers in a table for screen readers
//! and anyone who prefers reading them.

use leptos::prelude::*;

use crate::app::payment_history::MonthlySpending;
use crate::domain::format;

const WIDTH: i64 = 600;
const HEIGHT: i64 = 160;
const BASELINE: i64 = 130;

#[component]
pub fn SpendingChart(months: Vec<MonthlySpending>, caption: String) -> impl IntoView {
    let largest = months
        .iter()
        .map(|m| m.paid.minor())
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = WIDTH / months.len().max(1) as i64;
    let summary = format!(
        "{caption}: {}",
        months
            .iter()
            .map(|m| format!("{} {}", format::month(m.month), m.paid))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let height = (m.paid.minor() * (BASELINE - 10) / largest).max(if m.paid.is_zero() { 0 } else { 2 });
            let x = i as i64 * slot + slot / 6;
            view! {
                <g class="spending-bar">
                    <rect x=x y=BASELINE - height width=slot * 2 / 3 height=height />
                    <text x=x + slot / 3 y=BASELINE + 18 text-anchor="middle">{format::axis_month(m.month)}</text>
                </g>
            }
        })
        .collect_view();
    let rows = months
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{format::month(m.month)}</th>
                    <td>{m.paid.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="spending-chart" data-testid="spending-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary>
                <line x1="0" y1=BASELINE x2=WIDTH y2=BASELINE class="chart-axis" />
                {bars}
            </svg>
            <details>
                <summary>"Show as a table"</summary>
                <table data-testid="spending-table">
                    <caption>{caption.clone()}</caption>
                    <thead><tr><th scope="col">"Month"</th><th scope="col">"Paid"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
