//! A session's device label ("Firefox, Windows"), so that a person can tell their
//! sessions apart on the sessions page (issue 12).
//!
//! [`label`] is a pure function of the `User-Agent` header that only looks for a fixed list
//! of browser and system names: the label says no more than which of a dozen names fit,
//! so it cannot single a person out. Only the label is stored, never the header itself,
//! and never the client's address. The names are the same in English and Spanish.

use backcare_storage::DeviceLabel;

/// The browsers we name, in the order they are looked for: many browsers' headers also
/// name the browsers they are built on (Edge says "Chrome" and "Safari"), so the more
/// particular ones come first.
const BROWSERS: &[(&[&str], &str)] = &[
    (&["Edg/", "EdgA/", "EdgiOS/"], "Edge"),
    (&["OPR/", "Opera"], "Opera"),
    (&["SamsungBrowser/"], "Samsung Internet"),
    (&["Firefox/", "FxiOS/"], "Firefox"),
    (&["Chromium/"], "Chromium"),
    (&["Chrome/", "CriOS/"], "Chrome"),
    (&["Safari/"], "Safari"),
];

/// The systems we name, in the same spirit: Android's header also says "Linux", and an
/// iPhone's says "like Mac OS X".
const SYSTEMS: &[(&[&str], &str)] = &[
    (&["Android"], "Android"),
    (&["iPhone", "iPad", "iPod"], "iOS"),
    (&["CrOS"], "ChromeOS"),
    (&["Windows"], "Windows"),
    (&["Macintosh", "Mac OS X"], "macOS"),
    (&["Linux"], "Linux"),
];

/// The first name of `table` whose marks appear in `user_agent`.
fn first_match(table: &[(&[&str], &'static str)], user_agent: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(marks, _)| marks.iter().any(|m| user_agent.contains(m)))
        .map(|&(_, name)| name)
}

/// The label of the browser and system that sent `user_agent`: "Chrome, Android", or just
/// one of the two when only one is known, or `None` when neither is.
pub fn label(user_agent: &str) -> Option<DeviceLabel> {
    let browser = first_match(BROWSERS, user_agent);
    let system = first_match(SYSTEMS, user_agent);
    let text = match (browser, system) {
        (Some(b), Some(s)) => format!("{b}, {s}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => return None,
    };
    // Every name above is short and printable, so this always holds.
    DeviceLabel::new(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(user_agent: &str, want: Option<&str>) {
        assert_eq!(
            label(user_agent).as_ref().map(DeviceLabel::as_str),
            want,
            "{user_agent}"
        );
    }

    #[test]
    fn real_headers_get_short_labels() {
        for (ua, want) in [
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/126.0.0.0 Mobile Safari/537.36",
                "Chrome, Android",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari, iOS",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
                "Firefox, Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
                "Edge, Windows",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                "Safari, macOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like \
                 Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                "Samsung Internet, Android",
            ),
            (
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like \
                 Gecko) Chrome/126.0.0.0 Safari/537.36",
                "Chrome, ChromeOS",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
                "Opera, Linux",
            ),
            (
                "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, \
                 like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15",
                "Firefox, iOS",
            ),
        ] {
            check(ua, Some(want));
        }
    }

    #[test]
    fn unknown_parts_are_left_out_and_nothing_else_is_kept() {
        check("curl/8.5.0", None);
        check("", None);
        check("SomeBot/1.0 (Linux)", Some("Linux"));
        check("Firefox/128.0", Some("Firefox"));
        // A header stuffed with text keeps none of it: only names from the lists.
        let long = format!(
            "Mozilla/5.0 (Windows NT 10.0) Chrome/1 {}",
            "x".repeat(5000)
        );
        check(&long, Some("Chrome, Windows"));
    }
}
