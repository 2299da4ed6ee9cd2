//! Which emergency number to offer first: from the region in `Accept-Language`.
//!
//! The emergency page offers one big tap-to-call button and lists the others below it, so
//! a wrong guess costs one more tap, never a wrong call: a person abroad, or whose browser
//! names no region, still sees every number. Only regions whose number is certain are
//! mapped (the EU and EEA's single number 112, Directive (EU) 2018/1972 art. 109; 911 in
//! the United States and Canada (FCC; CRTC) and Mexico (since 2017); 999 in the United
//! Kingdom (Ofcom), where 112 also works); any other region offers no first number.

/// An emergency telephone number backcare offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// The European Union's single emergency number (also answered in the UK).
    N112,
    /// The United States, Canada and Mexico.
    N911,
    /// The United Kingdom.
    N999,
}

impl Number {
    /// Every number, in the order listed.
    pub const ALL: [Number; 3] = [Number::N112, Number::N911, Number::N999];

    /// The digits to dial.
    pub fn digits(self) -> &'static str {
        match self {
            Number::N112 => "112",
            Number::N911 => "911",
            Number::N999 => "999",
        }
    }

    /// The Fluent key naming where the number is used.
    pub fn where_key(self) -> &'static str {
        match self {
            Number::N112 => "emergency-where-112",
            Number::N911 => "emergency-where-911",
            Number::N999 => "emergency-where-999",
        }
    }

    /// The number of a region (ISO 3166-1 alpha-2, any case), where backcare is sure of it.
    pub fn of_region(region: &str) -> Option<Number> {
        const EU_AND_ICELAND: &[&str] = &[
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
        ];
        let region = region.to_ascii_uppercase();
        match region.as_str() {
            "US" | "CA" | "MX" | "PR" => Some(Number::N911),
            "GB" => Some(Number::N999),
            r if EU_AND_ICELAND.contains(&r) => Some(Number::N112),
            _ => None,
        }
    }

    /// The number of the first language tag in `Accept-Language` (highest weight first)
    /// that names a region backcare knows; `None` when none does.
    pub fn from_accept_language(header: Option<&str>) -> Option<Number> {
        let mut tags: Vec<(f32, &str)> = header
            .unwrap_or("")
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, tag))
            })
            .collect();
        // A stable sort keeps the header's order among equal weights.
        tags.sort_by(|a, b| b.0.total_cmp(&a.0));
        tags.iter().find_map(|(_, tag)| {
            // The region is the first two-letter subtag after the language ("es-419" and
            // script subtags like "zh-Hant" name none).
            tag.split(['-', '_'])
                .skip(1)
                .find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
                .and_then(Number::of_region)
        })
    }
}

/// The numbers shown on the emergency page: the first (if any), then the rest.
#[derive(Debug, Clone)]
pub struct Numbers {
    /// The number of the person's region, shown as the big button.
    pub first: Option<Number>,
    /// Every other number, each as a smaller tap-to-call link.
    pub others: Vec<Number>,
}

impl Numbers {
    /// The numbers for a request with this `Accept-Language`.
    pub fn for_request(accept_language: Option<&str>) -> Numbers {
        let first = Number::from_accept_language(accept_language);
        Numbers {
            first,
            others: Number::ALL
                .into_iter()
                .filter(|n| Some(*n) != first)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_of_the_preferred_language_picks_the_number() {
        let cases: &[(Option<&str>, Option<Number>)] = &[
            (Some("en-GB,en;q=0.9"), Some(Number::N999)),
            (Some("en-US,en;q=0.9"), Some(Number::N911)),
            (Some("es-MX,es;q=0.8"), Some(Number::N911)),
            (Some("es-ES"), Some(Number::N112)),
            (Some("es_es"), Some(Number::N112)),
            (Some("de-DE;q=0.5, en-CA"), Some(Number::N911)),
            // Weights decide, not order.
            (Some("en-US;q=0.4, fr-FR;q=0.9"), Some(Number::N112)),
            // No region, an unknown region, a script, or a refused tag: no guess.
            (Some("en"), None),
            (Some("es-419"), None),
            (Some("es-AR"), None),
            (Some("de-CH"), None),
            (Some("nb-NO"), None),
            (Some("zh-Hant"), None),
            (Some("en-GB;q=0"), None),
            (Some(""), None),
            (None, None),
            (Some("garbage;;;,,"), None),
        ];
        for (header, want) in cases {
            assert_eq!(Number::from_accept_language(*header), *want, "{header:?}");
        }
    }

    #[test]
    fn every_number_is_offered_once() {
        for header in [Some("en-GB"), Some("en-US"), Some("es-ES"), None] {
            let n = Numbers::for_request(header);
            let mut all: Vec<Number> = n.first.into_iter().chain(n.others).collect();
            all.sort_by_key(|n| n.digits());
            assert_eq!(all, Number::ALL.to_vec(), "{header:?}");
        }
    }
}
