//! The inbox: the newest messages first, a page at a time, since a long history holds tens
//! of thousands of them and drawing all at once took seconds.

use crate::domain::format;
use crate::domain::inbox::Sender;
use crate::ui::focus::focus_now;
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::stores::Stores;

/// Messages shown at first and added by each "Show more messages": a screenful or two, cheap
/// to draw however long the history is.
const PAGE_ROWS: usize = 50;

/// The element id of a message, so focus can move to it.
fn message_element_id(id: u64) -> String {
    format!("inbox-message-{id}")
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let inbox = expect_context::<Stores>().inbox;
    let shown = RwSignal::new(PAGE_ROWS);
    // Only the shown messages are cloned for the view; marking one read recomputes this.
    let messages = Memo::new(move |_| {
        let n = shown.get();
        inbox.with(|i| i.newest(n).into_iter().cloned().collect::<Vec<_>>())
    });
    let total = move || inbox.with(|i| i.len());
    let more_remain = move || total() > shown.get();
    let unread = move || inbox.with(|i| i.unread_count());
    let show_more = move |_| {
        let before = shown.get_untracked();
        shown.set(before + PAGE_ROWS);
        // The button stays while more remain and keeps focus; when this page was the last,
        // it goes away, so focus moves to the first message it revealed instead of the page.
        if inbox.with_untracked(|i| i.len()) <= before + PAGE_ROWS {
            let first_new =
                messages.with_untracked(|m| m.get(before).map(|m| message_element_id(m.id)));
            if let Some(id) = first_new {
                request_animation_frame(move || focus_now(&id));
            }
        }
    };
    view! {
        <Title text="Inbox" />
        <section class="page narrow">
            <div class="page-heading">
                <h1 data-testid="page-title">"Inbox"</h1>
                <button
                    class="button-quiet"
                    disabled=move || unread() == 0
                    data-testid="mark-all-read"
                    on:click=move |_| inbox.update(|i| i.mark_all_read())
                >
                    "Mark all read"
                </button>
            </div>
            <Show
                when=move || total() != 0
                fallback=|| view! { <p class="empty">"No messages yet. Order confirmations, payment reminders and shipping updates arrive here."</p> }
            >
                <Show when=more_remain>
                    <p class="result-count" role="status" data-testid="inbox-shown">
                        {move || format!(
                            "Showing {} of {} messages",
                            format::count(messages.with(|m| m.len()) as u64),
                            format::count(total() as u64),
                        )}
                    </p>
                </Show>
                <ul class="inbox-list">
                    <For each=move || messages.get() key=|m| (m.id, m.read) let:message>
                        <li class="inbox-message" class:unread=!message.read data-testid="inbox-message"
                            id=message_element_id(message.id) tabindex="-1">
                            <div class="inbox-meta">
                                {message.from.map(|from| view! {
                                    <span class=format!("inbox-from from-{}", if from == Sender::Klarna { "klarna" } else { "shop" })
                                        data-testid="inbox-from">{from.name()}</span>
                                })}
                                // The subject leads to what the message is about; following it reads it.
                                {match message.link.clone() {
                                    Some(href) => view! {
                                        <Link href=href attr:class="inbox-subject" on:click=move |_| { inbox.update(|i| i.mark_read(message.id)); }>
                                            <strong>{message.subject.clone()}</strong>
                                        </Link>
                                    }.into_any(),
                                    None => view! { <strong>{message.subject.clone()}</strong> }.into_any(),
                                }}
                                <time datetime=message.sent_at.to_rfc3339()>
                                    {format::date_time(message.sent_at)}
                                </time>
                            </div>
                            <p>{message.body.clone()}</p>
                            <div class="inbox-actions">
                                <Show when=move || !message.read>
                                    <button class="button-quiet" data-testid="mark-read" on:click=move |_| { inbox.update(|i| i.mark_read(message.id)); }>
                                        "Mark read"
                                    </button>
                                </Show>
                            </div>
                        </li>
                    </For>
                </ul>
                <Show when=more_remain>
                    <button class="button-quiet" data-testid="show-more-messages" on:click=show_more>
                        "Show more messages"
                    </button>
                </Show>
            </Show>
        </section>
    }
}
