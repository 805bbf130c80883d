//! The catalog: search, filters, sort and pages, all held in the URL so a result is shareable
//! and the back button restores it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use rust_decimal::Decimal;

use crate::domain::catalog::Category;
use crate::domain::format;
use crate::domain::search::{Query, SortOrder};
use crate::ui::components::demo_guide::DemoGuide;
use crate::ui::components::product_card::ProductCard;
use crate::ui::focus::focus_soon;
use crate::ui::links::{to, use_app_navigate};
use crate::ui::shop::{use_market, use_shop};

#[component]
pub fn CatalogPage() -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let location = use_location();
    let query = Memo::new(move |_| Query::from_query_string(&location.search.get()));
    let navigate = use_app_navigate();
    let go = move |q: Query| navigate(&q.to_path());

    let results = {
        let shop = shop.clone();
        Memo::new(move |_| {
            let q = query.get();
            let market = market.get();
            let page = shop.index.search(&shop.catalog, &q, market);
            let cards: Vec<_> = page
                .products
                .iter()
                .map(|p| ((*p).clone(), shop.catalog.seller_of(p).trust().trusted))
                .collect();
            (cards, page.total, page.page, page.page_count)
        })
    };

    let heading = move || {
        let q = query.get();
        match (q.text.trim().is_empty(), q.category) {
            (false, _) => format!("Results for \u{201c}{}\u{201d}", q.text.trim()),
            (true, Some(c)) => c.label().to_string(),
            (true, None) => "All products".to_string(),
        }
    };

    let count_text = move || match results.with(|r| r.1) {
        1 => "1 product".to_string(),
        n => format!("{} products", format::count(n as u64)),
    };
    // On a phone the filters are a sheet over the results, opened from the heading.
    let sheet_open = RwSignal::new(false);

    view! {
        <Title text=move || heading() />
        <DemoGuide />
        <CategoryChips query />
        <div class="catalog">
            <Filters query go=go.clone() sheet_open count_text />
            <section class="catalog-results" aria-labelledby="catalog-title">
                <div class="page-heading">
                    <h1 id="catalog-title" data-testid="page-title">{heading}</h1>
                    <div class="catalog-tools">
                        <button type="button" class="filters-toggle button-quiet" data-testid="filters-toggle"
                            aria-controls="catalog-filters" aria-expanded=move || sheet_open.get().to_string()
                            on:click=move |_| { sheet_open.set(true); focus_soon("filter-category"); }>
                            {move || match query.with(Query::active_filter_count) {
                                0 => "Filters".to_string(),
                                n => format!("Filters ({n})"),
                            }}
                        </button>
                        <SortPicker query go=go.clone() />
                    </div>
                </div>
                <p class="result-count" role="status" data-testid="result-count">{count_text}</p>
                <Show
                    when=move || results.with(|r| r.1 > 0)
                    fallback=move || {
                        let (clear_filters, clear_all) = (go.clone(), go.clone());
                        let words = move || query.with(|q| q.text.trim().to_string());
                        let has_filters = move || query.with(Query::has_filters);
                        let said = move || match (words(), has_filters()) {
                            (w, true) if !w.is_empty() => format!("Nothing matches \"{w}\" with these filters."),
                            (w, false) if !w.is_empty() => format!("Nothing matches \"{w}\"."),
                            _ => "No products match these filters.".to_string(),
                        };
                        view! {
                            <div class="empty" data-testid="empty-results">
                                <p>{said}</p>
                                <Show when=has_filters>
                                    <button data-testid="clear-filters" on:click={
                                        let clear_filters = clear_filters.clone();
                                        move |_| clear_filters(query.get_untracked().without_filters())
                                    }>"Clear filters"</button>
                                </Show>
                                <Show when=move || !words().is_empty()>
                                    <button data-testid="search-everything" on:click={
                                        let clear_all = clear_all.clone();
                                        move |_| clear_all(query.get_untracked().without_words_or_filters())
                                    }>"Show all products"</button>
                                </Show>
                                <BrowseCategories query />
                            </div>
                        }
                    }
                >
                    <ul class="product-grid">
                        <For
                            each=move || results.get().0
                            key=|(p, _)| p.id.as_str().to_string()
                            let:card
                        >
                            <ProductCard product=card.0 market=market.get_untracked() trusted=card.1 />
                        </For>
                    </ul>
                    <Pager query results=Signal::derive(move || results.with(|r| (r.2, r.3))) />
                </Show>
            </section>
        </div>
    }
}

/// One tap to a category: a row of chips that scrolls sideways on its own, never the page.
#[component]
fn CategoryChips(query: Memo<Query>) -> impl IntoView {
    let href = move |category: Option<Category>| {
        to(&Query {
            category,
            ..query.get()
        }
        .with_page(1)
        .to_path())
    };
    let chip = move |category: Option<Category>, label: &'static str| {
        view! {
            <li>
                <a class="chip" href=move || href(category)
                    aria-current=move || (query.with(|q| q.category) == category).then_some("true")>
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="category-chips" aria-label="Categories" data-testid="category-chips">
            <ul>
                {chip(None, "All")}
                {Category::ALL.map(|c| chip(Some(c), c.label()))}
            </ul>
        </nav>
    }
}

/// Where to go from no results: each category, the search and filters left behind.
#[component]
fn BrowseCategories(query: Memo<Query>) -> impl IntoView {
    let href = move |category: Category| {
        to(&Query {
            category: Some(category),
            ..query.get().without_words_or_filters()
        }
        .to_path())
    };
    view! {
        <nav class="browse-categories" aria-labelledby="browse-categories-title" data-testid="browse-categories">
            <h2 id="browse-categories-title">"Browse a category instead"</h2>
            <ul>
                {Category::ALL.map(|c| view! {
                    <li><a class="chip" href=move || href(c)>{c.label()}</a></li>
                })}
            </ul>
        </nav>
    }
}

#[component]
fn Pager(query: Memo<Query>, results: Signal<(u32, u32)>) -> impl IntoView {
    let href = move |page: u32| to(&query.get().with_page(page).to_path());
    view! {
        <Show when=move || { results.get().1 > 1 }>
            <nav class="pager" aria-label="Pages">
                <Show when=move || { results.get().0 > 1 }>
                    <a href=move || href(results.get().0 - 1) rel="prev">"Previous"</a>
                </Show>
                <span>{move || format!("Page {} of {}", results.get().0, results.get().1)}</span>
                <Show when=move || { let (p, n) = results.get(); p < n }>
                    <a href=move || href(results.get().0 + 1) rel="next">"Next"</a>
                </Show>
            </nav>
        </Show>
    }
}

#[component]
fn SortPicker(query: Memo<Query>, go: impl Fn(Query) + Clone + 'static) -> impl IntoView {
    view! {
        <label class="sort">
            "Sort by "
            <select on:change=move |ev| {
                let sort = SortOrder::from_slug(&event_target_value(&ev)).unwrap_or_default();
                go(Query { sort, ..query.get_untracked() }.with_page(1));
            }>
                {SortOrder::ALL.map(|s| view! {
                    <option value=s.slug() selected=move || query.get().sort == s>{s.label()}</option>
                })}
            </select>
        </label>
    }
}

fn parse_price(text: &str) -> Result<Option<Decimal>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<Decimal>() {
        Ok(d) if d >= Decimal::ZERO => Ok(Some(d.round_dp(2))),
        _ => Err(format!(
            "\u{201c}{t}\u{201d} is not a price: enter a number such as 25 or 19.99."
        )),
    }
}

#[component]
fn Filters(
    query: Memo<Query>,
    go: impl Fn(Query) + Clone + 'static,
    sheet_open: RwSignal<bool>,
    count_text: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let price_error = RwSignal::new(None::<String>);
    let min_text = RwSignal::new(String::new());
    let max_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        min_text.set(q.min_price.map(|d| d.to_string()).unwrap_or_default());
        max_text.set(q.max_price.map(|d| d.to_string()).unwrap_or_default());
    });
    let apply_prices = {
        let go = go.clone();
        move || match (
            parse_price(&min_text.get_untracked()),
            parse_price(&max_text.get_untracked()),
        ) {
            (Ok(min_price), Ok(max_price)) => {
                price_error.set(None);
                go(Query {
                    min_price,
                    max_price,
                    ..query.get_untracked()
                }
                .with_page(1));
            }
            (Err(e), _) | (_, Err(e)) => price_error.set(Some(e)),
        }
    };
    let on_category = {
        let go = go.clone();
        move |ev| {
            let category = Category::from_slug(&event_target_value(&ev));
            go(Query {
                category,
                ..query.get_untracked()
            }
            .with_page(1));
        }
    };
    let on_rating = {
        let go = go.clone();
        move |ev| {
            let min_rating = event_target_value(&ev).parse::<Decimal>().ok();
            go(Query {
                min_rating,
                ..query.get_untracked()
            }
            .with_page(1));
        }
    };
    let on_free = {
        let go = go.clone();
        move |ev| {
            let free_shipping_only = event_target_checked(&ev);
            go(Query {
                free_shipping_only,
                ..query.get_untracked()
            }
            .with_page(1));
        }
    };
    let on_trusted = move |ev| {
        let trusted_only = event_target_checked(&ev);
        go(Query {
            trusted_only,
            ..query.get_untracked()
        }
        .with_page(1));
    };
    view! {
        <aside id="catalog-filters" class="filters" class:open=move || sheet_open.get() aria-label="Filters"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { sheet_open.set(false); }>
            <h2>"Filters"</h2>
            <label for="filter-category">"Category"</label>
            <select id="filter-category" on:change=on_category>
                <option value="" selected=move || query.get().category.is_none()>"All categories"</option>
                {Category::ALL.map(|c| view! {
                    <option value=c.slug() selected=move || query.get().category == Some(c)>{c.label()}</option>
                })}
            </select>
            <form class="price-range" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); apply_prices(); }>
                <fieldset>
                    <legend>"Price"</legend>
                    <label for="filter-min">"Min"</label>
                    <input id="filter-min" inputmode="decimal" data-testid="filter-min-price"
                        prop:value=move || min_text.get() on:input=move |ev| min_text.set(event_target_value(&ev))
                        aria-describedby="price-error" />
                    <label for="filter-max">"Max"</label>
                    <input id="filter-max" inputmode="decimal" data-testid="filter-max-price"
                        prop:value=move || max_text.get() on:input=move |ev| max_text.set(event_target_value(&ev))
                        aria-describedby="price-error" />
                    <button type="submit">"Apply"</button>
                </fieldset>
                <p id="price-error" class="field-error" role="alert">{move || price_error.get()}</p>
            </form>
            <label for="filter-rating">"Minimum rating"</label>
            <select id="filter-rating" on:change=on_rating>
                <option value="" selected=move || query.get().min_rating.is_none()>"Any rating"</option>
                {["4.5", "4", "3"].map(|r| view! {
                    <option value=r selected=move || query.get().min_rating.map(|d| d.to_string()).as_deref() == Some(r)>
                        {format!("{r} stars and up")}
                    </option>
                })}
            </select>
            <label class="check">
                <input type="checkbox" data-testid="filter-free-shipping" prop:checked=move || query.get().free_shipping_only on:change=on_free />
                "Free shipping"
            </label>
            <label class="check">
                <input type="checkbox" data-testid="filter-trusted" prop:checked=move || query.get().trusted_only on:change=on_trusted />
                "Trusted sellers only"
            </label>
            <button type="button" class="button-primary sheet-done" data-testid="filters-done"
                on:click=move |_| { sheet_open.set(false); focus_soon("catalog-title"); }>
                {move || format!("Show {}", count_text())}
            </button>
        </aside>
    }
}
