//! Save the whole shop to a file or a link, and load a file back: the file is checked
//! completely and summed up before the shopper agrees to replace what is here, and the shop
//! it replaced can be brought back once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{File, HtmlInputElement};

use crate::storage::shop_file::{self, FileProblem, ShopFile, MAX_FILE_BYTES};
use crate::ui::clock::real_now;
use crate::ui::components::shop_offer::ShopOffer;
use crate::ui::components::starting_points::StartingPoints;
use crate::ui::file_io::{download, read_text};
use crate::ui::notices::Notices;
use crate::ui::shell::base_path;
use crate::ui::shop_swap;
use crate::ui::stores::Stores;

#[component]
pub fn ShopFiles() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let pending = RwSignal::new(None::<ShopFile>);
    let problem = RwSignal::new(None::<String>);
    let reading = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let can_undo = RwSignal::new(shop_swap::can_undo());

    let save = move |_| {
        let data = match stores.data() {
            Ok(data) => data,
            Err(not_ready) => return notices.problem(not_ready.to_string()),
        };
        let now = real_now();
        let name = shop_file::file_name(&data, now);
        match download(&name, &shop_file::write(&data, now), "application/json") {
            Ok(()) => notices.info(format!("Saved the shop as {name}.")),
            Err(why) => notices.problem(format!("Could not save the file: {why}.")),
        }
    };

    // Reads and checks the whole file; nothing of the shop changes here.
    let take = move |file: File| {
        pending.set(None);
        problem.set(None);
        let size = file.size() as usize;
        if size > MAX_FILE_BYTES {
            problem.set(Some(FileProblem::TooLarge { bytes: size }.to_string()));
            return;
        }
        reading.set(Some(file.name()));
        spawn_local(async move {
            let outcome = match read_text(&file).await {
                Ok(text) => shop_file::read(&text).map_err(|p| p.to_string()),
                Err(why) => Err(format!("The file could not be read: {why}.")),
            };
            reading.set(None);
            match outcome {
                Ok(file) => pending.set(Some(file)),
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            take(file);
        }
        // The same file can be chosen again after a fix.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0))
        {
            take(file);
        }
    };

    let load = Callback::new(move |()| {
        if let Some(file) = pending.get_untracked() {
            if shop_swap::load(stores, notices, file) {
                pending.set(None);
                can_undo.set(shop_swap::can_undo());
            }
        }
    });
    let keep = Callback::new(move |()| pending.set(None));
    let undo = move |_| {
        if shop_swap::undo(stores, notices) {
            can_undo.set(false);
        }
    };

    view! {
        <section class="settings-card shop-files" aria-labelledby="shop-files-title" data-testid="shop-files">
            <h2 id="shop-files-title">"Scenarios"</h2>
            <Show when=move || can_undo.get()>
                <p class="undo-load">
                    "The shop from before the last load or start is kept. "
                    <button type="button" class="button-quiet" data-testid="undo-import" on:click=undo>"Undo"</button>
                </p>
            </Show>
            <StartingPoints can_undo />
            <h3>"Save and load this shop"</h3>
            <p>"One file holds everything in this browser: the account, cart, orders, payment plans, inbox, the simulated Klarna and the clock. Keep a situation to show later, or pass it on."</p>
            <div class="form-actions">
                <button type="button" class="button-primary" data-testid="save-shop" on:click=save>"Save to a file"</button>
            </div>
            <div class="drop-zone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="shop-file-input">"Load a shop file"</label>
                <input id="shop-file-input" type="file" accept=".json,application/json" data-testid="load-shop-file"
                    aria-describedby="shop-file-hint shop-file-problem" on:change=on_choose />
                <p id="shop-file-hint" class="hint">"Or drop it here. The file is checked completely before anything changes."</p>
            </div>
            <p role="status" data-testid="shop-file-reading">{move || reading.get().map(|name| format!("Reading {name}…"))}</p>
            <p id="shop-file-problem" class="field-error" role="alert" data-testid="shop-file-problem">{move || problem.get()}</p>
            {move || pending.with(|p| p.as_ref().map(|file| file.summary.clone())).map(|summary| view! {
                <ShopOffer summary question="Load this shop? It replaces everything here." on_load=load on_keep=keep />
            })}
            <ShareLink />
        </section>
    }
}

/// The shop as a link to pass on, when it is small enough.
#[component]
fn ShareLink() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let link = RwSignal::new(None::<Result<String, String>>);
    let make = move |_| {
        let fragment = stores
            .data()
            .map_err(|not_ready| not_ready.to_string())
            .and_then(|data| {
                let text = shop_file::write(&data, real_now());
                shop_file::to_fragment(&text).map_err(|too_long| too_long.to_string())
            });
        link.set(Some(fragment.map(|fragment| {
            format!("{}{}/#{fragment}", origin(), base_path())
        })));
    };
    view! {
        <div class="share-link">
            <button type="button" class="button-quiet" data-testid="share-shop" on:click=make>"Share as a link"</button>
            {move || link.get().map(|made| match made {
                Ok(url) => view! {
                    <label for="share-link-text">"Anyone who opens this link is offered this shop; nothing leaves this browser until you send it."</label>
                    <input id="share-link-text" type="text" readonly data-testid="share-link" prop:value=url
                        on:focus=move |ev| { let input: HtmlInputElement = event_target(&ev); input.select(); } />
                }.into_any(),
                Err(why) => view! { <p class="field-error" role="alert" data-testid="share-link-problem">{why}</p> }.into_any(),
            })}
        </div>
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
