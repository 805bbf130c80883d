//! Carriers and their tracking-number formats, each with the carrier's real check digit so
//! a number looks and validates like the real thing (these are simulated parcels: nobody
//! should mistake a made-up number for a typo).

use serde::{Deserialize, Serialize};

use super::seed::Draws;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Carrier {
    /// "1Z" + 6 shipper characters + 2 service digits + 7 package digits + 1 check digit.
    Ups,
    /// 22 digits: an Intelligent Mail package barcode, "9400 1..." with a mod-10 check digit.
    Usps,
    /// UPU S10: 2 letters, 8 digits, 1 check digit, "GB".
    RoyalMail,
}

impl Carrier {
    pub fn name(self) -> &'static str {
        match self {
            Carrier::Ups => "UPS",
            Carrier::Usps => "USPS",
            Carrier::RoyalMail => "Royal Mail",
        }
    }

    /// The shape a shopper can check the number against, for the tracking panel's hint.
    pub fn number_format(self) -> &'static str {
        match self {
            Carrier::Ups => "1Z followed by 16 letters and digits",
            Carrier::Usps => "22 digits",
            Carrier::RoyalMail => "2 letters, 9 digits, GB",
        }
    }

    /// Parcels to the UK go with Royal Mail; US parcels with UPS or USPS (a seeded pick,
    /// as sellers use both); anywhere else with UPS, the one with international reach here.
    pub(crate) fn for_destination(shipping_country: &str, draws: &mut Draws) -> Carrier {
        match shipping_country {
            "GB" => Carrier::RoyalMail,
            "US" if draws.below(2) == 0 => Carrier::Usps,
            _ => Carrier::Ups,
        }
    }

    pub(crate) fn new_tracking_number(self, draws: &mut Draws) -> String {
        match self {
            Carrier::Ups => {
                let mut body: String = (0..6).map(|_| draws.alphanumeric()).collect();
                body.push_str(["01", "02", "03", "12"][draws.below(4) as usize]);
                body.extend((0..7).map(|_| draws.digit()));
                let check = ups_check_digit(&body);
                format!("1Z{body}{check}")
            }
            Carrier::Usps => {
                let mut digits = String::from("94001");
                digits.extend((0..16).map(|_| draws.digit()));
                let check = usps_check_digit(&digits);
                format!("{digits}{check}")
            }
            Carrier::RoyalMail => {
                let prefix: String = (0..2).map(|_| draws.letter()).collect();
                let serial: String = (0..8).map(|_| draws.digit()).collect();
                let check = s10_check_digit(&serial);
                format!("{prefix}{serial}{check}GB")
            }
        }
    }

    /// Format and check digit; used by tests and by anything that accepts a typed number.
    pub fn is_valid_tracking_number(self, number: &str) -> bool {
        match self {
            Carrier::Ups => {
                let Some(body) = number.strip_prefix("1Z") else {
                    return false;
                };
                body.len() == 16
                    && body
                        .chars()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
                    && body[15..].chars().all(|c| c.is_ascii_digit())
                    && ups_check_digit(&body[..15]).to_string() == body[15..]
            }
            Carrier::Usps => {
                number.len() == 22
                    && number.chars().all(|c| c.is_ascii_digit())
                    && usps_check_digit(&number[..21]).to_string() == number[21..]
            }
            Carrier::RoyalMail => {
                number.len() == 13
                    && number.is_ascii()
                    && number[..2].chars().all(|c| c.is_ascii_uppercase())
                    && number[2..11].chars().all(|c| c.is_ascii_digit())
                    && &number[11..] == "GB"
                    && s10_check_digit(&number[2..10]).to_string() == number[10..11]
            }
        }
    }
}

/// UPS: letters count as `(position in alphabet + 2) mod 10`; odd positions are summed,
/// even positions doubled; the check digit brings the total to a multiple of ten.
fn ups_check_digit(body: &str) -> u32 {
    let total: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let value = match c.to_digit(10) {
                Some(d) => d,
                None => (c as u32 - 'A' as u32 + 2) % 10,
            };
            if i % 2 == 1 {
                value * 2
            } else {
                value
            }
        })
        .sum();
    (10 - total % 10) % 10
}

/// USPS mod 10: from the right, digits weigh 3, 1, 3, 1...
fn usps_check_digit(digits: &str) -> u32 {
    let total: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    (10 - total % 10) % 10
}

/// UPU S10 mod 11 over the 8-digit serial with weights 8 6 4 2 3 5 9 7.
fn s10_check_digit(serial: &str) -> u32 {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let total: u32 = serial
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    match 11 - total % 11 {
        10 => 0,
        11 => 5,
        check => check,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_check_digits() {
        // Worked by hand: 4*8 + 7*6 + 3*4 + 1*2 + 2*3 + 4*5 + 8*9 + 2*7 = 200; 200 mod 11 = 2;
        // 11 - 2 = 9.
        assert_eq!(s10_check_digit("47312482"), 9);
        assert!(Carrier::RoyalMail.is_valid_tracking_number("RB473124829GB"));
        assert!(!Carrier::RoyalMail.is_valid_tracking_number("RB473124828GB"));
        // A widely published UPS sample number.
        assert!(Carrier::Ups.is_valid_tracking_number("1Z999AA10123456784"));
        assert!(!Carrier::Ups.is_valid_tracking_number("1Z999AA10123456785"));
    }

    #[test]
    fn rejects_wrong_shapes() {
        assert!(!Carrier::Ups.is_valid_tracking_number("2Z999AA10123456784"));
        assert!(!Carrier::Usps.is_valid_tracking_number("9400"));
        assert!(!Carrier::RoyalMail.is_valid_tracking_number("RB473124829US"));
        assert!(!Carrier::RoyalMail.is_valid_tracking_number("Aé73124829GB"));
    }

    proptest! {
        #[test]
        fn generated_numbers_are_in_the_carrier_format(seed in any::<u64>(), index in 0u64..50) {
            for carrier in [Carrier::Ups, Carrier::Usps, Carrier::RoyalMail] {
                let number = carrier.new_tracking_number(&mut Draws::new(seed, "tracking", index));
                prop_assert!(carrier.is_valid_tracking_number(&number), "{carrier:?} {number}");
                match carrier {
                    Carrier::Ups => {
                        prop_assert!(number.starts_with("1Z"));
                        prop_assert_eq!(number.len(), 18);
                    }
                    Carrier::Usps => prop_assert_eq!(number.len(), 22),
                    Carrier::RoyalMail => {
                        prop_assert!(number.ends_with("GB"));
                        prop_assert_eq!(number.len(), 13);
                    }
                }
            }
        }
    }
}
