//! Human-readable rendering of coded events: the sentence with the source,
//! verb and target spans underlined, the codes, the pattern with its
//! dictionary `file:line`, and the rules that fired. Used by `dyad explain`
//! and the golden tests.

use std::fmt::Write;

use dyad_types::Span;
use dyad_types::event::Event;

/// Renders one event. `text` is the document text the event's spans point
/// into; `offset` is where the shown sentence starts in it.
pub fn render_event(text: &str, sentence: Span, e: &Event) -> String {
    let mut out = String::new();
    let s = sentence.of(text);
    let _ = writeln!(out, "{}", s.replace('\n', " "));
    // Underline marks: S source, V verb, T target (by characters).
    let mut marks: Vec<char> = vec![' '; s.chars().count()];
    let mut mark = |sp: Option<Span>, c: char| {
        let Some(sp) = sp else { return };
        if sp.start < sentence.start || sp.end > sentence.end || sp.is_empty() {
            return;
        }
        let a = text[sentence.start as usize..sp.start as usize].chars().count();
        let b = a + text[sp.range()].chars().count();
        for m in marks.iter_mut().take(b).skip(a) {
            *m = c;
        }
    };
    mark(e.evidence.source, 'S');
    mark(e.evidence.target, 'T');
    mark(Some(e.evidence.verb), 'V');
    let line: String = marks.iter().collect();
    let _ = writeln!(out, "{}", line.trim_end());
    let name =
        dyad_lexicon::event_info(&e.cameo).map(|i| i.name).unwrap_or("(not in the CAMEO table)");
    let _ = writeln!(out, "event {} {} -> {}: {}", e.cameo, e.source.code, e.target.code, name);
    if !e.source.text.is_empty() || !e.target.text.is_empty() {
        let _ = writeln!(
            out,
            "  source {:?} ({}), target {:?} ({})",
            e.source.text, e.explain.source_rule, e.target.text, e.explain.target_rule
        );
    }
    let _ = writeln!(out, "  verb entry {}", e.explain.verb_entry);
    if !e.explain.verb_pattern.is_empty() {
        let _ = writeln!(out, "  pattern {} {}", e.explain.verb_pattern, e.explain.pattern_text);
    }
    for a in &e.explain.actor_entries {
        let _ = writeln!(out, "  actor {a}");
    }
    for r in &e.explain.rules {
        let _ = writeln!(out, "  rule {r}");
    }
    if e.negated {
        let _ = writeln!(out, "  negated");
    }
    if !e.issues.is_empty() {
        let _ = writeln!(out, "  issues {}", e.issues.join(" "));
    }
    out
}
