//! The rule-file and name-finder parsers on any file: rules or an error with its place,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let mut rules = gazet::RuleSet::new();
    if let Err(e) = rules.add_source("fuzz.rules", src) {
        assert!(e.location().is_some(), "a rule error names its place: {e}");
    }
    let _ = gazet::fuzzing::names(src);
});
