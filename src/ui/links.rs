//! In-app links that work under any base path. The router strips its base when matching but
//! leaves an absolute `href` untouched, so a shop served from `/shop/` needs every app path
//! prefixed here.

use std::sync::OnceLock;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::shell::base_path;

fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(base_path)
}

/// `/cart` becomes `/shop/cart` when the shop is served under `/shop/`.
pub fn to(path: &str) -> String {
    format!("{}{path}", base())
}

/// An `<A>` whose `href` is an app path such as `/cart`.
#[component]
pub fn Link(#[prop(into)] href: Signal<String>, children: Children) -> impl IntoView {
    view! { <A href=move || to(&href.get())>{children()}</A> }
}

/// `use_navigate` for app paths. Unlike `<A href>`, the router's `navigate` already puts its
/// base in front of an absolute path, so the path goes in as it is.
pub fn use_app_navigate() -> impl Fn(&str) + Clone {
    let navigate = use_navigate();
    move |path: &str| navigate(path, NavigateOptions::default())
}
