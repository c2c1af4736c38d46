//! Coded events, with their evidence and explanation. Owned by `dyad-coder`;
//! the JSONL form is specified in `DESIGN.md` (fields may grow, never
//! silently change meaning).

use crate::Span;

/// An actor as coded: a CAMEO actor code with the text it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    /// The full CAMEO actor code (`"AZEGOV"`).
    pub code: String,
    /// The country or IGO part of the code (`"AZE"`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector codes (`["GOV"]`).
    pub sectors: Vec<String>,
    /// The text the actor was read from.
    pub text: String,
    /// Byte span of that text in the document.
    pub span: Span,
}
