//! What an applied event tells the shopper: an inbox-ready message. The engine produces
//! data; the app delivers it, so the domain never touches the inbox's storage.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::inbox::{Inbox, Sender};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub from: Sender,
    pub at: DateTime<Utc>,
    pub subject: String,
    pub body: String,
    /// In-app path the message is about: `/my-klarna`, `/orders/<id>`.
    pub link: Option<String>,
}

impl Notification {
    /// A message from Klarna about a payment plan, linking to `link`.
    pub fn from_klarna(
        at: DateTime<Utc>,
        subject: impl Into<String>,
        body: impl Into<String>,
        link: impl Into<String>,
    ) -> Notification {
        Notification {
            from: Sender::Klarna,
            at,
            subject: subject.into(),
            body: body.into(),
            link: Some(link.into()),
        }
    }

    pub fn deliver_to(self, inbox: &mut Inbox) -> u64 {
        inbox.deliver(self.from, self.at, self.subject, self.body, self.link)
    }
}
