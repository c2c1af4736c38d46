//! The event coder: a parsed sentence and a compiled lexicon in, CAMEO events
//! with their evidence and explanation out.
//!
//! ```no_run
//! use dyad_coder::{Coder, CoderOptions, load_petrarch};
//! let coder = load_petrarch(&["verbs.txt", "actors.txt"], CoderOptions::default()).unwrap();
//! let mut events = Vec::new();
//! let sentence = dyad_types::Sentence::new(); // filled by a parser
//! coder.code(&sentence, None, &mut events);
//! ```

mod coder;
mod compile;
mod dates;
mod error;
mod frames;
mod places;
mod quotes;
mod render;
pub mod validate;

use std::path::Path;

pub use coder::{Coder, CoderOptions, Context, Discarded, DocState, Negation, SentenceOutcome};
pub use compile::Compiled;
pub use dates::{DateResolver, EventDate, FUTURE_SLACK_DAYS, Granularity};
pub use error::{Error, Result};
pub use frames::{Arg, ArgRule, Frame, case_of, conjuncts, frames, phrase};
pub use render::render_event;

/// Rebuilds the text a sentence's word spans point into (forms at their
/// spans, blanks between), for sentences read from CoNLL-U.
pub fn text_from_spans(s: &dyad_types::Sentence) -> String {
    let end = s.words.iter().map(|w| w.span.end as usize).max().unwrap_or(0);
    let mut t = vec![b' '; end];
    for (i, w) in s.words.iter().enumerate() {
        let f = s.form(i).as_bytes();
        let r = w.span.range();
        if r.len() == f.len() {
            t[r].copy_from_slice(f);
        }
    }
    String::from_utf8(t).unwrap_or_default()
}

/// Builds a coder from PETRARCH dictionary files (kinds detected from the
/// names or contents). Warnings are ignored; syntax errors in a file are
/// reported as [`Error::Dictionary`] only when nothing of that file could be
/// read, so that one bad line does not stop a run (PETRARCH's behaviour).
///
/// # Errors
/// I/O errors and files of unknown kind.
pub fn load_petrarch<P: AsRef<Path>>(paths: &[P], opts: CoderOptions) -> Result<Coder> {
    let load = dyad_lexicon::petrarch::read_petrarch(paths)?;
    Ok(Coder::new(Compiled::new(&load.lexicon), opts))
}

/// Where to take dictionaries from, as the `dyad` commands accept them.
#[derive(Clone, Debug, Default)]
pub struct LexiconSpec {
    /// A lexicon directory in dyad's own format (`--lexicon DIR`).
    pub dyad_dir: Option<std::path::PathBuf>,
    /// PETRARCH dictionaries (`--petrarch-lexicon`): one directory, or a
    /// comma-separated list of files.
    pub petrarch: Option<String>,
    /// A verb file that replaces the verb dictionary an environment names.
    pub verbs: Option<std::path::PathBuf>,
}

/// Compiles the lexicon a command asked for. With a PETRARCH directory and
/// an input `<Environment>` (`env`, element name and text pairs), the files
/// the environment names are loaded from the directory; a directory without
/// an environment loads every dictionary file in it. PETRARCH's internal
/// coding ontology (`PETR.Internal.Coding.Ontology.txt`) is added from the
/// directory when present, for negation and clause combination.
///
/// # Errors
/// A file is missing or unreadable, or a dyad-format lexicon has errors.
pub fn compile_lexicon(spec: &LexiconSpec, env: Option<&[(String, String)]>) -> Result<Compiled> {
    use dyad_lexicon::{DictKind, Loaded};
    if let Some(dir) = &spec.dyad_dir {
        let loaded = dyad_lexicon::Lexicon::load_dir(dir)?;
        let lex = loaded.into_result()?;
        return Ok(Compiled::new(&lex));
    }
    let Some(p) = &spec.petrarch else {
        // Neither flag: dyad's own default lexicon, embedded in the binary.
        let lex = dyad_lexicon::Lexicon::load_default().into_result()?;
        return Ok(Compiled::new(&lex));
    };
    let mut load = Loaded::default();
    let dir = Path::new(p);
    let mut has_pico = false;
    let mut pico_dir: Option<std::path::PathBuf> = None;
    if dir.is_dir() {
        pico_dir = Some(dir.to_path_buf());
        match env {
            Some(env) if env.iter().any(|(k, _)| k.eq_ignore_ascii_case("verbfile")) => {
                for f in dyad_lexicon::petrarch::environment_files(env, dir)? {
                    if f.kind == DictKind::Verbs
                        && let Some(v) = &spec.verbs
                    {
                        load.read_file(v, Some(DictKind::Verbs))?;
                        continue;
                    }
                    has_pico |= f.kind == DictKind::Pico;
                    load.read_file(&f.path, Some(f.kind))?;
                }
            }
            _ => {
                let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
                    .map_err(|e| Error::Other(format!("{}: {e}", dir.display())))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect();
                files.sort();
                for f in files {
                    let name =
                        f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    // The PETRARCH-1 pattern file uses another syntax; skip it in a directory load.
                    if name.contains("verbpatterns") {
                        continue;
                    }
                    let kind = DictKind::detect(&name, "");
                    has_pico |= kind == Some(DictKind::Pico);
                    if kind.is_some() {
                        load.read_file(&f, kind)?;
                    }
                }
            }
        }
    } else {
        for f in p.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let path = Path::new(f);
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            has_pico |= DictKind::detect(&name, "") == Some(DictKind::Pico);
            load.read_file(path, None)?;
            if pico_dir.is_none() {
                pico_dir = path.parent().map(Path::to_path_buf);
            }
        }
    }
    if !has_pico && let Some(d) = pico_dir {
        let p = d.join("PETR.Internal.Coding.Ontology.txt");
        if p.is_file() {
            load.read_file(&p, Some(DictKind::Pico))?;
        }
    }
    Ok(Compiled::new(&load.lexicon))
}
