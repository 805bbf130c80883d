//! Notices about storage: quarantined data, failed saves, changes from another tab.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    /// The technical side (a decoder's message, a storage key), behind a disclosure.
    pub detail: Option<String>,
    /// Problems are announced assertively; information politely.
    pub is_problem: bool,
}

#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
}

impl Notices {
    pub fn new() -> Self {
        Notices {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn problem(&self, text: impl Into<String>) {
        self.push(text.into(), None, true);
    }

    /// A problem with its technical side, which the notice shows only on request.
    pub fn problem_with_detail(&self, text: String, detail: Option<String>) {
        self.push(text, detail, true);
    }

    pub fn info(&self, text: impl Into<String>) {
        self.push(text.into(), None, false);
    }

    fn push(&self, text: String, detail: Option<String>, is_problem: bool) {
        // The same failure on every keystroke would bury the page; show it once. Two values
        // set aside under different keys say the same words but are two notices.
        if self
            .list
            .with_untracked(|l| l.iter().any(|n| n.text == text && n.detail == detail))
        {
            return;
        }
        self.next_id.update_value(|n| *n += 1);
        let id = self.next_id.get_value();
        self.list.update(|l| {
            l.push(Notice {
                id,
                text,
                detail,
                is_problem,
            })
        });
    }

    /// What the notices say now, oldest first.
    pub fn texts(&self) -> Vec<String> {
        self.list
            .with_untracked(|l| l.iter().map(|n| n.text.clone()).collect())
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn NoticeList() -> impl IntoView {
    let notices = expect_context::<Notices>();
    view! {
        <div class="notices">
            <For each=move || notices.list.get() key=|n| n.id let:notice>
                <div
                    class="notice"
                    class:notice-problem=notice.is_problem
                    role=if notice.is_problem { "alert" } else { "status" }
                    data-testid="storage-notice"
                >
                    <div class="notice-text">
                        <p>{notice.text.clone()}</p>
                        {notice.detail.clone().map(|detail| view! {
                            <details class="notice-detail">
                                <summary>"Technical details"</summary>
                                <p data-testid="storage-notice-detail">{detail}</p>
                            </details>
                        })}
                    </div>
                    <button
                        class="button-quiet"
                        on:click=move |_| notices.dismiss(notice.id)
                        aria-label="Dismiss this notice"
                    >
                        "Dismiss"
                    </button>
                </div>
            </For>
        </div>
    }
}
