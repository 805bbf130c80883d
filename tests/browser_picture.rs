//! The product picture as the browser builds it: its drawing is handed over as markup, so
//! these check that what comes out is SVG (not text, not HTML elements), that every shape of
//! the catalogs draws something, and that an id read back from storage cannot add markup.
#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;

use bnpl_market::domain::catalog::{Picture, PictureShape};
use bnpl_market::domain::demo_catalog::{demo_catalog, generate_catalog, SCALE_CATALOG_SEED};
use bnpl_market::ui::components::picture::ProductPicture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SVG: &str = "http://www.w3.org/2000/svg";

/// Mounts one picture in a fresh element and returns that element; the caller removes it.
fn draw(picture: Picture, label: &'static str, uid: &'static str) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone().unchecked_into::<HtmlElement>(), move || {
        view! { <ProductPicture picture label uid /> }
    });
    handle.forget();
    root
}

fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn car(pattern: u8) -> Picture {
    Picture {
        shape: PictureShape::Car,
        primary: "#2563eb",
        accent: "#f59e0b",
        pattern,
    }
}

#[wasm_bindgen_test]
fn a_patterned_picture_is_svg_filled_with_its_own_pattern() {
    let root = draw(car(2), "Picture of a toy car", "card-toy-car-1");
    let svg = &elements(&root, "svg")[0];
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Picture of a toy car")
    );
    let pattern = &elements(&root, "svg > defs > pattern")[0];
    assert_eq!(pattern.id(), "pattern-card-toy-car-1");
    let dots = elements(&root, "pattern > circle");
    assert_eq!(dots.len(), 1, "the dots pattern");
    assert_eq!(dots[0].get_attribute("fill").as_deref(), Some("#f59e0b"));
    let shape = &elements(&root, "svg > g")[0];
    assert_eq!(
        shape.get_attribute("fill").as_deref(),
        Some("url(#pattern-card-toy-car-1)")
    );
    assert_eq!(shape.get_attribute("stroke").as_deref(), Some("#f59e0b"));
    // The wheels take the accent through currentColor.
    assert_eq!(shape.get_attribute("color").as_deref(), Some("#f59e0b"));
    assert_eq!(elements(&root, "g > circle").len(), 2, "two wheels");
    for element in elements(&root, "svg *") {
        assert_eq!(
            element.namespace_uri().as_deref(),
            Some(SVG),
            "{} is an SVG element",
            element.tag_name()
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
fn a_plain_picture_beside_its_name_is_decoration_filled_with_its_colour() {
    let root = draw(car(0), "", "card-toy-car-2");
    let svg = &elements(&root, "svg")[0];
    assert_eq!(svg.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(svg.get_attribute("role"), None);
    assert_eq!(
        elements(&root, "svg > g")[0]
            .get_attribute("fill")
            .as_deref(),
        Some("#2563eb")
    );
    root.remove();
}

#[wasm_bindgen_test]
fn every_shape_in_the_catalogs_draws_svg_inside_its_outline() {
    let demo = demo_catalog();
    let generated = generate_catalog(500, SCALE_CATALOG_SEED);
    let mut seen = HashSet::new();
    for product in demo.products().iter().chain(generated.products()) {
        if !seen.insert(product.picture.shape) {
            continue;
        }
        let root = draw(product.picture, "", "shape");
        let drawn = elements(&root, "svg > g > *");
        assert!(
            !drawn.is_empty(),
            "{:?} draws nothing",
            product.picture.shape
        );
        for element in drawn {
            assert_eq!(element.namespace_uri().as_deref(), Some(SVG));
        }
        root.remove();
    }
    assert!(seen.len() >= 30, "{} shapes met", seen.len());
}

/// Order ids come back from storage, where anyone can edit them: one that tries to close
/// the attribute adds nothing to the drawing.
#[wasm_bindgen_test]
fn an_id_edited_by_hand_cannot_add_markup() {
    let root = draw(car(1), "", "plan-x\" onload=\"alert(1)\"><image href=\"y");
    let pattern = &elements(&root, "pattern")[0];
    assert_eq!(
        pattern.id(),
        "pattern-plan-x__onload__alert_1____image_href__y"
    );
    assert!(elements(&root, "image").is_empty());
    for element in elements(&root, "svg *") {
        assert!(!element.has_attribute("onload"), "{}", element.tag_name());
    }
    root.remove();
}
