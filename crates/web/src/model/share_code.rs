//! Share codes as typed and as shown: a clinician makes one, a patient redeems it.

/// Random bytes in a share code: 16 hex characters, 64 bits, shown in groups of 4.
pub const SHARE_CODE_BYTES: usize = 8;

/// A share code as typed by a patient, made canonical: spaces and dashes dropped,
/// lowercase. `None` unless it is then exactly 16 hex characters.
pub fn normalize_share_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == 2 * SHARE_CODE_BYTES && code.chars().all(|c| c.is_ascii_hexdigit()))
        .then_some(code)
}

/// A canonical code as shown: uppercase in groups of 4 (`3F9A-0C12-77DE-B401`), easy to
/// read out and type. Hex has no O, I or L to confuse with 0 and 1.
pub fn display_share_code(code: &str) -> String {
    code.to_ascii_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_codes_are_read_back_however_they_are_typed() {
        let code = "3f9a0c1277deb401";
        assert_eq!(display_share_code(code), "3F9A-0C12-77DE-B401");
        for typed in [
            "3F9A-0C12-77DE-B401",
            " 3f9a 0c12 77de b401 ",
            "3f9a0c1277deb401",
        ] {
            assert_eq!(
                normalize_share_code(typed).as_deref(),
                Some(code),
                "{typed}"
            );
        }
        for bad in [
            "",
            "3F9A-0C12-77DE",
            "3F9A-0C12-77DE-B401-0000",
            "3F9A-0C12-77DE-B40Z",
        ] {
            assert_eq!(normalize_share_code(bad), None, "{bad}");
        }
    }
}
