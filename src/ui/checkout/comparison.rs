//! Every eligible option side by side, and a timeline of when money leaves the account.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::app::plan_comparison::{comparison_rows, timeline, Timeline};
use crate::domain::format;
use crate::domain::plans::PlanOffer;

#[component]
pub fn PlanComparison(
    offers: Memo<Vec<PlanOffer>>,
    #[prop(into)] today: Signal<NaiveDate>,
) -> impl IntoView {
    let rows = Memo::new(move |_| offers.with(|o| comparison_rows(o)));
    let line = Memo::new(move |_| offers.with(|o| timeline(o, today.get())));
    view! {
        <section class="plan-comparison" aria-labelledby="plan-comparison-title">
            <h3 id="plan-comparison-title">"Compare your options"</h3>
            <Show when=move || rows.with(|r| !r.is_empty())
                fallback=|| view! { <p>"No option is available for this order."</p> }>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Comparison of the options">
                    <table data-testid="plan-comparison">
                        <thead><tr>
                            <th scope="col">"Option"</th><th scope="col">"Payments"</th><th scope="col">"First payment"</th>
                            <th scope="col">"Last payment"</th><th scope="col">"Interest"</th><th scope="col">"APR"</th><th scope="col">"Total cost"</th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.kind.name()}</th>
                                    <td>{r.payments}</td>
                                    <td>{format!("{} on {}", r.first_amount, format::date(r.first_due))}</td>
                                    <td>{format::date(r.last_due)}</td>
                                    <td class="money">{r.total_interest.to_string()}</td>
                                    <td>{format!("{}%", r.apr.normalize())}</td>
                                    <td class="money">{r.total_cost.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {move || view! { <TimelineChart line=line.get() /> }}
            </Show>
        </section>
    }
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_PAD: f64 = 16.0;
const ROW_HEIGHT: f64 = 30.0;
const TOP: f64 = 10.0;

/// One row per option; a dot per payment, its area following the amount, on an axis from
/// the purchase to the last payment of any option.
#[component]
fn TimelineChart(line: Timeline) -> impl IntoView {
    let largest = line
        .rows
        .iter()
        .flat_map(|r| r.points.iter().map(|p| p.amount.minor()))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let track = WIDTH - LABEL_WIDTH - RIGHT_PAD;
    let height = TOP + ROW_HEIGHT * line.rows.len() as f64 + 30.0;
    let axis_y = height - 24.0;
    let description = format!(
        "When money leaves your account for each option, from {} to {}. The table above lists the same payments.",
        format::date(line.start),
        format::date(line.end)
    );
    view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="timeline-caption"
                data-testid="plan-timeline" preserveAspectRatio="xMinYMin meet">
                {line.rows.iter().enumerate().map(|(row, r)| {
                    let y = TOP + ROW_HEIGHT * row as f64 + ROW_HEIGHT / 2.0;
                    view! {
                        <g class="timeline-row">
                            <text x="0" y=y + 4.0 class="timeline-label">{r.kind.name()}</text>
                            <line x1=LABEL_WIDTH y1=y x2=LABEL_WIDTH + track y2=y class="timeline-track" />
                            {r.points.iter().map(|p| {
                                let radius = 3.0 + 7.0 * (p.amount.minor() as f64 / largest).sqrt();
                                view! {
                                    <circle cx=LABEL_WIDTH + track * p.position cy=y r=radius class="timeline-dot">
                                        <title>{format!("{}: {} on {}", r.kind.name(), p.amount, format::date(p.due))}</title>
                                    </circle>
                                }
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
                <line x1=LABEL_WIDTH y1=axis_y x2=LABEL_WIDTH + track y2=axis_y class="timeline-axis" />
                <text x=LABEL_WIDTH y=axis_y + 16.0 class="timeline-tick">{format::date(line.start)}</text>
                <text x=LABEL_WIDTH + track y=axis_y + 16.0 class="timeline-tick" text-anchor="end">{format::date(line.end)}</text>
            </svg>
            <figcaption id="timeline-caption">{description}</figcaption>
        </figure>
    }
}
