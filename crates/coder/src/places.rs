//! Places: attaches to each event the place its sentence gives it (issue 7).
//! Rule order: a locative dependent of the event's verb, then a place
//! elsewhere in the sentence, then the article's dateline.
//!
//! Candidates are proper-noun phrases (runs of PROPN words, or the all-caps
//! words of a dateline) looked up whole in the gazetteer ([`dyad_geo`]).
//! - `obl`: a dependent of the verb labelled obl/nmod/advmod whose case
//!   marker is locative (in, at, near, outside, across, from, on ...); the
//!   first phrase in its subtree that resolves ("near the Ukrainian city of
//!   Kharkiv" -> Kharkiv, "in Iran" -> the country IRN).
//! - `sentence`: else the first phrase of the sentence that resolves to a
//!   city or region and is neither the event's source or target text nor a
//!   core argument (subject/object) of a verb ("Tehran said" is an actor,
//!   not a place); a country counts here only with a locative marker, since
//!   a country named in a sentence is far more often an actor.
//! - `dateline`: else the place of the article's dateline ("BAKU, March 31
//!   (Reuters) -"), read from its first or second sentence.
//!
//! Ambiguous names go to the article's countries (the dateline's, the coded
//! actors', and those named so far) unless a namesake is much larger (see
//! [`dyad_geo::Gazetteer::resolve`]).

use dyad_geo::{Entry, Gazetteer, PlaceKind};
use dyad_types::event::{Event, Place};
use dyad_types::{Sentence, Span, Upos};

use crate::coder::{Coder, Context, DocState};

/// Case markers that make an oblique a location.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "from",
    "on",
    "inside",
    "within",
    "around",
    "throughout",
    "along",
    "into",
    "off",
    "over",
    "beyond",
    "toward",
    "towards",
    "through",
    "between",
    "nearby",
    "close",
    "beside",
    "amid",
];

/// The markers that make a country a location: "in Iran", not "called on
/// Iran", "sanctions on Iran" or "talks between Armenia and Azerbaijan",
/// where a country is an actor.
const COUNTRY_LOCATIVE: &[&str] =
    &["in", "inside", "within", "across", "throughout", "near", "outside"];

/// Capitalised words that are places in GeoNames but almost never in news
/// text (month and day names: "March" is a town in England).
const NOT_PLACES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Per-document memory of places: the dateline and the article's countries.
#[derive(Clone, Debug, Default)]
pub(crate) struct PlaceState {
    /// The dateline's place, once read.
    dateline: Option<Place>,
    /// Whether the dateline was looked for (first two sentences).
    dateline_done: bool,
    /// Countries named in the article so far (actors, places, dateline).
    countries: Vec<String>,
}

impl PlaceState {
    fn add_country(&mut self, c: &str) {
        if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) && !self.has(c) {
            self.countries.push(c.to_string());
        }
    }

    fn has(&self, c: &str) -> bool {
        self.countries.iter().any(|x| x == c)
    }
}

/// Where a coder's gazetteer comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum GeoSource {
    /// [`Gazetteer::global`], built on the first sentence that needs it.
    Global,
    /// A gazetteer the caller built.
    Given(&'static Gazetteer),
}

impl Coder {
    /// Resolves event places in the embedded gazetteer
    /// ([`Gazetteer::global`], built on first use: about 0.15 s and 10 MB).
    /// Without this (or [`Coder::with_gazetteer`]) events carry no place,
    /// as the PETRARCH validation suites expect. `dyad code` and `dyad
    /// ingest` turn it on.
    pub fn with_default_gazetteer(mut self) -> Coder {
        self.geo = Some(GeoSource::Global);
        self
    }

    /// Resolves event places in `g`.
    pub fn with_gazetteer(mut self, g: &'static Gazetteer) -> Coder {
        self.geo = Some(GeoSource::Given(g));
        self
    }

    /// The gazetteer places are resolved in, if any (building the embedded
    /// one on first call). `None` also when the embedded data does not load,
    /// which the dyad-geo tests rule out.
    pub fn gazetteer(&self) -> Option<&'static Gazetteer> {
        match self.geo? {
            GeoSource::Global => Gazetteer::global().ok(),
            GeoSource::Given(g) => Some(g),
        }
    }
}

/// A proper-noun phrase: words `start..end` of the sentence.
#[derive(Clone, Copy, Debug)]
struct Phrase {
    start: usize,
    end: usize,
}

/// Attaches places to the events one sentence produced. Called by
/// [`Coder::code_in`] after dates are resolved.
pub(crate) fn attach(
    coder: &Coder,
    s: &Sentence,
    cx: &Context<'_>,
    st: &mut DocState,
    events: &mut [Event],
) {
    let Some(g) = coder.gazetteer() else { return };
    let ps = &mut st.places;
    if cx.sentence == 0 {
        *ps = PlaceState::default();
    }
    let parsed = s.words.iter().all(|w| w.head != u32::MAX);
    if !ps.dateline_done {
        if let Some(p) = dateline(g, s, cx) {
            if let Some(c) = &p.country {
                ps.add_country(c);
            }
            ps.dateline = Some(p);
        }
        ps.dateline_done = ps.dateline.is_some() || cx.sentence >= 1;
    }
    for e in events.iter() {
        for a in [&e.source, &e.target] {
            if let Some(c) = &a.country {
                ps.add_country(c);
            }
        }
    }
    let mut phrases = if parsed { phrases(s) } else { Vec::new() };
    extend_left(g, s, &mut phrases);
    let marks = Marks::new(s);
    // Countries named in this sentence help resolve its cities ("Kharkiv, Ukraine").
    for p in &phrases {
        if let Some(e) = g.resolve(&phrase_text(s, *p), &[])
            && e.kind() == PlaceKind::Country
        {
            ps.add_country(e.country());
        }
    }
    let prefer: Vec<&str> = ps.countries.iter().map(String::as_str).collect();
    let mut found: Vec<String> = Vec::new();
    for e in events.iter_mut() {
        let verb = s.words.iter().position(|w| w.span.start == e.evidence.verb.start);
        let avoid = [e.source.span, e.target.span];
        let place = verb
            .filter(|_| parsed)
            .and_then(|v| locative(g, s, &marks, v, &phrases, &prefer))
            .map(|(p, x)| place(s, cx, p, x, "obl"))
            .or_else(|| {
                sentence_place(g, s, &marks, verb.filter(|_| parsed), &phrases, &avoid, &prefer)
                    .map(|(p, x)| place(s, cx, p, x, "sentence"))
            })
            .or_else(|| ps.dateline.clone());
        if let Some(c) = place.as_ref().and_then(|p| p.country.clone()) {
            found.push(c);
        }
        e.place = place;
    }
    for c in found {
        ps.add_country(&c);
    }
}

/// The lower-case form of word `i`.
fn lower(s: &Sentence, i: usize) -> String {
    s.form(i).to_lowercase()
}

fn rel(s: &Sentence, i: usize) -> &'static str {
    s.words[i].deprel.canonical().base()
}

fn head(s: &Sentence, i: usize) -> Option<usize> {
    let h = s.words[i].head as usize;
    (h != 0 && h <= s.len() && h != i + 1).then(|| h - 1)
}

fn phrase_text(s: &Sentence, p: Phrase) -> String {
    let mut t = String::new();
    for i in p.start..p.end {
        if i > p.start
            && (s.words[i - 1].space_after || s.words[i - 1].span.end < s.words[i].span.start)
        {
            t.push(' ');
        }
        t.push_str(s.form(i));
    }
    t
}

/// Runs of proper nouns ("New York", "St. Petersburg", "Kharkiv"); a
/// hyphen or period between two proper nouns stays inside the run.
fn phrases(s: &Sentence) -> Vec<Phrase> {
    let propn = |i: usize| s.words[i].upos == Upos::Propn;
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !propn(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len()
            && (propn(i)
                || (matches!(s.form(i), "-" | ".") && i + 1 < s.len() && propn(i + 1) && i > start))
        {
            i += 1;
        }
        out.push(Phrase { start, end: i });
    }
    out
}

/// Takes a capitalised word before a phrase into it when the longer name is
/// a place ("New York", "New Delhi", "North Korea", "Port Sudan": the
/// tagger often reads "New", "North", "Port" as ADJ or NOUN).
fn extend_left(g: &Gazetteer, s: &Sentence, phrases: &mut [Phrase]) {
    for k in 0..phrases.len() {
        let p = phrases[k];
        let prev_end = if k == 0 { 0 } else { phrases[k - 1].end };
        if p.start == 0 || p.start - 1 < prev_end {
            continue;
        }
        let w = p.start - 1;
        let capital = s.form(w).chars().next().is_some_and(char::is_uppercase)
            && s.form(w).chars().all(char::is_alphabetic);
        if capital && g.lookup(&phrase_text(s, Phrase { start: w, end: p.end })).next().is_some() {
            phrases[k].start = w;
        }
    }
}

/// The phrase's head: its word whose head lies outside the phrase.
fn phrase_head(s: &Sentence, p: Phrase) -> usize {
    (p.start..p.end)
        .find(|&i| head(s, i).is_none_or(|x| x < p.start || x >= p.end))
        .unwrap_or(p.start)
}

/// The gazetteer entry of a phrase, when it has one.
fn resolve<'g>(g: &'g Gazetteer, s: &Sentence, p: Phrase, prefer: &[&str]) -> Option<&'g Entry> {
    let text = phrase_text(s, p);
    if p.end - p.start == 1 && NOT_PLACES.contains(&text.to_lowercase().as_str()) {
        return None;
    }
    g.resolve(&text, prefer)
}

/// Per-word facts read once per sentence, so that the rules stay linear in
/// the sentence length: each word's locative case marker (lower-cased) and
/// whether it has the infinitival marker "to".
struct Marks {
    locative: Vec<Option<String>>,
    to: Vec<bool>,
}

impl Marks {
    fn new(s: &Sentence) -> Marks {
        let mut m = Marks { locative: vec![None; s.len()], to: vec![false; s.len()] };
        for c in 0..s.len() {
            let Some(h) = head(s, c) else { continue };
            match rel(s, c) {
                "case" if m.locative[h].is_none() => {
                    let f = lower(s, c);
                    if LOCATIVE.contains(&f.as_str()) {
                        m.locative[h] = Some(f);
                    }
                }
                "mark" if s.form(c).eq_ignore_ascii_case("to") => m.to[h] = true,
                _ => {}
            }
        }
        m
    }

    /// The locative case marker of word `i`, if it has one.
    fn locative(&self, i: usize) -> Option<&str> {
        self.locative.get(i).and_then(|m| m.as_deref())
    }
}

/// Whether an entry is a place with this marker: any locative marker for a
/// city or region, a narrower set for a country.
fn fits(e: &Entry, marker: Option<&str>) -> bool {
    match (e.kind(), marker) {
        (_, None) => false,
        (PlaceKind::Country, Some(m)) => COUNTRY_LOCATIVE.contains(&m),
        (_, Some(_)) => true,
    }
}

/// Whether word `w` may give verb `v` its place: no clause on the way from
/// `w` up to the root leaves `v` out ("said that an attack in Tehran points
/// to ..., and summoned the ambassador": Tehran is not where the summoning
/// happened).
fn same_clause(s: &Sentence, marks: &Marks, w: usize, v: usize) -> bool {
    let mut a = w;
    for _ in 0..s.len() {
        // An xcomp is part of the verb's predicate, a plain acl describes a
        // participant ("the villages located near Kharkiv"), and an
        // infinitival advcl is the verb's purpose ("allowed inspectors to
        // visit the site at Isfahan", which the parser may attach as advcl);
        // other clauses, relative clauses included, are events of their own.
        let relcl = s.words[a].deprel.canonical().as_str() == "acl:relcl";
        let to = marks.to[a];
        let clausal = matches!(rel(s, a), "ccomp" | "parataxis" | "csubj")
            || (rel(s, a) == "advcl" && !to)
            || relcl
            || (rel(s, a) == "conj" && matches!(s.words[a].upos, Upos::Verb | Upos::Aux));
        if clausal && !under(s, v, a) {
            return false;
        }
        match head(s, a) {
            Some(h) => a = h,
            None => return true,
        }
    }
    true
}

/// Whether word `i` lies in the subtree of `root`.
fn under(s: &Sentence, mut i: usize, root: usize) -> bool {
    for _ in 0..s.len() {
        if i == root {
            return true;
        }
        match head(s, i) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

/// Rule (a): the first phrase that resolves inside a locative dependent of
/// the verb (dependents in sentence order).
fn locative<'g>(
    g: &'g Gazetteer,
    s: &Sentence,
    marks: &Marks,
    verb: usize,
    phrases: &[Phrase],
    prefer: &[&str],
) -> Option<(Phrase, &'g Entry)> {
    for k in 0..s.len() {
        if head(s, k) != Some(verb) || !matches!(rel(s, k), "obl" | "nmod" | "advmod") {
            continue;
        }
        if s.words[k].deprel.canonical().as_str().ends_with("tmod") {
            continue;
        }
        let Some(marker) = marks.locative(k) else { continue };
        for p in phrases {
            if (p.start..p.end).any(|w| under(s, w, k))
                && let Some(e) = resolve(g, s, *p, prefer)
            {
                // The phrase's own marker when it has one ("near the city of
                // Kharkiv": "near" on "city"), else the oblique's.
                let own = marks.locative(phrase_head(s, *p));
                if e.kind() != PlaceKind::Country || fits(e, Some(own.unwrap_or(marker))) {
                    return Some((*p, e));
                }
            }
        }
    }
    None
}

/// Rule (b): the first phrase of the sentence that resolves to a city or
/// region (a country only with a locative marker), outside the event's
/// actor spans and not a core argument.
fn sentence_place<'g>(
    g: &'g Gazetteer,
    s: &Sentence,
    marks: &Marks,
    verb: Option<usize>,
    phrases: &[Phrase],
    avoid: &[Span],
    prefer: &[&str],
) -> Option<(Phrase, &'g Entry)> {
    // Phrases inside the verb's own subtree first ("relations between Baku
    // and Tehran have swung since a gunman attacked the embassy in Tehran":
    // the attack's place is Tehran), then the rest of the sentence.
    let inside = |p: &Phrase| verb.is_some_and(|v| under(s, phrase_head(s, *p), v));
    for pass in [true, false] {
        for p in phrases.iter().filter(|p| inside(p) == pass) {
            let span = s.words[p.start].span.cover(s.words[p.end - 1].span);
            let h = phrase_head(s, *p);
            if matches!(rel(s, h), "nsubj" | "obj" | "iobj" | "dobj" | "nsubjpass" | "csubj") {
                continue;
            }
            if verb.is_some_and(|v| !same_clause(s, marks, h, v)) {
                continue;
            }
            let Some(e) = resolve(g, s, *p, prefer) else { continue };
            let marker = marks.locative(h);
            // Inside the event's actor text only with a locative marker ("a
            // spokesman in Tehran said": Tehran gives the actor and the place);
            // likewise a country, and a city named by an alternate name
            // ("the Hamas delegation" is not Hamm, Germany).
            let in_actor =
                avoid.iter().any(|a| a.end > a.start && a.start < span.end && span.start < a.end);
            let weak = in_actor
                || e.kind() == PlaceKind::Country
                || g.is_alternate(&phrase_text(s, *p), e);
            if weak && !fits(e, marker) {
                continue;
            }
            return Some((*p, e));
        }
    }
    None
}

/// How many all-caps words open a dateline sentence ("BAKU", "NEW YORK",
/// "ST. PETERSBURG"): words followed by a comma, a parenthesis or a dash,
/// with a dash or colon within 12 words of them. `None` when the sentence
/// is not a dateline. Places, quotations and event dates all read
/// datelines through this.
pub(crate) fn dateline_end(s: &Sentence) -> Option<usize> {
    let caps = |i: usize| {
        let f = s.form(i);
        f.chars().any(char::is_alphabetic)
            && f.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
    };
    let end = (0..s.len()).find(|&i| !caps(i))?;
    if end == 0 || !matches!(s.form(end), "," | "(" | "-" | "--" | "—" | "–") {
        return None;
    }
    (end..s.len().min(end + 12))
        .any(|i| matches!(s.form(i), "-" | "--" | "—" | "–" | ":"))
        .then_some(end)
}

/// The place of a dateline sentence: its leading all-caps words (see
/// [`dateline_end`]), when they resolve.
fn dateline(g: &Gazetteer, s: &Sentence, cx: &Context<'_>) -> Option<Place> {
    let end = dateline_end(s)?;
    let p = Phrase { start: 0, end };
    let e = g.resolve(&phrase_text(s, p), &[])?;
    Some(place(s, cx, p, e, "dateline"))
}

fn place(s: &Sentence, cx: &Context<'_>, p: Phrase, e: &Entry, rule: &str) -> Place {
    let span = s.words[p.start].span.cover(s.words[p.end - 1].span);
    let text = cx
        .text
        .and_then(|t| t.get(span.range()))
        .map(str::to_string)
        .unwrap_or_else(|| phrase_text(s, p));
    let coords = e.coords();
    Place {
        name: e.name().to_string(),
        text,
        span,
        country: Some(e.country().to_string()),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        rule: rule.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::validate::{Analyzer, OwnParser};
    use crate::{CoderOptions, LexiconSpec, compile_lexicon};

    fn lexicon() -> &'static crate::Compiled {
        static L: OnceLock<crate::Compiled> = OnceLock::new();
        L.get_or_init(|| compile_lexicon(&LexiconSpec::default(), None).expect("default lexicon"))
    }

    /// Codes `text` as one article with the embedded parser and returns each
    /// event's (source, code, target, place name, place country, rule).
    fn places(coder: &Coder, text: &str) -> Vec<(String, String, String, String, String, String)> {
        let mut parser = OwnParser::embedded().expect("embedded model");
        let mut st = DocState::new();
        let mut events = Vec::new();
        let mut k = 0u32;
        parser.analyze(text, &mut |s| {
            let cx = Context { sentence: k, date: None, text: Some(text) };
            coder.code_in(s, cx, &mut st, &mut events);
            k += 1;
        });
        events
            .into_iter()
            .map(|e| {
                let p = e.place.unwrap_or_default();
                (
                    e.source.code,
                    e.cameo,
                    e.target.code,
                    p.name,
                    p.country.unwrap_or_default(),
                    p.rule,
                )
            })
            .collect()
    }

    fn coder() -> Coder {
        Coder::new(lexicon().clone(), CoderOptions::default()).with_default_gazetteer()
    }

    fn rules(v: &[(String, String, String, String, String, String)]) -> Vec<(&str, &str, &str)> {
        v.iter().map(|e| (e.3.as_str(), e.4.as_str(), e.5.as_str())).collect()
    }

    #[test]
    fn the_verbs_locative_oblique() {
        let got =
            places(&coder(), "KYIV - Russian troops attacked Ukrainian positions near Kharkiv.");
        assert_eq!(rules(&got), [("Kharkiv", "UKR", "obl")], "{got:?}");
        // Inside the target's phrase: the sentence rule.
        let got = places(
            &coder(),
            "Russian troops attacked Ukrainian soldiers near the Ukrainian city of Kharkiv.",
        );
        assert_eq!(rules(&got), [("Kharkiv", "UKR", "sentence")], "{got:?}");
        let got = places(&coder(), "In Ukraine, Russian troops attacked Ukrainian positions.");
        assert_eq!(rules(&got), [("Ukraine", "UKR", "obl")], "{got:?}");
    }

    #[test]
    fn the_dateline_when_the_sentence_has_none() {
        let got = places(&coder(), "KYIV - Ukraine accused Russia of shelling civilians.");
        assert_eq!(rules(&got), [("Kyiv", "UKR", "dateline")], "{got:?}");
        let got = places(
            &coder(),
            "ST. PETERSBURG, March 3 (Reuters) - Russia accused Ukraine of shelling civilians.",
        );
        assert_eq!(rules(&got), [("Saint Petersburg", "RUS", "dateline")], "{got:?}");
        // Actors are not places; no dateline: no place.
        let got = places(&coder(), "Ukraine accused Russia of shelling civilians.");
        assert_eq!(rules(&got), [("", "", "")], "{got:?}");
    }

    #[test]
    fn a_place_elsewhere_in_the_sentence() {
        // "in Tehran" belongs to the subject, not the verb; it is in the actor's
        // text but has a locative marker.
        let got =
            places(&coder(), "A spokesman in Tehran said Iran condemned the attack on Azerbaijan.");
        assert!(!got.is_empty(), "{got:?}");
        assert!(rules(&got).iter().all(|r| *r == ("Tehran", "IRN", "sentence")), "{got:?}");
    }

    #[test]
    fn no_gazetteer_no_places() {
        let plain = Coder::new(lexicon().clone(), CoderOptions::default());
        let got =
            places(&plain, "KYIV - Russian troops attacked Ukrainian positions near Kharkiv.");
        assert!(!got.is_empty(), "{got:?}");
        assert!(got.iter().all(|e| e.5.is_empty()), "{got:?}");
    }

    #[test]
    fn the_articles_countries_resolve_a_namesake() {
        // A gazetteer with two Springfields: the larger in the United States.
        let g: &'static Gazetteer = Box::leak(Box::new(
            Gazetteer::from_tables(
                "Springfield\tUSA\t39.8\t-89.6\t114000\t\nSpringfield\tGBR\t51.5\t-0.1\t20000\t\n",
                "USA\tUnited States\tWashington\t38.9\t-77.0\nGBR\tUnited Kingdom\tLondon\t51.5\t-0.1\n",
                "",
            )
            .expect("tables"),
        ));
        let coder = Coder::new(lexicon().clone(), CoderOptions::default()).with_gazetteer(g);
        let text = "British troops clashed with rebels in Springfield.";
        let got = places(&coder, text);
        assert_eq!(rules(&got), [("Springfield", "GBR", "sentence")], "{got:?}");
        let got = places(&coder, "Mexican troops clashed with rebels in Springfield.");
        assert_eq!(rules(&got), [("Springfield", "USA", "sentence")], "{got:?}");
    }
}
