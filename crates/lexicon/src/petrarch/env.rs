//! The `<Environment>` block of PETRARCH validation files: which dictionaries to load.

use std::path::{Path, PathBuf};

use super::DictKind;
use crate::error::LexiconError;

/// A dictionary named by an `<Environment>` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvironmentFile {
    /// Its kind, from the element that names it.
    pub kind: DictKind,
    /// `dir` joined with the name.
    pub path: PathBuf,
}

/// The dictionary files that an `<Environment>` block names, resolved in `dir`.
///
/// `env` holds the block's elements as (name, text) pairs, e.g.
/// `("Verbfile", "CAMEO.2.0.txt")`, `("Actorfile", "A.txt,B.txt")`. Recognised
/// elements: `Verbfile`, `Actorfile` (comma-separated list), `Agentfile`,
/// `Discardfile`, `Issuefile`, `PICOfile`, `Prepositionfile`. Elements that
/// name no dictionary (`Errorfile`, `Include`, `Pause`, `Config`) are ignored.
///
/// # Errors
/// [`LexiconError::Environment`] when a named file does not exist in `dir`,
/// when an element names nothing, or when no verb or actor file is named.
pub fn environment_files<K: AsRef<str>, V: AsRef<str>>(
    env: &[(K, V)],
    dir: &Path,
) -> Result<Vec<EnvironmentFile>, LexiconError> {
    let mut out = Vec::new();
    for (k, v) in env {
        let key = k.as_ref().trim().to_ascii_lowercase();
        let kind = match key.as_str() {
            "verbfile" => DictKind::Verbs,
            "actorfile" => DictKind::Actors,
            "agentfile" => DictKind::Agents,
            "discardfile" => DictKind::Discards,
            "issuefile" => DictKind::Issues,
            "picofile" => DictKind::Pico,
            "prepositionfile" => DictKind::Prepositions,
            _ => continue,
        };
        let names: Vec<&str> =
            v.as_ref().split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        if names.is_empty() {
            return Err(LexiconError::Environment(format!("<{}> names no file", k.as_ref())));
        }
        for n in names {
            let path = dir.join(n);
            if !path.is_file() {
                return Err(LexiconError::Environment(format!(
                    "<{}> names {n}, which is not in {}",
                    k.as_ref(),
                    dir.display()
                )));
            }
            out.push(EnvironmentFile { kind, path });
        }
    }
    if !out.iter().any(|f| matches!(f.kind, DictKind::Verbs | DictKind::Actors)) {
        return Err(LexiconError::Environment("no <Verbfile> or <Actorfile> named".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_and_reports_missing() {
        let dir = std::env::temp_dir().join(format!("dyad-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["V.txt", "A.txt", "B.txt"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let env = [
            ("Verbfile", "V.txt"),
            ("Actorfile", "A.txt, B.txt"),
            ("Errorfile", "x.txt"),
            ("Include", "valid"),
        ];
        let files = environment_files(&env, &dir).unwrap();
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].kind, DictKind::Actors);
        assert!(files[2].path.ends_with("B.txt"));
        let err = environment_files(&[("Agentfile", "missing.txt")], &dir).unwrap_err();
        assert!(err.to_string().contains("missing.txt"));
        assert!(environment_files(&[("Include", "x")], &dir).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
