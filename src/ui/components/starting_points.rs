//! Named starting points, one line each; choosing one asks before it replaces the shop.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::starting_points::StartingPoint;
use crate::ui::clock::real_now;
use crate::ui::notices::Notices;
use crate::ui::shop::use_shop;
use crate::ui::shop_swap;
use crate::ui::stores::Stores;

#[component]
pub fn StartingPoints(can_undo: RwSignal<bool>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    // Held by the reactive owner, so `start` is `Copy` and every button can use it.
    let catalog = StoredValue::new(use_shop().catalog);
    let asking = RwSignal::new(None::<StartingPoint>);
    let building = RwSignal::new(None::<StartingPoint>);

    let start = move |point: StartingPoint| {
        asking.set(None);
        building.set(Some(point));
        let catalog = catalog.get_value();
        spawn_local(async move {
            let before = shop_swap::before_swap(stores);
            let outcome = stores
                .run_keeping_in_tab(async |state| {
                    state.start_from(&catalog, point, real_now()).await
                })
                .await;
            building.set(None);
            match outcome {
                Ok(Ok(said)) => {
                    let kept = before.keep();
                    notices.info(format!("{said}{}", shop_swap::undo_hint(kept)));
                    can_undo.set(kept);
                }
                // The shop was emptied (`start_from`): what was here is still brought back.
                Ok(Err(why)) => {
                    can_undo.set(before.keep());
                    notices.problem(format!("\"{}\" could not be built: {why}.", point.title()));
                }
                // Nothing was saved: the undo's slot is as it was.
                Err(not_kept) => {
                    drop(before);
                    can_undo.set(shop_swap::can_undo());
                    notices.problem(not_kept.to_string());
                }
            }
        });
    };

    view! {
        <div class="starting-points" data-testid="starting-points">
            <h3>"Start from a situation"</h3>
            <p class="hint">"Each is built through the shop's own checkout, clock and order actions, so it is what the shop would do."</p>
            <ul>
                {StartingPoint::ALL.map(|point| view! {
                    <li class="starting-point" data-testid="starting-point" data-point=point.slug()>
                        <div>
                            <strong>{point.title()}</strong>
                            <span class="hint">{point.line()}</span>
                        </div>
                        <button type="button" class="button-quiet" disabled=move || building.get().is_some()
                            on:click=move |_| asking.set(Some(point))>
                            {move || if building.get() == Some(point) { "Building…" } else { "Start from this" }}
                            <span class="visually-hidden">{format!(": {}", point.title())}</span>
                        </button>
                        <Show when=move || asking.get() == Some(point)>
                            <div role="alertdialog" aria-labelledby=format!("ask-{}", point.slug()) class="confirm-box" data-testid="starting-point-confirm">
                                <p id=format!("ask-{}", point.slug())><strong>{format!("Replace everything here with \u{201c}{}\u{201d}? You can undo it once.", point.title())}</strong></p>
                                <button type="button" class="button-primary" data-testid="starting-point-start" on:click=move |_| start(point)>"Replace and start"</button>
                                <button type="button" class="button-quiet" data-autofocus="true" on:click=move |_| asking.set(None)>"Keep what is here"</button>
                            </div>
                        </Show>
                    </li>
                })}
            </ul>
        </div>
    }
}
