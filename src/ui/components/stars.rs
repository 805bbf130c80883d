use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::domain::format;

/// Five stars with the rating as text beside them; the stars are decoration for sighted users,
/// the label carries the figure for everyone.
#[component]
pub fn Stars(rating: Decimal, #[prop(optional)] count: Option<u32>) -> impl IntoView {
    let full = rating.round().to_usize().unwrap_or(0).min(5);
    let stars = format!("{}{}", "★".repeat(full), "☆".repeat(5 - full));
    let label = match count {
        Some(n) => format!(
            "Rated {rating} out of 5 from {} ratings",
            format::count(n.into())
        ),
        None => format!("Rated {rating} out of 5"),
    };
    view! {
        <span class="stars" role="img" aria-label=label>
            <span aria-hidden="true" class="star-glyphs">{stars}</span>
            <span aria-hidden="true" class="star-figure">{format!(" {rating}")}</span>
            {count.map(|n| view! { <span aria-hidden="true" class="star-count">{format!(" ({})", format::count(n.into()))}</span> })}
        </span>
    }
}
