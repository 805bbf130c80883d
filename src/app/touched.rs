//! Which aggregates an action changed: one flag per aggregate of the one list
//! (`crate::for_each_aggregate!`).

macro_rules! define_touched {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Which aggregates an action changed, so that a save writes only those.
        ///
        /// Each flag is raised by the step that makes the change (an order event applied, a
        /// payment event applied, an effect carried out, a message delivered), never found by
        /// comparing copies: copying the orders of a 2,000-order history takes about 100 ms,
        /// and serializing them to compare would cost more than the write it avoids. A flag
        /// may be raised for a change that came to nothing (a refund the plan refused), which
        /// only costs a write; a change without its flag would be lost on reload, which
        /// `tests/app_touched.rs` guards.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct Touched {
            $(pub $name: bool,)*
        }

        impl Touched {
            pub const ALL: Touched = Touched { $($name: true,)* };
            pub const NONE: Touched = Touched { $($name: false,)* };
        }

        impl std::ops::BitOrAssign for Touched {
            fn bitor_assign(&mut self, other: Touched) {
                $(self.$name |= other.$name;)*
            }
        }

    };
}

crate::for_each_aggregate!(define_touched);
