//! Product pictures drawn as SVG from the catalog's parameters: no image files to fetch, and
//! the box is sized by CSS before anything paints, so nothing shifts.

use leptos::prelude::*;

use crate::domain::catalog::{Picture, PictureShape};

#[component]
pub fn ProductPicture(
    picture: Picture,
    #[prop(into)] label: String,
    #[prop(into)] uid: String,
) -> impl IntoView {
    let fill_id = format!("pattern-{uid}");
    let fill = if picture.pattern == 0 {
        picture.primary.to_string()
    } else {
        format!("url(#{fill_id})")
    };
    let pattern = pattern_defs(&fill_id, picture);
    view! {
        // An empty label means the picture sits beside the product's name: decoration only.
        <svg class="product-picture" viewBox="0 0 100 100"
            role=(!label.is_empty()).then_some("img")
            aria-label=(!label.is_empty()).then(|| label.clone())
            aria-hidden=label.is_empty().then_some("true")>
            <defs>{pattern}</defs>
            <rect width="100" height="100" fill="#f4f1ec" />
            <g fill=fill stroke=picture.accent stroke-width="2.5" stroke-linejoin="round">
                {shape(picture.shape, picture.accent)}
            </g>
        </svg>
    }
}

fn pattern_defs(id: &str, picture: Picture) -> impl IntoView {
    let marks = match picture.pattern {
        1 => view! { <rect width="4" height="8" fill=picture.accent opacity="0.35" /> }.into_any(),
        2 => {
            view! { <circle cx="4" cy="4" r="1.6" fill=picture.accent opacity="0.45" /> }.into_any()
        }
        _ => view! { <rect width="4" height="4" fill=picture.accent opacity="0.3" /> }.into_any(),
    };
    view! {
        <pattern id=id.to_string() width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill=picture.primary />
            {marks}
        </pattern>
    }
}

fn shape(shape: PictureShape, accent: &'static str) -> AnyView {
    use PictureShape::*;
    match shape {
        Shirt => view! { <path d="M30 22 L42 16 Q50 24 58 16 L70 22 L82 38 L70 44 L68 84 L32 84 L30 44 L18 38 Z" /> }.into_any(),
        Dress => view! { <path d="M40 14 L60 14 L58 34 L76 84 L24 84 L42 34 Z" /> }.into_any(),
        Shoe => view! { <path d="M14 70 L18 44 L36 46 Q44 60 62 60 L84 64 Q90 70 86 76 L16 76 Z" /> }.into_any(),
        Bag => view! {
            <path d="M26 40 L74 40 L80 84 L20 84 Z" />
            <path d="M38 40 Q38 20 50 20 Q62 20 62 40" fill="none" />
        }.into_any(),
        Watch => view! {
            <rect x="40" y="10" width="20" height="80" rx="6" />
            <circle cx="50" cy="50" r="20" />
            <path d="M50 38 L50 50 L58 56" fill="none" stroke=accent />
        }.into_any(),
        Phone => view! {
            <rect x="32" y="12" width="36" height="76" rx="6" />
            <rect x="36" y="20" width="28" height="56" rx="2" fill="#fff" opacity="0.6" />
        }.into_any(),
        Headphones => view! {
            <path d="M24 60 Q24 20 50 20 Q76 20 76 60" fill="none" stroke-width="6" />
            <rect x="18" y="56" width="14" height="24" rx="5" />
            <rect x="68" y="56" width="14" height="24" rx="5" />
        }.into_any(),
        Speaker => view! {
            <rect x="28" y="14" width="44" height="72" rx="8" />
            <circle cx="50" cy="60" r="14" fill="#fff" opacity="0.6" />
            <circle cx="50" cy="30" r="6" fill="#fff" opacity="0.6" />
        }.into_any(),
        Lamp => view! {
            <path d="M32 18 L68 18 L78 46 L22 46 Z" />
            <path d="M50 46 L50 80 M34 84 L66 84" fill="none" stroke-width="4" />
        }.into_any(),
        Chair => view! {
            <path d="M30 14 L70 14 L70 52 L30 52 Z" />
            <path d="M24 52 L76 52 L76 60 L24 60 Z" />
            <path d="M30 60 L28 88 M70 60 L72 88" fill="none" stroke-width="4" />
        }.into_any(),
        Cushion => view! { <path d="M18 24 Q50 32 82 24 Q74 50 82 76 Q50 68 18 76 Q26 50 18 24 Z" /> }.into_any(),
        Mug => view! {
            <rect x="24" y="28" width="40" height="50" rx="4" />
            <path d="M64 38 Q82 38 82 52 Q82 66 64 66" fill="none" stroke-width="5" />
        }.into_any(),
        Pan => view! {
            <ellipse cx="40" cy="56" rx="28" ry="18" />
            <path d="M66 50 L92 40" fill="none" stroke-width="6" />
        }.into_any(),
        Bottle => view! { <path d="M44 10 L56 10 L56 26 Q70 34 70 48 L70 86 L30 86 L30 48 Q30 34 44 26 Z" /> }.into_any(),
        Jar => view! {
            <rect x="30" y="16" width="40" height="10" rx="2" />
            <rect x="24" y="26" width="52" height="60" rx="10" />
        }.into_any(),
        Ball => view! {
            <circle cx="50" cy="50" r="34" />
            <path d="M16 50 Q50 30 84 50 M50 16 Q34 50 50 84" fill="none" />
        }.into_any(),
        Racket => view! {
            <ellipse cx="50" cy="36" rx="22" ry="26" />
            <path d="M50 62 L50 92" fill="none" stroke-width="6" />
        }.into_any(),
        Tent => view! {
            <path d="M10 84 L50 18 L90 84 Z" />
            <path d="M50 18 L50 84 M40 84 L50 60 L60 84" fill="none" />
        }.into_any(),
        Blocks => view! {
            <rect x="18" y="56" width="28" height="28" />
            <rect x="54" y="56" width="28" height="28" />
            <rect x="36" y="24" width="28" height="28" />
        }.into_any(),
        Bear => view! {
            <circle cx="30" cy="26" r="10" />
            <circle cx="70" cy="26" r="10" />
            <circle cx="50" cy="44" r="24" />
            <ellipse cx="50" cy="78" rx="26" ry="16" />
        }.into_any(),
    }
}
