//! The demo sellers: most are trusted; Fresh Start Goods is new and Bargain Bazaar Direct is
//! poorly rated, so the trust badge visibly means something.

use rust_decimal::Decimal;

use super::review;
use crate::domain::catalog::{BusinessDayRange, DetailedRatings, Seller, SellerId};

type SellerRow = (
    &'static str,
    &'static str,
    &'static str,
    u16,
    u32,
    [i64; 3],
    u32,
    u32,
    (u32, u32),
    &'static [(&'static str, u8, &'static str)],
);

/// (id, name, location, positive permille, feedback count, detailed ratings in tenths
/// [described, communication, shipping], years open, followers, handling days, reviews)
#[rustfmt::skip]
const SELLERS: &[SellerRow] = &[
    ("brightcircuit", "BrightCircuit Electronics", "Shenzhen, China", 961, 48_213, [47, 46, 44], 8, 152_400, (1, 3), &[
        ("Daniel K.", 5, "Third order from them. Packed well, and they answered a firmware question overnight."),
        ("Sophie L.", 4, "Good prices. The standard shipping really does take a month, so pay for premium if you're in a hurry."),
    ]),
    ("northwind-outfitters", "Northwind Outfitters", "Portland, Oregon, US", 978, 12_904, [48, 49, 47], 6, 38_750, (1, 2), &[
        ("Marcus T.", 5, "Sizing chart is accurate, which is rarer than it should be. Exchange was painless."),
        ("Hannah G.", 5, "Lovely fabrics and they include a handwritten thank-you note."),
    ]),
    ("hearth-and-loom", "Hearth & Loom", "Manchester, UK", 989, 7_415, [49, 49, 48], 11, 21_030, (1, 2), &[
        ("Eleanor P.", 5, "The throw arrived the next day, beautifully wrapped. Colours exactly as pictured."),
        ("James W.", 5, "Asked about washing instructions and got a detailed reply within the hour."),
    ]),
    ("copper-kettle", "Copper Kettle Kitchenware", "Sheffield, UK", 954, 5_620, [47, 45, 46], 5, 9_870, (1, 3), &[
        ("Rita M.", 5, "Proper Sheffield steel. The knives came razor sharp and well boxed."),
        ("Owen D.", 4, "Great pans; one arrived with a dented box but the pan itself was fine."),
    ]),
    ("glow-botanics", "Glow Botanics", "Brooklyn, New York, US", 932, 3_310, [45, 44, 43], 3, 15_600, (2, 4), &[
        ("Aisha N.", 5, "Samples included with every order. The serum is now a staple."),
        ("Claire B.", 4, "Products are lovely; dispatch took four days, a little slow."),
    ]),
    ("stride-lab", "Stride Lab Footwear", "Guangzhou, China", 915, 22_180, [43, 42, 41], 4, 64_200, (2, 5), &[
        ("Kevin O.", 4, "Shoes are comfortable for the price. Runs half a size small."),
        ("Mia F.", 4, "Took three weeks with standard shipping but arrived as described."),
    ]),
    ("playfield-toys", "Playfield Toys", "Bristol, UK", 991, 9_045, [49, 48, 48], 7, 27_330, (1, 2), &[
        ("Laura C.", 5, "Wooden toys with no nasty smell, sturdy, and the box was recyclable."),
        ("Ben A.", 5, "Replaced a missing puzzle piece free of charge, no questions asked."),
    ]),
    ("summit-trail", "Summit Trail Co.", "Denver, Colorado, US", 947, 6_780, [46, 47, 45], 9, 18_940, (1, 3), &[
        ("Jorge R.", 5, "Tent survived a week of Scottish rain. Seller followed up to ask how it went."),
        ("Nina P.", 4, "Solid gear, fair prices, tracking updated every day."),
    ]),
    ("fresh-start-goods", "Fresh Start Goods", "Leicester, UK", 1000, 14, [48, 50, 46], 0, 52, (3, 5), &[
        ("Grace H.", 5, "New shop but the candle was lovely and they messaged to confirm dispatch."),
    ]),
    ("bargain-bazaar-direct", "Bargain Bazaar Direct", "Yiwu, China", 824, 3_905, [34, 31, 29], 3, 4_120, (4, 5), &[
        ("Peter Z.", 2, "Item arrived six weeks later and the colour was not what the photo showed."),
        ("Samira J.", 1, "No reply to three messages. Had to open a dispute to get my money back."),
        ("Liam E.", 3, "Cheap and it works, but expect to wait."),
    ]),
];

pub(super) fn demo_sellers() -> Vec<Seller> {
    SELLERS
        .iter()
        .map(
            |&(
                id,
                name,
                location,
                permille,
                count,
                detailed,
                years,
                followers,
                handling,
                reviews,
            )| {
                Seller {
                    id: SellerId::new(id),
                    name: name.into(),
                    location: location.into(),
                    positive_feedback_permille: permille,
                    feedback_count: count,
                    detailed: DetailedRatings {
                        item_as_described: Decimal::new(detailed[0], 1),
                        communication: Decimal::new(detailed[1], 1),
                        shipping_speed: Decimal::new(detailed[2], 1),
                    },
                    years_open: years,
                    followers,
                    contact_email: format!("support@{id}.example"),
                    handling: BusinessDayRange::new(handling.0, handling.1),
                    reviews: reviews
                        .iter()
                        .enumerate()
                        .map(|(i, (author, stars, text))| review(id, i, author, *stars, text))
                        .collect(),
                }
            },
        )
        .collect()
}
