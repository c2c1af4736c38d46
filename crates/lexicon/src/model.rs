//! The lexicon as read: every entry of every dictionary kind, each with its
//! source file and line. Both readers (PETRARCH and dyad format) produce this
//! model; the dyad writer prints it; [`crate::CompiledLexicon`] is built from it.

use dyad_types::Date;
use serde::{Deserialize, Serialize};

/// Index of a file in [`Lexicon::files`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct FileId(pub u32);

/// Where an entry was read: file and 1-based line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The file (an index into [`Lexicon::files`]).
    pub file: FileId,
    /// 1-based line.
    pub line: u32,
}

/// When an actor code applies.
///
/// PETRARCH's `[CODE <D]` is `Before(D)` (dates strictly before D), `[CODE >D]`
/// is `From(D)` (D and later), `[CODE D1-D2]` is `Between(D1, D2)` (both ends
/// included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateRange {
    /// No restriction.
    Always,
    /// Strictly before the date.
    Before(Date),
    /// On or after the date.
    From(Date),
    /// From the first to the second date, both included.
    Between(Date, Date),
}

impl DateRange {
    /// Whether `date` falls in the range.
    pub fn contains(self, date: Date) -> bool {
        match self {
            DateRange::Always => true,
            DateRange::Before(d) => date < d,
            DateRange::From(d) => date >= d,
            DateRange::Between(a, b) => a <= date && date <= b,
        }
    }
}

/// An actor code with its date restriction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DatedCode {
    /// The code as written (`"AZEGOV"`; `"---"` is PETRARCH's null code: the phrase is an actor but is not coded).
    pub code: String,
    /// When it applies.
    pub range: DateRange,
    /// Where it was read.
    pub source: Source,
}

/// A phrase: words in order, upper-cased as PETRARCH stores them.
pub type Phrase = Vec<String>;

/// An actor: one or more names (the first is the primary) and its codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Names; the first is the primary name.
    pub names: Vec<(Phrase, Source)>,
    /// Codes, dated or not, in file order.
    pub codes: Vec<DatedCode>,
    /// Where the primary name was read.
    pub source: Source,
}

/// Where an agent's code goes relative to the actor's (`[~GOV]` after, `[NGO~]` before).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentPlacement {
    /// `~CODE`: appended to the actor code (`IRN` + `MIL`).
    AfterActor,
    /// `CODE~`: put before the actor code (`NGO` + ...).
    BeforeActor,
}

/// How an agent's plural is formed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentPlural {
    /// Regular English plural of the last word (`-S`, `-IES`, `-ES`), PETRARCH's rule.
    Regular,
    /// `{}`: no plural.
    None,
    /// `{PLURAL}`: the given phrase.
    Given(Phrase),
}

/// An agent (sector) phrase such as `FOREIGN MINISTER [~GOVFRM]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// The phrase; a word may contain a `!MARKER!` substitution.
    pub phrase: Phrase,
    /// Plural rule.
    pub plural: AgentPlural,
    /// The code without `~` (`"GOVFRM"`).
    pub code: String,
    /// Where the code goes.
    pub placement: AgentPlacement,
    /// Where it was read.
    pub source: Source,
}

/// A substitution set of the agents file: `!MINIST! = MINISTER, MINISTRY, ...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substitution {
    /// The marker name without `!` (`"MINIST"`).
    pub name: String,
    /// The replacements, in order.
    pub values: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// A synonym set of the verb dictionary (`&CURRENCY`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synset {
    /// Name without `&` and without the trailing `_` (`"CURRENCY"`).
    pub name: String,
    /// Trailing `_` on the name: no plurals for any member.
    pub no_plural: bool,
    /// Members, each with its own no-plural flag (trailing `_`).
    pub members: Vec<SynsetMember>,
    /// Where the `&NAME` line was read.
    pub source: Source,
}

/// One member of a synset: usually words, but PETRARCH-2 substitutes the
/// member's text into the pattern, so it may hold `(PREP ...)` or `{...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynsetMember {
    /// The elements (words, `&SYNSET`, brackets).
    pub elems: Vec<PatternElem>,
    /// Trailing `_`: no plural for this member.
    pub no_plural: bool,
    /// Where it was read.
    pub source: Source,
}

/// An event code specification as written in `[...]` (`"042"`, `"042:043"`, `":173"`, `"---"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CodeSpec(pub String);

impl CodeSpec {
    /// PETRARCH's null code `---` (the verb or pattern codes nothing).
    pub fn is_null(&self) -> bool {
        self.0 == "---" || self.0.is_empty()
    }

    /// The parts separated by `:` that are codes (not empty, not `---`).
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.0.split(':').filter(|c| !c.is_empty() && *c != "---")
    }

    /// The first part (the event code of the pattern), if it is a code.
    pub fn primary(&self) -> Option<&str> {
        self.0.split(':').next().filter(|c| !c.is_empty() && *c != "---")
    }
}

/// A verb (or multi-word verb) of a verb group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    /// The words (`["CORDON", "OFF"]`).
    pub phrase: Phrase,
    /// Index in `phrase` of the word the parser tags as the verb (PETRARCH's `+` marker; 0 for one word).
    pub head: usize,
    /// Inflected forms given in `{...}` (each a phrase with its head index); `None`: regular forms are generated.
    pub forms: Option<Vec<(Phrase, usize)>>,
    /// The verb's own code, overriding the group's.
    pub code: Option<CodeSpec>,
    /// Where it was read.
    pub source: Source,
}

/// One element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PatternItem {
    /// A literal word (upper case).
    Word(String),
    /// A synset reference (`&CURRENCY`), name without `&`.
    Synset(String),
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (source and target in one phrase).
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `(`: start of a prepositional phrase (the next word is the preposition).
    OpenPrep,
    /// `)`: end of a prepositional phrase.
    ClosePrep,
    /// `{`: start of a noun phrase (its last word is the head).
    OpenNoun,
    /// `}`: end of a noun phrase.
    CloseNoun,
}

/// A pattern element with its connector to the previous element.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PatternElem {
    /// The element.
    pub item: PatternItem,
    /// Joined to the previous element by `_`: the two must be adjacent.
    pub joined: bool,
}

/// A verb pattern of a group: elements before and after the verb, and a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    /// The elements, in order, including exactly one [`PatternItem::Verb`].
    pub elems: Vec<PatternElem>,
    /// The code.
    pub code: CodeSpec,
    /// The comment after `#` (often the verb the pattern was written for).
    pub comment: Option<String>,
    /// Where it was read.
    pub source: Source,
}

/// A verb group (`--- ACCUSE [112] ---`): verbs sharing patterns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbGroup {
    /// The group name (`"ACCUSE"`).
    pub name: String,
    /// The group's code (the code of a verb alone); `---` for none.
    pub code: CodeSpec,
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// The patterns.
    pub patterns: Vec<Pattern>,
    /// Where the header was read.
    pub source: Source,
}

/// A verb transformation (`~ a (a b ATTACK) SAY = a b 015`), kept as its two sides' tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformation {
    /// Tokens left of `=`, parentheses as separate tokens.
    pub lhs: Vec<String>,
    /// Tokens right of `=`.
    pub rhs: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// A discard phrase: a sentence (or, `+`, a whole story) containing it is not coded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discard {
    /// The words.
    pub phrase: Phrase,
    /// `+`: discard the whole story.
    pub story: bool,
    /// Where it was read.
    pub source: Source,
}

/// An issue phrase (`n:atrocity [ID_ATROCITY]`), kept with its `n:`/`v:`/`+` expansion markers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Words as written, with markers (`"N:ATROCITY"`, `"PRE+N:SCHOOL"`).
    pub phrase: Phrase,
    /// The issue code.
    pub code: String,
    /// The `<ISSUE CATEGORY=...>` section, if any.
    pub category: Option<String>,
    /// Where it was read.
    pub source: Source,
}

/// An issue exclusion (`~phrase`: sentence, `~~phrase`: story).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueExclusion {
    /// Words as written, with markers.
    pub phrase: Phrase,
    /// `~~`: the whole story.
    pub story: bool,
    /// The section, if any.
    pub category: Option<String>,
    /// Where it was read.
    pub source: Source,
}

/// A CAMEO to PETRARCH-internal-ontology (PICO) mapping line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PicoEntry {
    /// The CAMEO code.
    pub cameo: String,
    /// Signed hexadecimal terms (`[(false, 0xFFFF), (true, 0x2040)]` for `-0xFFFF+0x2040`); the first is positive unless written with `-`.
    pub terms: Vec<(bool, u32)>,
    /// Where it was read.
    pub source: Source,
}

/// Everything read from one set of dictionaries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Files read, indexed by [`FileId`].
    pub files: Vec<String>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Agent substitution sets.
    pub substitutions: Vec<Substitution>,
    /// Verb synsets.
    pub synsets: Vec<Synset>,
    /// Verb groups.
    pub verb_groups: Vec<VerbGroup>,
    /// Verb transformations.
    pub transformations: Vec<Transformation>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Issues.
    pub issues: Vec<Issue>,
    /// Issue exclusions.
    pub issue_exclusions: Vec<IssueExclusion>,
    /// Prepositions.
    pub prepositions: Vec<(String, Source)>,
    /// PICO ontology lines.
    pub pico: Vec<PicoEntry>,
}

impl Lexicon {
    /// The `file:line` of a source, for explanations and messages.
    pub fn location(&self, s: Source) -> String {
        let f = self.files.get(s.file.0 as usize).map(String::as_str).unwrap_or("?");
        format!("{f}:{}", s.line)
    }

    /// Registers a file name and returns its id.
    pub fn add_file(&mut self, name: impl Into<String>) -> FileId {
        self.files.push(name.into());
        FileId(self.files.len() as u32 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges() {
        let d = |s: &str| Date::parse(s).unwrap();
        let r = DateRange::Between(d("2010-01-01"), d("2010-12-31"));
        assert!(
            r.contains(d("2010-01-01"))
                && r.contains(d("2010-12-31"))
                && !r.contains(d("2011-01-01"))
        );
        assert!(DateRange::Before(d("2010-01-01")).contains(d("2009-12-31")));
        assert!(!DateRange::Before(d("2010-01-01")).contains(d("2010-01-01")));
        assert!(DateRange::From(d("2010-01-01")).contains(d("2010-01-01")));
        assert!(!DateRange::From(d("2010-01-01")).contains(d("2009-12-31")));
    }
}
