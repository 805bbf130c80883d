use crate::ui::links::Link;
use leptos::prelude::*;

use crate::domain::catalog::Seller;

/// The trust badge with its reasons, written out by the domain's rule.
#[component]
pub fn TrustBadge(seller: Seller) -> impl IntoView {
    let verdict = seller.trust();
    let heading = if verdict.trusted {
        "Why trusted?"
    } else {
        "Why not trusted?"
    };
    view! {
        <div class="trust" class:trust-good=verdict.trusted class:trust-bad=!verdict.trusted data-testid="seller-trust">
            <span class="trust-badge">{verdict.badge()}</span>
            <details>
                <summary>{heading}</summary>
                <ul>
                    {verdict.checks.into_iter().map(|c| view! {
                        <li class:check-failed=!c.passed>
                            <span aria-hidden="true">{if c.passed { "✓ " } else { "✗ " }}</span>
                            <span class="visually-hidden">{if c.passed { "Passed: " } else { "Failed: " }}</span>
                            {c.reason}
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </div>
    }
}

#[component]
pub fn SellerSummary(seller: Seller) -> impl IntoView {
    let href = format!("/seller/{}", seller.id.as_str());
    let name = seller.name.clone();
    let facts = format!(
        "{} positive feedback · ships in {}",
        seller.positive_feedback_label(),
        seller.handling.label()
    );
    view! {
        <aside class="seller-summary" aria-label="Seller">
            <p class="seller-name">"Sold by " <Link href=href>{name}</Link></p>
            <p>{facts}</p>
            <TrustBadge seller />
        </aside>
    }
}
