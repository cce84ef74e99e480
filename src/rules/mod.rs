//! placeholder, replaced below
use crate::error::Error;
use crate::model::{Date, Lang, Relation};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::titles::Titles;
use crate::resolve::Resolved;
use crate::tokenize::{Sentence, Tokens};

/// Rule set.
#[derive(Debug, Default, Clone)]
pub struct RuleSet {}
impl RuleSet {
    /// New.
    pub fn new() -> RuleSet { RuleSet {} }
    /// Add.
    pub fn add_source(&mut self, _n: &str, _s: &str) -> Result<(), Error> { Ok(()) }
    pub(crate) fn compile(self) -> Result<Compiled, Error> { Ok(Compiled {}) }
}
#[derive(Debug)]
pub(crate) struct Compiled {}
pub(crate) struct Input<'a> {
    pub text: &'a str, pub toks: &'a Tokens, pub sents: &'a [Sentence], pub lang: Lang, pub date: Option<Date>,
    pub gazetteer: &'a Gazetteer, pub titles: &'a Titles, pub res: &'a mut Resolved,
}
impl Compiled {
    pub(crate) fn apply(&self, _i: &Input<'_>) -> Vec<Relation> { Vec::new() }
}
