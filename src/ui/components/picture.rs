//! Product pictures drawn as SVG from the catalog's parameters: no image files to fetch, and
//! the box is sized by CSS before anything paints, so nothing shifts.
//!
//! The drawing inside the `<svg>` is written as markup and handed to the browser in one
//! piece (`inner_html`): a page of 24 cards would otherwise cost a few hundred separate calls
//! from the wasm to build and set each shape's elements, and the wasm would carry the code
//! of every one of the 32 shapes. Everything in the markup comes from the catalog's code
//! tables, except the id that keeps each picture's pattern its own, which is reduced to
//! characters that cannot end an attribute or a `url(#...)`.

use std::fmt::Write;

use leptos::prelude::*;

use crate::domain::catalog::{Picture, PictureShape};

#[component]
pub fn ProductPicture(
    picture: Picture,
    #[prop(into)] label: String,
    #[prop(into)] uid: String,
) -> impl IntoView {
    view! {
        // An empty label means the picture sits beside the product's name: decoration only.
        <svg class="product-picture" viewBox="0 0 100 100"
            role=(!label.is_empty()).then_some("img")
            aria-label=(!label.is_empty()).then(|| label.clone())
            aria-hidden=label.is_empty().then_some("true")
            inner_html=drawing(picture, &uid)>
        </svg>
    }
}

/// The inside of the picture's `<svg>`: a pattern of the primary colour (plain, stripes,
/// dots or checks in the accent), the background, and the shape filled with the pattern
/// and outlined in the accent, which its details also use (`currentColor`).
fn drawing(picture: Picture, uid: &str) -> String {
    let Picture {
        shape,
        primary,
        accent,
        pattern,
    } = picture;
    let id = pattern_id(uid);
    let marks = match pattern {
        1 => format!(r#"<rect width="4" height="8" fill="{accent}" opacity="0.35"/>"#),
        2 => format!(r#"<circle cx="4" cy="4" r="1.6" fill="{accent}" opacity="0.45"/>"#),
        _ => format!(r#"<rect width="4" height="4" fill="{accent}" opacity="0.3"/>"#),
    };
    let mut svg = format!(
        r##"<defs><pattern id="{id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{primary}"/>{marks}</pattern></defs><rect width="100" height="100" fill="#f4f1ec"/><g fill=""##
    );
    if pattern == 0 {
        svg.push_str(primary);
    } else {
        write!(svg, "url(#{id})").expect("a String takes any text");
    }
    write!(
        svg,
        r#"" stroke="{accent}" color="{accent}" stroke-width="2.5" stroke-linejoin="round">{}</g>"#,
        shape_markup(shape)
    )
    .expect("a String takes any text");
    svg
}

/// `pattern-` and the uid with anything but ASCII letters, digits, `-` and `_` made `_`.
fn pattern_id(uid: &str) -> String {
    let safe = uid.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '_'
        }
    });
    "pattern-".chars().chain(safe).collect()
}

fn shape_markup(shape: PictureShape) -> &'static str {
    use PictureShape::*;
    match shape {
        Shirt => {
            r##"<path d="M30 22 L42 16 Q50 24 58 16 L70 22 L82 38 L70 44 L68 84 L32 84 L30 44 L18 38 Z"/>"##
        }
        Sweater => {
            r##"<path d="M32 20 L42 16 Q50 22 58 16 L68 20 L86 36 L84 78 L74 78 L72 46 L72 84 L28 84 L28 46 L26 78 L16 78 L14 36 Z"/><path d="M28 76 L72 76" fill="none"/>"##
        }
        Hoodie => {
            r##"<path d="M32 22 L40 18 Q50 4 60 18 L68 22 L86 36 L86 74 L76 74 L72 48 L72 86 L28 86 L28 48 L24 74 L14 74 L14 36 Z"/><path d="M42 20 Q50 30 58 20 M36 66 L64 66 L68 80 L32 80 Z" fill="none"/>"##
        }
        Jacket => {
            r##"<path d="M34 18 L44 12 L50 20 L56 12 L66 18 L84 32 L88 76 L78 78 L72 46 L72 88 L28 88 L28 46 L22 78 L12 76 L16 32 Z"/><path d="M50 20 L50 88 M40 14 Q50 2 60 14 M34 60 L42 60 M58 60 L66 60" fill="none"/>"##
        }
        Dress => r##"<path d="M40 14 L60 14 L58 34 L76 84 L24 84 L42 34 Z"/>"##,
        Shoe => r##"<path d="M14 70 L18 44 L36 46 Q44 60 62 60 L84 64 Q90 70 86 76 L16 76 Z"/>"##,
        Bag => {
            r##"<path d="M26 40 L74 40 L80 84 L20 84 Z"/><path d="M38 40 Q38 20 50 20 Q62 20 62 40" fill="none"/>"##
        }
        Watch => {
            r##"<rect x="40" y="10" width="20" height="80" rx="6"/><circle cx="50" cy="50" r="20"/><path d="M50 38 L50 50 L58 56" fill="none" stroke="currentColor"/>"##
        }
        Phone => {
            r##"<rect x="32" y="12" width="36" height="76" rx="6"/><rect x="36" y="20" width="28" height="56" rx="2" fill="#fff" opacity="0.6"/>"##
        }
        Headphones => {
            r##"<path d="M24 60 Q24 20 50 20 Q76 20 76 60" fill="none" stroke-width="6"/><rect x="18" y="56" width="14" height="24" rx="5"/><rect x="68" y="56" width="14" height="24" rx="5"/>"##
        }
        Speaker => {
            r##"<rect x="28" y="14" width="44" height="72" rx="8"/><circle cx="50" cy="60" r="14" fill="#fff" opacity="0.6"/><circle cx="50" cy="30" r="6" fill="#fff" opacity="0.6"/>"##
        }
        Lamp => {
            r##"<path d="M32 18 L68 18 L78 46 L22 46 Z"/><path d="M50 46 L50 80 M34 84 L66 84" fill="none" stroke-width="4"/>"##
        }
        Chair => {
            r##"<path d="M30 14 L70 14 L70 52 L30 52 Z"/><path d="M24 52 L76 52 L76 60 L24 60 Z"/><path d="M30 60 L28 88 M70 60 L72 88" fill="none" stroke-width="4"/>"##
        }
        Cushion => r##"<path d="M18 24 Q50 32 82 24 Q74 50 82 76 Q50 68 18 76 Q26 50 18 24 Z"/>"##,
        Mug => {
            r##"<rect x="24" y="28" width="40" height="50" rx="4"/><path d="M64 38 Q82 38 82 52 Q82 66 64 66" fill="none" stroke-width="5"/>"##
        }
        Pan => {
            r##"<ellipse cx="40" cy="56" rx="28" ry="18"/><path d="M66 50 L92 40" fill="none" stroke-width="6"/>"##
        }
        Bottle => {
            r##"<path d="M44 10 L56 10 L56 26 Q70 34 70 48 L70 86 L30 86 L30 48 Q30 34 44 26 Z"/>"##
        }
        Jar => {
            r##"<rect x="30" y="16" width="40" height="10" rx="2"/><rect x="24" y="26" width="52" height="60" rx="10"/>"##
        }
        Ball => {
            r##"<circle cx="50" cy="50" r="34"/><path d="M16 50 Q50 30 84 50 M50 16 Q34 50 50 84" fill="none"/>"##
        }
        Racket => {
            r##"<ellipse cx="50" cy="36" rx="22" ry="26"/><path d="M50 62 L50 92" fill="none" stroke-width="6"/>"##
        }
        Tent => {
            r##"<path d="M10 84 L50 18 L90 84 Z"/><path d="M50 18 L50 84 M40 84 L50 60 L60 84" fill="none"/>"##
        }
        Blocks => {
            r##"<rect x="18" y="56" width="28" height="28"/><rect x="54" y="56" width="28" height="28"/><rect x="36" y="24" width="28" height="28"/>"##
        }
        Car => {
            r##"<path d="M10 66 L14 50 L30 46 L40 32 L66 32 L76 46 L90 50 L90 66 Z"/><path d="M42 36 L42 46 M62 36 L62 46" fill="none"/><circle cx="30" cy="68" r="9" fill="currentColor"/><circle cx="72" cy="68" r="9" fill="currentColor"/>"##
        }
        Knife => {
            r##"<path d="M8 58 Q34 40 64 42 L64 58 Z"/><rect x="64" y="44" width="28" height="12" rx="4" fill="currentColor"/>"##
        }
        Utensils => {
            r##"<ellipse cx="34" cy="26" rx="11" ry="15"/><rect x="31" y="40" width="6" height="48" rx="3"/><rect x="54" y="12" width="22" height="28" rx="4"/><rect x="62" y="40" width="6" height="48" rx="3"/>"##
        }
        Camera => {
            r##"<rect x="22" y="22" width="56" height="40" rx="16"/><circle cx="50" cy="42" r="11" fill="#fff" opacity="0.6"/><path d="M50 62 L50 76 M32 84 L68 84" fill="none" stroke-width="4"/>"##
        }
        PowerBank => {
            r##"<rect x="26" y="14" width="48" height="72" rx="8"/><path d="M54 28 L40 52 L50 52 L46 72 L62 44 L52 44 Z" fill="currentColor"/>"##
        }
        Brush => {
            r##"<path d="M26 88 L32 42 M50 88 L50 36 M74 88 L68 42" fill="none" stroke-width="5"/><ellipse cx="32" cy="32" rx="7" ry="13"/><ellipse cx="50" cy="24" rx="8" ry="15"/><ellipse cx="68" cy="32" rx="7" ry="13"/>"##
        }
        Mat => {
            r##"<rect x="8" y="70" width="66" height="12" rx="2"/><circle cx="74" cy="62" r="20"/><circle cx="74" cy="62" r="7" fill="none"/>"##
        }
        Band => {
            r##"<path fill-rule="evenodd" d="M14 50 A36 24 0 1 0 86 50 A36 24 0 1 0 14 50 Z M26 50 A24 13 0 1 0 74 50 A24 13 0 1 0 26 50 Z"/>"##
        }
        Curtains => {
            r##"<path d="M10 14 L90 14" fill="none" stroke-width="4"/><path d="M14 16 L46 16 Q38 52 46 88 L14 88 Z"/><path d="M54 16 L86 16 L86 88 L54 88 Q62 52 54 16 Z"/>"##
        }
        Bear => {
            r##"<circle cx="30" cy="26" r="10"/><circle cx="70" cy="26" r="10"/><circle cx="50" cy="44" r="24"/><ellipse cx="50" cy="78" rx="26" ry="16"/>"##
        }
    }
}
