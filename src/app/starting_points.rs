//! Named starting points: situations a demo or a lesson starts from, each built through the
//! real flows (a demo order through checkout, the clock moved, a return or a dispute asked
//! for on the order), so what they show is what the shop would do.

use chrono::{DateTime, Utc};

use super::clock::{move_stops, ClockMove};
use super::demo_orders::{demo_card, Scenario};
use super::facade::{demo_account, DemoRequest};
use super::state::{ShopData, ShopState};
use crate::domain::account::{Account, Address};
use crate::domain::catalog::Catalog;
use crate::domain::market::Market;
use crate::domain::orders::{
    DisputeReason, Order, OrderStatus, Outcome, ReturnReason, ReturnRequest, TransitionError,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartingPoint {
    FreshShopper,
    PayIn4MidPlan,
    LatePaymentWithFee,
    FinancedOrder,
    ReturnBeingRefunded,
    DisputeInProgress,
    UkPayIn3,
}

/// A clock move that never reaches what a starting point waits for stops after this many.
const MAX_MOVES: usize = 40;

impl StartingPoint {
    pub const ALL: [StartingPoint; 7] = [
        StartingPoint::FreshShopper,
        StartingPoint::PayIn4MidPlan,
        StartingPoint::LatePaymentWithFee,
        StartingPoint::FinancedOrder,
        StartingPoint::ReturnBeingRefunded,
        StartingPoint::DisputeInProgress,
        StartingPoint::UkPayIn3,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            StartingPoint::FreshShopper => "fresh-shopper",
            StartingPoint::PayIn4MidPlan => "pay-in-4-mid-plan",
            StartingPoint::LatePaymentWithFee => "late-payment-with-fee",
            StartingPoint::FinancedOrder => "financed-order",
            StartingPoint::ReturnBeingRefunded => "return-being-refunded",
            StartingPoint::DisputeInProgress => "dispute-in-progress",
            StartingPoint::UkPayIn3 => "uk-pay-in-3",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            StartingPoint::FreshShopper => "A fresh shopper",
            StartingPoint::PayIn4MidPlan => "Pay in 4, mid-plan",
            StartingPoint::LatePaymentWithFee => "A late payment with a fee",
            StartingPoint::FinancedOrder => "A financed order",
            StartingPoint::ReturnBeingRefunded => "A return being refunded",
            StartingPoint::DisputeInProgress => "A dispute in progress",
            StartingPoint::UkPayIn3 => "A UK shopper with Pay in 3",
        }
    }

    /// What a viewer sees, in one line.
    pub fn line(self) -> &'static str {
        match self {
            StartingPoint::FreshShopper => {
                "Signed up, Klarna linked, a card saved and nothing bought: ready for a first checkout."
            }
            StartingPoint::PayIn4MidPlan => {
                "Two of four payments collected by card; the next one is two weeks away."
            }
            StartingPoint::LatePaymentWithFee => {
                "The card declined, the retry a week later failed too: the payment is overdue with a late fee."
            }
            StartingPoint::FinancedOrder => {
                "12 months of financing: a statement on the 2nd, the payment due on the 26th, interest in every payment."
            }
            StartingPoint::ReturnBeingRefunded => {
                "Pay in 4, delivered and sent back: move time and the refund lowers the payments left."
            }
            StartingPoint::DisputeInProgress => {
                "Pay in 4, delivered, then disputed as not as described: the plan is paused while the seller answers."
            }
            StartingPoint::UkPayIn3 => {
                "A shopper in the UK, paying in pounds: three payments 30 days apart, the first at checkout."
            }
        }
    }
}

impl ShopState<'_> {
    /// Replaces the whole shop with the starting point, built from a new shop whose clock
    /// goes on from this one's (time does not run back). `Ok` says what it holds; `Err`
    /// why it could not be built (the shop is then a new one, never half of the starting
    /// point and half of the old shop).
    pub async fn start_from(
        &mut self,
        catalog: &Catalog,
        point: StartingPoint,
        real_now: DateTime<Utc>,
    ) -> Result<String, String> {
        let clock = self.clock.clock;
        let new_shop = || ShopData {
            clock: super::clock::ClockState {
                clock,
                ..Default::default()
            },
            ..ShopData::default()
        };
        self.replace_with(new_shop());
        let built = self.build(catalog, point, real_now).await;
        if built.is_err() {
            self.replace_with(new_shop());
        }
        built.map(|()| format!("Started from \"{}\".", point.title()))
    }

    async fn build(
        &mut self,
        catalog: &Catalog,
        point: StartingPoint,
        real_now: DateTime<Utc>,
    ) -> Result<(), String> {
        let now = self.clock.now(real_now);
        let scenario = match point {
            StartingPoint::FreshShopper => {
                let account = demo_account();
                self.link_klarna(&account.email, now);
                let card = demo_card(self.payments, "4242 4242 4242 4242", now);
                self.payments.add_method(card);
                *self.account = Some(account);
                return Ok(());
            }
            StartingPoint::UkPayIn3 => {
                *self.account = Some(uk_account());
                Scenario::PayIn4Card
            }
            StartingPoint::LatePaymentWithFee => Scenario::DecliningCard,
            StartingPoint::FinancedOrder => Scenario::Financing,
            _ => Scenario::PayIn4Card,
        };
        self.place_demo(catalog, DemoRequest::Scenario(scenario), now)
            .await
            .map_err(|refusal| refusal.to_string())?;
        let order_id = self
            .orders
            .records()
            .next()
            .map(|r| r.order.id().to_string())
            .ok_or("the demo order was not placed")?;
        match point {
            StartingPoint::PayIn4MidPlan => {
                self.move_until(ClockMove::NextPayment, real_now, |shop| {
                    paid_count(shop, &order_id) >= 2
                })
                .await
            }
            StartingPoint::LatePaymentWithFee => {
                self.move_until(ClockMove::NextPayment, real_now, |shop| {
                    shop.payments
                        .account(&order_id)
                        .is_some_and(|a| !a.balance().fees_charged.is_zero())
                })
                .await
            }
            StartingPoint::ReturnBeingRefunded | StartingPoint::DisputeInProgress => {
                self.move_until(ClockMove::NextParcelUpdate, real_now, |shop| {
                    shop.orders
                        .get(&order_id)
                        .is_some_and(|r| r.order.status() == OrderStatus::Delivered)
                })
                .await?;
                let now = self.clock.now(real_now);
                let asked = if point == StartingPoint::DisputeInProgress {
                    dispute
                } else {
                    send_back
                };
                self.act_on_order(&order_id, now, |order| asked(order, now))
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            _ => Ok(()),
        }
    }

    /// Moves the clock by `step` until `done` holds, through the same stops as the clock bar.
    async fn move_until(
        &mut self,
        step: ClockMove,
        real_now: DateTime<Utc>,
        done: impl Fn(&ShopState<'_>) -> bool,
    ) -> Result<(), String> {
        for _ in 0..MAX_MOVES {
            if done(self) {
                return Ok(());
            }
            let now = self.clock.now(real_now);
            let target = self
                .clock
                .target_of(step, real_now, self.orders, self.payments)
                .map_err(|e| e.to_string())?;
            for stop in move_stops(now, target) {
                self.move_clock_to(stop, real_now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
        }
        if done(self) {
            Ok(())
        } else {
            Err(format!(
                "it was not reached in {MAX_MOVES} moves of the clock"
            ))
        }
    }
}

fn paid_count(shop: &ShopState<'_>, order_id: &str) -> u32 {
    shop.payments
        .account(order_id)
        .map_or(0, |a| a.progress().paid)
}

/// The whole first parcel goes back for a refund.
fn send_back(order: &mut Order, now: DateTime<Utc>) -> Result<Outcome, TransitionError> {
    let package = order.packages()[0].id.clone();
    order.request_return(
        ReturnRequest::whole_package_for_refund(package, ReturnReason::ChangedMind),
        now,
    )
}

fn dispute(order: &mut Order, now: DateTime<Utc>) -> Result<Outcome, TransitionError> {
    let package = order.packages()[0].id.clone();
    order.open_dispute(&package, DisputeReason::NotAsDescribed, now)
}

fn uk_account() -> Account {
    Account {
        name: "Demo Shopper".into(),
        email: "demo.shopper@example.co.uk".into(),
        address: Address {
            line1: "1 Demo Street".into(),
            line2: String::new(),
            city: "Leeds".into(),
            region: String::new(),
            postcode: "LS1 4AP".into(),
        },
        market: Market::UK,
    }
}
