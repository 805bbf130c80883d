//! The root component: shared state, storage sync across tabs, the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use web_sys::StorageEvent;

use super::layout::{Footer, Header};
use super::notices::{NoticeList, Notices};
use super::pages::{inbox::InboxPage, not_found::NotFound};
use super::persisted::Persisted;
use super::shell;
use crate::domain::inbox::Inbox;

/// Every persisted aggregate, provided once as context.
#[derive(Clone, Copy)]
pub struct Stores {
    pub inbox: Persisted<Inbox>,
}

impl Stores {
    fn load(notices: Notices) -> Self {
        Stores { inbox: Persisted::load(notices) }
    }

    fn on_storage_event(&self, key: &str, new_value: Option<String>) {
        self.inbox.on_storage_event(key, new_value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let notices = Notices::new();
    provide_context(notices);
    let stores = Stores::load(notices);
    provide_context(stores);

    let _listener = window_event_listener(leptos::ev::storage, move |e: StorageEvent| {
        if let Some(key) = e.key() {
            stores.on_storage_event(&key, e.new_value());
        }
    });

    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));

    view! {
        <Title formatter=|page: String| format!("{page} · bnpl-market") />
        <Router base=shell::base_path()>
            <div class="app" data-testid=move || ready.get().then_some("app-ready")>
                <a class="skip-link" href="#main">"Skip to content"</a>
                <Header />
                <NoticeList />
                <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/inbox") view=InboxPage />
                    </Routes>
                </main>
                <Footer />
            </div>
        </Router>
    }
}
