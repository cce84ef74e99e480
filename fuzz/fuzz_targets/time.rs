//! The time tagger on any text, with a document date taken from the first bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (date, rest) = match data {
        [y1, y2, m, d, rest @ ..] => {
            let year = 1900 + (u16::from_le_bytes([*y1, *y2]) % 300) as i32;
            let date = format!("{year}-{:02}-{:02}", m % 13, d % 32).parse().ok();
            (date, rest)
        }
        _ => (None, data),
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        gazet::fuzzing::time(text, date);
    }
});
