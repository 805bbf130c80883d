//! Save the whole shop to a file and load one back: the file is checked completely and
//! summed up before the shopper agrees to replace what is here, and the shop it replaced
//! can be brought back once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{File, HtmlInputElement};

use crate::storage::browser::BrowserStore;
use crate::storage::compression::{compress, decompress};
use crate::storage::shop_file::{self, FileProblem, ShopFile, MAX_FILE_BYTES};
use crate::storage::KeyValueStore;
use crate::ui::clock::real_now;
use crate::ui::file_io::{download, read_text};
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

/// Where the shop an import replaced is kept, compressed, until it is brought back.
const BEFORE_IMPORT_KEY: &str = "bnpl.before-import";

#[component]
pub fn ShopFiles() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let pending = RwSignal::new(None::<ShopFile>);
    let problem = RwSignal::new(None::<String>);
    let reading = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let can_undo = RwSignal::new(kept_before_import().is_some());

    let save = move |_| {
        let data = stores.data();
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
                Ok(text) => shop_file::read(&text, real_now()).map_err(|p| p.to_string()),
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

    let load = move |_| {
        let Some(file) = pending.get_untracked() else {
            return;
        };
        let summary = file.summary.clone();
        let now = real_now();
        let before = shop_file::write(&stores.data(), now);
        let kept = keep_before_import(&before);
        if stores
            .act(|shop| shop.replace_with(file.into_data(now)))
            .is_some()
        {
            pending.set(None);
            can_undo.set(kept);
            notices.info(format!(
                "Loaded the shop from the file: {}.{}",
                summary.headline(),
                if kept {
                    " \"Undo the load\" on the Simulation page brings back what was here."
                } else {
                    " What was here could not be kept for an undo: storage is full."
                }
            ));
        } else {
            forget_before_import();
        }
    };

    let undo = move |_| {
        let Some(text) = kept_before_import() else {
            can_undo.set(false);
            return;
        };
        match shop_file::read(&text, real_now()) {
            Ok(file) => {
                let now = real_now();
                if stores
                    .act(|shop| shop.replace_with(file.into_data(now)))
                    .is_some()
                {
                    forget_before_import();
                    can_undo.set(false);
                    notices.info("The shop is back as it was before the load.");
                }
            }
            Err(why) => notices.problem(format!(
                "The shop before the load cannot be brought back: {why}"
            )),
        }
    };

    view! {
        <section class="settings-card shop-files" aria-labelledby="shop-files-title" data-testid="shop-files">
            <h2 id="shop-files-title">"Save and load this shop"</h2>
            <p>"One file holds everything in this browser: the account, cart, orders, payment plans, inbox, the simulated Klarna and the clock. Keep a situation to show later, or pass it on."</p>
            <button type="button" class="button-primary" data-testid="save-shop" on:click=save>"Save to a file"</button>
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
            {move || pending.get().map(|file| view! {
                <div role="alertdialog" aria-labelledby="shop-file-question" class="confirm-box shop-file-summary" data-testid="shop-file-summary">
                    <p id="shop-file-question"><strong>"Load this shop? It replaces everything here."</strong></p>
                    <dl class="receipt-facts">
                        {file.summary.lines().into_iter().map(|(what, value)| view! { <dt>{what}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                    <button type="button" class="button-primary" data-testid="shop-file-confirm" on:click=load>"Load it"</button>
                    <button type="button" class="button-quiet" data-autofocus="true" on:click=move |_| pending.set(None)>"Keep what is here"</button>
                </div>
            })}
            <Show when=move || can_undo.get()>
                <p class="undo-load">
                    "The shop from before the last load is kept. "
                    <button type="button" class="button-quiet" data-testid="undo-import" on:click=undo>"Undo the load"</button>
                </p>
            </Show>
        </section>
    }
}

/// Keeps the shop an import replaces; `false` when storage has no room for it.
fn keep_before_import(text: &str) -> bool {
    BrowserStore::open()
        .set(BEFORE_IMPORT_KEY, &compress(text.as_bytes()))
        .is_ok()
}

fn kept_before_import() -> Option<String> {
    let packed = BrowserStore::open().get(BEFORE_IMPORT_KEY).ok()??;
    String::from_utf8(decompress(&packed).ok()?).ok()
}

fn forget_before_import() {
    let _ = BrowserStore::open().remove(BEFORE_IMPORT_KEY);
}
