//! gazet
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![deny(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod error;
mod extractor;
pub mod gazetteer;
mod lang;
pub mod time;
mod model;
mod resolve;
pub mod rules;
pub mod tokenize;

pub use error::{Error, ErrorKind, Location};
pub use extractor::{Extractor, ExtractorBuilder};
pub use gazetteer::{Entry, Gazetteer};
pub use model::*;
pub use rules::RuleSet;
