use crate::domain::format;
use crate::domain::inbox::Sender;
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::stores::Stores;

#[component]
pub fn InboxPage() -> impl IntoView {
    let inbox = expect_context::<Stores>().inbox;
    let messages = move || inbox.with(|i| i.newest_first().cloned().collect::<Vec<_>>());
    let unread = move || inbox.with(|i| i.unread_count());
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
                when=move || !messages().is_empty()
                fallback=|| view! { <p class="empty">"No messages yet. Order confirmations, payment reminders and shipping updates arrive here."</p> }
            >
                <ul class="inbox-list">
                    <For each=messages key=|m| (m.id, m.read) let:message>
                        <li class="inbox-message" class:unread=!message.read data-testid="inbox-message">
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
            </Show>
        </section>
    }
}
