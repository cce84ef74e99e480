//! The gazetteer and title-list parsers on any file: an entry or an error with a
//! place inside the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    if let Err(e) = gazet::Gazetteer::parse("fuzz.tsv", src) {
        let loc = e.location().expect("a data error names its place");
        assert!(loc.line >= 1 && loc.line <= src.lines().count().max(1) + 1, "{e}");
    }
    let _ = gazet::fuzzing::titles(src);
});
