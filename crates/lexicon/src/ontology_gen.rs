//! Generator of the embedded ontology tables (`crates/lexicon/data/*.tsv`).
//!
//! Not part of the library: `examples/gen_ontology.rs` and the test
//! `tests/ontology_data.rs` include this file with `#[path]`, so the crate
//! never reads the shared data at build time. It reads the GDELT CAMEO tables,
//! the ICEWS codebook CSV (for the two codes GDELT lacks) and the PLOVER
//! mapping, and returns the data files' names and contents.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One generated file: name under `data/` and its full text.
pub(crate) type GenFile = (&'static str, String);

fn read(root: &Path, rel: &str) -> Result<String, String> {
    std::fs::read_to_string(root.join(rel))
        .map_err(|e| format!("{}: {e}", root.join(rel).display()))
}

/// Rows of a GDELT two-column TSV with one header row.
fn tsv2(text: &str, file: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let (a, b) = line
            .split_once('\t')
            .ok_or_else(|| format!("{file}:{}: expected CODE<TAB>LABEL", i + 1))?;
        out.push((a.trim().to_string(), b.trim().to_string()));
    }
    Ok(out)
}

/// Minimal RFC-4180 CSV reader (quoted fields may hold commas, quotes and newlines).
fn csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Generates every data file from the shared tables under `root`
/// (the `shared/data` folder).
pub(crate) fn generate(root: &Path) -> Result<Vec<GenFile>, String> {
    let names = tsv2(&read(root, "cameo/gdelt/CAMEO.eventcodes.txt")?, "CAMEO.eventcodes.txt")?;
    let gold: BTreeMap<String, String> =
        tsv2(&read(root, "cameo/gdelt/CAMEO.goldsteinscale.txt")?, "CAMEO.goldsteinscale.txt")?
            .into_iter()
            .collect();
    let mut notes = Vec::new();
    // code -> (name, goldstein, source)
    let mut events: BTreeMap<String, (String, String, &'static str)> = BTreeMap::new();
    for (code, name) in names {
        let g = gold
            .get(&code)
            .ok_or_else(|| format!("CAMEO.goldsteinscale.txt: no value for {code}"))?;
        events.insert(code, (name, g.clone(), "gdelt"));
    }
    // ICEWS codebook: only for codes GDELT lacks; Goldstein disagreements are noted.
    let icews = csv(&read(root, "cameo/icews/cameo-codes.csv")?);
    for row in icews.iter().skip(1) {
        if row.len() < 5 {
            continue;
        }
        let (name, code, g) = (&row[2], &row[3], &row[4]);
        match events.get(code) {
            None => {
                events.insert(code.clone(), (clean(name), g.clone(), "icews"));
                notes.push(format!(
                    "# {code}: not in the GDELT table; name and Goldstein from the ICEWS codebook"
                ));
            }
            Some((_, gg, _)) => {
                let a: f64 = gg.parse().unwrap_or(f64::NAN);
                let b: f64 = g.parse().unwrap_or(f64::NAN);
                if (a - b).abs() > 1e-9 {
                    notes.push(format!(
                        "# {code}: Goldstein GDELT {gg} kept; ICEWS codebook says {g}"
                    ));
                }
            }
        }
    }
    // PLOVER mapping.
    let plover_text = read(root, "cameo/plover/CAMEO2PLOVER-2021.txt")?;
    let mut plover: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for (i, line) in plover_text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let body = line.split('#').next().unwrap_or("");
        let Some((code, rest)) = body.split_once(':') else {
            return Err(format!(
                "CAMEO2PLOVER-2021.txt:{}: expected CODE: EVENT, MODE, CONTEXT",
                i + 1
            ));
        };
        let mut parts = rest.split(',').map(|s| s.trim().to_string());
        let ev = parts.next().unwrap_or_default();
        let mode = parts.next().unwrap_or_default();
        let ctx = parts.next().unwrap_or_default();
        let code = code.trim().to_string();
        if !events.contains_key(&code) {
            notes.push(format!(
                "# PLOVER line {}: {code} is not a CAMEO code in either table; skipped",
                i + 1
            ));
            continue;
        }
        if let Some(prev) = plover.get(&code) {
            notes.push(format!(
                "# PLOVER line {}: second mapping for {code} ({ev}) ignored; first was {}",
                i + 1,
                prev.0
            ));
            continue;
        }
        plover.insert(code, (ev, mode, ctx));
    }
    let mut ev = String::new();
    ev.push_str(
        "# CAMEO event codes: code, name, Goldstein, source table, PLOVER event, mode, context.\n",
    );
    ev.push_str(
        "# Generated by `cargo run -p dyad-lexicon --example gen_ontology`; do not edit.\n",
    );
    ev.push_str("# Names and Goldstein: GDELT CAMEO lookup tables (cite the GDELT Project,\n");
    ev.push_str(
        "# https://www.gdeltproject.org/); codes GDELT lacks: ICEWS CAMEO codebook (MIT).\n",
    );
    ev.push_str(
        "# PLOVER columns: CAMEO2PLOVER-2021 (PLOVER, Open Event Data Alliance, CC BY-SA 4.0).\n",
    );
    for n in &notes {
        ev.push_str(n);
        ev.push('\n');
    }
    for (code, (name, g, src)) in &events {
        let (pe, pm, pc) = plover.get(code).cloned().unwrap_or_default();
        let _ = writeln!(ev, "{code}\t{name}\t{g}\t{src}\t{pe}\t{pm}\t{pc}");
    }

    let simple = |rel: &str, title: &str| -> Result<String, String> {
        let rows = tsv2(&read(root, rel)?, rel)?;
        let mut s = format!(
            "# {title}: code, label. From the GDELT CAMEO lookup tables ({rel}; cite the GDELT Project).\n# Generated; do not edit. Duplicate rows are kept once, in file order.\n"
        );
        let mut seen = std::collections::HashSet::new();
        for (c, l) in rows {
            if seen.insert((c.clone(), l.clone())) {
                let _ = writeln!(s, "{c}\t{l}");
            }
        }
        Ok(s)
    };
    Ok(vec![
        ("cameo_events.tsv", ev),
        (
            "cameo_actor_types.tsv",
            simple("cameo/gdelt/CAMEO.type.txt", "CAMEO actor type and sector codes")?,
        ),
        (
            "cameo_countries.tsv",
            simple("cameo/gdelt/CAMEO.country.txt", "CAMEO country and region codes")?,
        ),
        (
            "cameo_groups.tsv",
            simple("cameo/gdelt/CAMEO.knowngroup.txt", "CAMEO known-group codes")?,
        ),
        ("cameo_religions.tsv", simple("cameo/gdelt/CAMEO.religion.txt", "CAMEO religion codes")?),
        ("cameo_ethnic.tsv", simple("cameo/gdelt/CAMEO.ethnic.txt", "CAMEO ethnic-group codes")?),
    ])
}
