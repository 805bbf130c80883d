//! How far along a plan is, in the words a shopper reads on a purchase: "2 of 4 paid".

use super::{PaymentDisplayStatus, PaymentPlanAccount};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanProgress {
    pub paid: u32,
    /// Payments a refund covered in full: nothing is left to pay on them.
    pub refunded: u32,
    pub total: u32,
}

impl PlanProgress {
    /// Payments paid or covered by a refund.
    pub fn closed(self) -> u32 {
        self.paid + self.refunded
    }

    /// "2 of 4 paid", "2 of 4 paid, 1 refunded", "All 4 paid"; a plan of one payment reads
    /// "Paid", "Refunded" or "Not paid yet".
    pub fn label(self) -> String {
        let PlanProgress {
            paid,
            refunded,
            total,
        } = self;
        match (total, paid, refunded) {
            (1, 1, _) => "Paid".to_string(),
            (1, _, 1) => "Refunded".to_string(),
            (1, ..) => "Not paid yet".to_string(),
            (n, p, 0) if p == n => format!("All {n} paid"),
            (n, p, 0) => format!("{p} of {n} paid"),
            (n, p, r) => format!("{p} of {n} paid, {r} refunded"),
        }
    }
}

impl PaymentPlanAccount {
    pub fn progress(&self) -> PlanProgress {
        let count = |wanted: PaymentDisplayStatus| {
            self.installments
                .iter()
                .filter(|i| i.display_status(self.is_paused()) == wanted)
                .count() as u32
        };
        PlanProgress {
            paid: count(PaymentDisplayStatus::Paid),
            refunded: count(PaymentDisplayStatus::Refunded),
            total: self.installments.len() as u32,
        }
    }
}
