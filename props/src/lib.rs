//! Property tests of gazet live in `tests/`: this crate has no code of its own.
//!
//! ```text
//! cargo test -p gazet-props            # 256 cases a property; PROPTEST_CASES=N for more
//! ```
