//! The application's one facade: every flow that crosses aggregates is a method of
//! [`ShopState`], the shop's aggregates borrowed for one action. Each method records in
//! `touched` what it changed, so the caller (the UI, or a test) saves exactly that; the UI
//! only gathers the stores, calls one method and shows the answer.

use crate::domain::inbox::Sender;
use chrono::{DateTime, Utc};

use super::checkout::{Books, CheckoutError};
use super::clock::{ClockRefusal, ClockState};
use super::demo_orders::{generate_history, seed_scenario, Scenario, MAX_HISTORY};
use super::order_actions::{act_on_order, OrderActionError};
use super::pending_checkout::{complete_attempt, AttemptStage, InFlightAttempt};
use super::plan_actions::{PlanAction, PlanActionError};
use super::provider::{with_simulation, ShopProvider};
use super::query::param;
use super::review::review_team_decides;
use super::state::ShopState;
use super::time;
use super::touched::Touched;
use super::world::{Progress, World};
use crate::domain::account::{Account, Address};
use crate::domain::catalog::Catalog;
use crate::domain::market::Market;
use crate::domain::orders::{Order, Outcome, TransitionError};
use crate::klarna::{PaymentProvider, PersonaSettings, ProviderError, SignIn};

/// What a demo request from the address bar asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRequest {
    Scenario(Scenario),
    History(usize),
}

/// Why demo data was not placed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DemoRefusal {
    #[error("the shop already has orders; demo data only goes into an empty shop")]
    NotEmpty,
    #[error("unknown demo: use ?scenario= one of {known} or ?history=1..{MAX_HISTORY}")]
    Unknown { known: String },
    #[error("{0}")]
    Failed(String),
}

impl DemoRequest {
    /// Reads `?scenario=name` or `?history=n` from the page's query string.
    pub fn from_query(search: &str) -> Option<Result<DemoRequest, DemoRefusal>> {
        let param = |name: &str| param(search, name);
        let unknown = || DemoRefusal::Unknown {
            known: Scenario::ALL.map(|s| s.slug()).join(", "),
        };
        match (param("scenario"), param("history")) {
            (None, None) => None,
            (Some(slug), _) => Some(
                Scenario::from_slug(slug)
                    .map(DemoRequest::Scenario)
                    .ok_or_else(unknown),
            ),
            (None, Some(n)) => Some(
                n.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_HISTORY).contains(n))
                    .map(DemoRequest::History)
                    .ok_or_else(unknown),
            ),
        }
    }
}

/// What saving the account form led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountSaved {
    /// Set when the market changed: what happened to the cart's prices.
    pub repricing: Option<String>,
}

impl ShopState<'_> {
    /// Runs `f` over the aggregates the event engine works on, with the provider set up by
    /// the simulation settings, and records what it changed.
    async fn with_engine<R>(
        &mut self,
        f: impl AsyncFnOnce(World<'_, ShopProvider>, &mut ClockState) -> (Touched, R),
    ) -> R {
        let ShopState {
            orders,
            payments,
            provider,
            inbox,
            clock,
            simulation,
            touched,
            ..
        } = self;
        let ((changed, result), used) = with_simulation(provider, simulation, async |provider| {
            f(
                World {
                    orders,
                    payments,
                    provider,
                    inbox,
                },
                clock,
            )
            .await
        })
        .await;
        *touched |= changed;
        touched.simulation |= used;
        result
    }

    /// Runs everything that fell due up to the shop's now (see [`time::catch_up`]).
    pub async fn catch_up(&mut self, real_now: DateTime<Utc>) -> Progress {
        self.with_engine(async |world, clock| {
            let caught_up = time::catch_up(world, clock, real_now).await;
            let mut touched = caught_up.progress.touched;
            touched.clock = caught_up.clock_changed;
            (touched, caught_up.progress)
        })
        .await
    }

    /// One stop of a clock move: the clock goes to `stop` and everything due runs.
    pub async fn move_clock_to(
        &mut self,
        stop: DateTime<Utc>,
        real_now: DateTime<Utc>,
    ) -> Result<Progress, ClockRefusal> {
        self.with_engine(async |world, clock| {
            match time::move_clock_to(world, clock, stop, real_now).await {
                Ok(caught_up) => {
                    let mut touched = caught_up.progress.touched;
                    touched.clock = true;
                    (touched, Ok(caught_up.progress))
                }
                Err(refusal) => (Touched::NONE, Err(refusal)),
            }
        })
        .await
    }

    /// A shopper's or seller's action on one order (see [`act_on_order`]). `Ok` holds what
    /// could not be carried out; `Err` why the order refused (nothing changed).
    pub async fn act_on_order(
        &mut self,
        order_id: &str,
        now: DateTime<Utc>,
        action: impl FnOnce(&mut Order) -> Result<Outcome, TransitionError>,
    ) -> Result<Vec<String>, OrderActionError> {
        self.with_engine(
            async |world, _| match act_on_order(world, order_id, now, action).await {
                Ok(acted) => (acted.touched, Ok(acted.problems)),
                Err(reason) => (Touched::NONE, Err(reason)),
            },
        )
        .await
    }

    /// The simulation box's review team accepts or rejects a held order at the provider,
    /// and the order hears the verdict (see [`review_team_decides`]).
    pub async fn review_team_decides(
        &mut self,
        order_id: &str,
        accept: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, OrderActionError> {
        self.with_engine(async |world, _| {
            match review_team_decides(world, order_id, accept, now).await {
                Ok(acted) => (acted.touched, Ok(acted.problems)),
                Err(reason) => (Touched::NONE, Err(reason)),
            }
        })
        .await
    }

    /// A My Klarna action on the plans (see `app::plan_actions`): `Ok` is the confirmation
    /// to show, `Err` why it was refused (nothing changed).
    pub fn act_on_plans(
        &mut self,
        now: DateTime<Utc>,
        action: impl PlanAction,
    ) -> Result<String, PlanActionError> {
        let messages_before = self.inbox.len();
        let result = action(self.payments, self.inbox, now);
        // An accepted plan action is taken as a change to the plans; the inbox changed when
        // a message was sent. Saying so spares copying every plan to find out.
        self.touched.payments |= result.is_ok();
        self.touched.inbox |= self.inbox.len() != messages_before;
        result
    }

    /// Records the checkout attempt as handed to the provider, before it is called, so a
    /// reload in the middle finds it.
    pub fn begin_checkout(&mut self, attempt: &InFlightAttempt) {
        self.pending_checkout.in_flight = Some(InFlightAttempt {
            stage: AttemptStage::Authorizing,
            ..attempt.clone()
        });
        self.touched.pending_checkout = true;
    }

    /// Authorizes and places the attempt's order (exactly once per attempt), then settles
    /// the pending record: gone once the attempt ended, kept as retryable after a timeout or
    /// a provider error. An attempt abandoned meanwhile (another tab, a reset) places nothing.
    pub async fn finish_checkout(
        &mut self,
        catalog: &Catalog,
        attempt: &InFlightAttempt,
        now: DateTime<Utc>,
    ) -> Result<String, CheckoutError> {
        let still_ours = self
            .pending_checkout
            .in_flight
            .as_ref()
            .is_some_and(|a| a.attempt == attempt.attempt);
        if !still_ours {
            return Err(CheckoutError::Abandoned);
        }
        let result = self.place_attempt(catalog, attempt, now).await;
        self.pending_checkout.in_flight = match &result {
            Err(e) if e.is_retryable() => Some(InFlightAttempt {
                stage: AttemptStage::Retryable {
                    message: e.to_string(),
                },
                ..attempt.clone()
            }),
            _ => None,
        };
        self.touched.pending_checkout = true;
        result
    }

    async fn place_attempt(
        &mut self,
        catalog: &Catalog,
        attempt: &InFlightAttempt,
        now: DateTime<Utc>,
    ) -> Result<String, CheckoutError> {
        let account = self.account.clone().ok_or(CheckoutError::NoAccount)?;
        let method = self
            .payments
            .method(attempt.method_id)
            .cloned()
            .ok_or(CheckoutError::MethodNotSaved)?;
        let limit = self
            .simulation
            .purchase_limit_in(&attempt.email, account.market.currency());
        let ShopState {
            orders,
            payments,
            inbox,
            cart,
            provider,
            simulation,
            touched,
            ..
        } = self;
        let (result, used) = with_simulation(provider, simulation, async |provider| {
            complete_attempt(
                provider,
                Books {
                    orders,
                    payments,
                    inbox,
                    cart,
                },
                catalog,
                &account,
                attempt,
                &method,
                limit,
                now,
            )
            .await
        })
        .await;
        // Every provider call was recorded under its idempotency key, accepted or not.
        touched.provider = true;
        touched.simulation |= used;
        if result.is_ok() {
            touched.orders = true;
            touched.payments = true;
            touched.inbox = true;
            touched.cart = true;
        }
        result
    }

    /// Gives up the attempt in flight, if any (the shopper dismissed it).
    pub fn abandon_checkout(&mut self) {
        if self.pending_checkout.in_flight.take().is_some() {
            self.touched.pending_checkout = true;
        }
    }

    /// Places demo data through the real checkout flow, into a shop with no orders yet, and
    /// says what it placed. A demo account is created when there is none (a demo needs
    /// somebody to ship to).
    pub async fn place_demo(
        &mut self,
        catalog: &Catalog,
        request: DemoRequest,
        now: DateTime<Utc>,
    ) -> Result<String, DemoRefusal> {
        if !self.orders.is_empty() {
            return Err(DemoRefusal::NotEmpty);
        }
        let account = match self.account.clone() {
            Some(account) => account,
            None => {
                let account = demo_account();
                *self.account = Some(account.clone());
                self.touched.account = true;
                account
            }
        };
        let email = self
            .klarna_link
            .email
            .clone()
            .unwrap_or_else(|| account.email.clone());
        self.with_engine(async |mut world, _| {
            let result = match request {
                DemoRequest::Scenario(s) => {
                    seed_scenario(&mut world, catalog, &account, &email, s, now)
                        .await
                        .map(|id| format!("Demo scenario \"{}\" placed order {id}.", s.slug()))
                }
                DemoRequest::History(n) => {
                    generate_history(&mut world, catalog, &account, &email, n, now)
                        .await
                        .map(|n| format!("Generated a history of {n} orders."))
                }
            };
            let touched = Touched {
                orders: true,
                payments: true,
                provider: true,
                inbox: true,
                ..Touched::NONE
            };
            (touched, result.map_err(DemoRefusal::Failed))
        })
        .await
    }

    /// Saves the account form. A new account gets a welcome message; a change of market
    /// re-prices the cart in the new currency and says how.
    pub fn save_account(
        &mut self,
        account: Account,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> AccountSaved {
        let previous = self.account.replace(account.clone());
        self.touched.account = previous.as_ref() != Some(&account);
        let old_market = previous.as_ref().map_or(Market::US, |a| a.market);
        let repricing = (old_market != account.market).then(|| {
            self.cart
                .reprice(catalog, old_market, account.market)
                .message()
        });
        if previous.is_none() {
            self.inbox.deliver(
                Sender::Shop,
                now,
                "Welcome to bnpl-market",
                format!(
                    "Hi {}, your account is ready. Link Klarna in Payment settings to pay over time.",
                    account.name
                ),
                Some("/account".into()),
            );
            self.touched.inbox = true;
        }
        AccountSaved { repricing }
    }

    /// Signs in to Klarna with the account's email and one-time code (the provider checks
    /// both, the code's format too). A known account is linked at once; a new customer is
    /// told to sign up first (`new_customer`), and nothing is linked yet.
    pub async fn sign_in_to_klarna(
        &mut self,
        email: &str,
        one_time_code: &str,
        now: DateTime<Utc>,
    ) -> Result<SignIn, ProviderError> {
        let signed_in = self.provider.sign_in(email, one_time_code).await?;
        if !signed_in.new_customer {
            self.link_klarna(&signed_in.email, now);
        }
        Ok(signed_in)
    }

    /// Links the Klarna account `email` (after its code, or its sign-up) and tells the inbox.
    pub fn link_klarna(&mut self, email: &str, now: DateTime<Utc>) {
        self.klarna_link.email = Some(email.to_string());
        self.klarna_link.linked_at = Some(now);
        self.inbox.deliver(
            Sender::Klarna,
            now,
            "Klarna account linked",
            format!(
                "Your Klarna account {email} is linked. You can now pay with Klarna at checkout."
            ),
            Some("/payment-settings".into()),
        );
        self.touched.klarna_link = true;
        self.touched.inbox = true;
    }

    /// Sets the simulated persona: the linked email's, or the default for every other email.
    /// Saved cards follow the linked persona's card, so collections succeed or fail as set.
    pub fn set_persona(&mut self, linked_email: Option<&str>, settings: PersonaSettings) {
        match linked_email {
            Some(email) => {
                self.simulation.set_persona(email, settings.clone());
                let charge = settings.card_behaviour.into();
                for method in self.payments.methods.values_mut() {
                    if method.kind.is_card() {
                        method.behaviour = charge;
                    }
                }
                self.touched.payments = true;
            }
            None => self.simulation.default_persona = settings,
        }
        self.touched.simulation = true;
    }
}

pub(crate) fn demo_account() -> Account {
    Account {
        name: "Demo Shopper".into(),
        email: "demo.shopper@example.com".into(),
        address: Address {
            line1: "1 Demo Street".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        },
        market: Market::US,
    }
}
