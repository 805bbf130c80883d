//! The in-app inbox: every message a shopper would get by email.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who a message comes from: the shop (orders, parcels, returns) or Klarna (payments).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Shop,
    Klarna,
}

impl Sender {
    pub fn name(self) -> &'static str {
        match self {
            Sender::Shop => "bnpl-market",
            Sender::Klarna => "Klarna",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: u64,
    /// Absent in messages saved before senders were kept; those show none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Sender>,
    pub sent_at: DateTime<Utc>,
    pub subject: String,
    pub body: String,
    /// An in-app path the message is about (an order, a payment), when there is one.
    pub link: Option<String>,
    pub read: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    messages: Vec<Message>,
    next_id: u64,
}

impl Inbox {
    pub fn deliver(
        &mut self,
        from: Sender,
        sent_at: DateTime<Utc>,
        subject: impl Into<String>,
        body: impl Into<String>,
        link: Option<String>,
    ) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        self.messages.push(Message {
            id,
            from: Some(from),
            sent_at,
            subject: subject.into(),
            body: body.into(),
            link,
            read: false,
        });
        id
    }

    /// Newest first, as a mail client lists them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        let mut sorted: Vec<&Message> = self.messages.iter().collect();
        sorted.sort_by(|a, b| b.sent_at.cmp(&a.sent_at).then(b.id.cmp(&a.id)));
        sorted.into_iter()
    }

    /// The id the newest message has (0 with none): what [`Inbox::delivered_after`] counts from.
    pub fn last_id(&self) -> u64 {
        self.next_id
    }

    /// Messages delivered since the newest was `id`, oldest first.
    pub fn delivered_after(&self, id: u64) -> impl Iterator<Item = &Message> {
        self.messages.iter().filter(move |m| m.id > id)
    }

    pub fn unread_count(&self) -> usize {
        self.messages.iter().filter(|m| !m.read).count()
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    pub fn mark_read(&mut self, id: u64) -> bool {
        match self.messages.iter_mut().find(|m| m.id == id) {
            Some(m) => {
                m.read = true;
                true
            }
            None => false,
        }
    }

    pub fn mark_all_read(&mut self) {
        self.messages.iter_mut().for_each(|m| m.read = true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_says_who_sent_it_and_older_ones_read_without() {
        let mut inbox = Inbox::default();
        inbox.deliver(
            Sender::Klarna,
            DateTime::<Utc>::default(),
            "Payment collected",
            "",
            None,
        );
        let message = inbox.newest_first().next().unwrap().clone();
        assert_eq!(message.from, Some(Sender::Klarna));
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["from"], "klarna");
        let mut older = json;
        older.as_object_mut().unwrap().remove("from");
        let read: Message = serde_json::from_value(older).unwrap();
        assert_eq!(read.from, None);
    }

    #[test]
    fn delivered_after_lists_what_came_since() {
        let at = DateTime::<Utc>::default();
        let mut inbox = Inbox::default();
        inbox.deliver(Sender::Shop, at, "Order placed", "", None);
        let mark = inbox.last_id();
        inbox.deliver(
            Sender::Shop,
            at,
            "Payment collected",
            "",
            Some("/my-klarna".into()),
        );
        inbox.deliver(Sender::Shop, at, "Parcel shipped", "", None);
        let since: Vec<&str> = inbox
            .delivered_after(mark)
            .map(|m| m.subject.as_str())
            .collect();
        assert_eq!(since, ["Payment collected", "Parcel shipped"]);
        assert_eq!(inbox.delivered_after(inbox.last_id()).count(), 0);
    }
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    #[test]
    fn counts_unread_and_marks_read() {
        let mut inbox = Inbox::default();
        let first = inbox.deliver(Sender::Shop, at(1), "Welcome", "Hello", None);
        inbox.deliver(
            Sender::Shop,
            at(2),
            "Order confirmed",
            "Thanks",
            Some("/orders/1".into()),
        );
        assert_eq!(inbox.unread_count(), 2);
        assert!(inbox.mark_read(first));
        assert!(!inbox.mark_read(99));
        assert_eq!(inbox.unread_count(), 1);
        inbox.mark_all_read();
        assert_eq!(inbox.unread_count(), 0);
    }

    #[test]
    fn lists_newest_first_with_unique_ids() {
        let mut inbox = Inbox::default();
        inbox.deliver(Sender::Shop, at(3), "b", "", None);
        inbox.deliver(Sender::Shop, at(1), "a", "", None);
        inbox.deliver(Sender::Shop, at(3), "c", "", None);
        let subjects: Vec<&str> = inbox.newest_first().map(|m| m.subject.as_str()).collect();
        assert_eq!(subjects, ["c", "b", "a"]);
    }
}
