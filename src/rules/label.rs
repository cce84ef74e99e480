//! Labels: the relation's verb, inflected for modality and tense.
//!
//! ```text
//! meeting, asserted, past       → "met"
//! meeting, possible, future     → "could meet"
//! position "president", former  → "was president of"
//! ```

use crate::model::{Modality, RelationType, Tense};

/// Labels: the relation's verb, inflected for modality and tense.
pub(crate) fn label(
    kind: RelationType,
    modality: Modality,
    tense: Tense,
    title: Option<&str>,
) -> String {
    let (s3, past, bare) = match kind {
        RelationType::Meeting => ("meets", "met", "meet"),
        RelationType::HelpWith => ("helps with", "helped with", "help with"),
        RelationType::Visit => ("visits", "visited", "visit"),
        RelationType::Participation => ("attends", "attended", "attend"),
        RelationType::LocatedIn => ("takes place in", "took place in", "take place in"),
        RelationType::Statement => ("says to", "said to", "say to"),
        RelationType::Conflict => {
            ("is in conflict with", "was in conflict with", "be in conflict with")
        }
        RelationType::TalksAbout => ("discusses", "discussed", "discuss"),
        RelationType::Position => {
            let t = title.unwrap_or("post");
            return match (modality, tense) {
                (Modality::Negated, _) => format!("is not {t} of"),
                (_, Tense::Past) => format!("was {t} of"),
                (_, Tense::Future) => format!("will be {t} of"),
                _ => format!("{t} of"),
            };
        }
    };
    match (modality, tense) {
        (Modality::Possible, Tense::Past) => format!("may have {}", participle(kind, past)),
        (Modality::Possible, _) => format!("could {bare}"),
        (Modality::Planned, _) => format!("will {bare}"),
        (Modality::Negated, Tense::Past) => format!("did not {bare}"),
        (Modality::Negated, Tense::Future) => format!("will not {bare}"),
        (Modality::Negated, Tense::Present) => format!("does not {bare}"),
        (Modality::Reported, Tense::Past) => format!("reportedly {past}"),
        (Modality::Reported, Tense::Future) => format!("reportedly will {bare}"),
        (Modality::Reported, Tense::Present) => format!("reportedly {s3}"),
        (Modality::Asserted, Tense::Past) => past.to_string(),
        (Modality::Asserted, Tense::Future) => format!("will {bare}"),
        (Modality::Asserted, Tense::Present) => s3.to_string(),
    }
}

fn participle(kind: RelationType, past: &str) -> String {
    match kind {
        RelationType::LocatedIn => "taken place in".to_string(),
        RelationType::Conflict => "been in conflict with".to_string(),
        _ => past.to_string(),
    }
}
