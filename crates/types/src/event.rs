//! Coded events, with their evidence and explanation. Owned by `dyad-coder`;
//! the JSONL form is specified in `DESIGN.md` (fields may grow, never
//! silently change meaning).

use crate::Span;

/// An actor as coded: a CAMEO actor code with the text it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    /// The full CAMEO actor code (`"AZEGOV"`); `"---"` when the side is not
    /// coded (a one-sided event), `"---GOV"` for a sector with no country.
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

impl Actor {
    /// Whether this side carries no code at all (`"---"` or empty).
    pub fn is_null(&self) -> bool {
        self.code.is_empty() || self.code == "---"
    }
}

/// Where in the text an event was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// The sentence text, when the caller provided it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Span of the verb (with its particles) in the document.
    pub verb: Span,
    /// Span of the source phrase, when the source was read from the sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// Span of the target phrase, when the target was read from the sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Span>,
}

/// Why an event was coded: the dictionary entries and the rules used.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Explanation {
    /// The verb entry, as `file:line` of the dictionary.
    pub verb_entry: String,
    /// The verb pattern that set the code, as `file:line`; empty when the
    /// verb's own code was used.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub verb_pattern: String,
    /// The pattern as written (`"- * (TO PEACE) [037]"`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pattern_text: String,
    /// How the source was found (`"nsubj"`, `"obl:agent"`, `"fallback:preceding-noun"`).
    pub source_rule: String,
    /// How the target was found (`"obj"`, `"ccomp-subject"`, `"fallback:oblique"`).
    pub target_rule: String,
    /// Actor and agent entries used, as `CODE file:line`.
    pub actor_entries: Vec<String>,
    /// Other rules fired, in order (`"negation:pico"`, `"combine:said-that"`,
    /// `"pronoun:he->ARNGOV"`).
    pub rules: Vec<String>,
}

/// One coded event.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Index of the sentence in its document (0-based).
    pub sentence: u32,
    /// Event date as `YYYY-MM-DD`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How the date was found: `publication` (the article's date),
    /// `dateline` (the date of its dateline, "BAKU, March 31 -"), or the
    /// expression that gave it (`relative:Friday`, `absolute:March 3`,
    /// `year:2020`, ...), counted from the dateline when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// Who acted.
    pub source: Actor,
    /// Who was acted upon.
    pub target: Actor,
    /// The CAMEO event code as the dictionary gives it (`"112"`, `"0356"`).
    pub cameo: String,
    /// Whether the verb was negated (the code already reflects the
    /// configured negation policy).
    pub negated: bool,
    /// Issue codes found in the sentence.
    pub issues: Vec<String>,
    /// Where it was read.
    pub evidence: Evidence,
    /// Why it was coded.
    pub explain: Explanation,
    /// Where it happened, when a place could be attached. Serialized as
    /// `location`, the key DESIGN.md's event format gives it.
    #[serde(default, rename = "location", skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// A place attached to an event: a gazetteer entry or a country from the
/// lexicon, with the text it was read from and how it was chosen.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// The place's name as the gazetteer gives it (`"Kharkiv"`).
    pub name: String,
    /// The text it was read from, as written in the article.
    pub text: String,
    /// Byte span of that text in the document.
    pub span: Span,
    /// ISO 3166-1 alpha-3 / CAMEO country code of the place, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude in degrees, when the place is in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees, when the place is in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// How the place was chosen: `obl` (a locative dependent of the verb),
    /// `sentence` (elsewhere in the event's sentence) or `dateline`.
    pub rule: String,
}

/// A quotation attributed to a speaker (DESIGN.md's `kind: quote` record).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// Index of the sentence the quotation starts in.
    pub sentence: u32,
    /// The speaker, resolved to an actor where possible (its `text` is the
    /// speaker as written).
    pub speaker: Actor,
    /// The reporting verb (`"said"`).
    pub verb: String,
    /// The quoted text.
    pub quote: String,
    /// Byte span of the quotation in the article text.
    pub span: Span,
}
