//! `dyad lexicon`: import, check, compile and describe dictionaries. Owned by the lexicon work.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use dyad_lexicon::{CompiledLexicon, DiagKind, Lexicon, Loaded, Severity, dyadfmt};

/// Arguments of `dyad lexicon`.
#[derive(Args, Debug)]
pub(crate) struct LexiconArgs {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(Subcommand, Debug)]
enum LexiconCommand {
    /// Convert PETRARCH dictionaries (directories or files) into a dyad-format directory.
    ///
    /// Example: dyad lexicon import-petrarch ../shared/data/petrarch2/dictionaries --out /tmp/lex
    ImportPetrarch(ImportArgs),
    /// Validate a dyad-format directory, or PETRARCH files with --petrarch; print
    /// counts and errors with file:line; exit non-zero on any error.
    ///
    /// Example: dyad lexicon check --petrarch D/CAMEO.2.0.txt,D/Phoenix.agents.txt
    Check(SourceArgs),
    /// Print counts, compile statistics and load/compile times.
    Stats(SourceArgs),
    /// Compile a lexicon and write the binary cache (magic + version header).
    Compile(CompileArgs),
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// PETRARCH dictionary files or directories holding them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output directory (created; files of the same names are overwritten).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct SourceArgs {
    /// A dyad-format lexicon directory.
    dir: Option<PathBuf>,
    /// PETRARCH dictionary files, comma-separated (each file's kind detected from its name or content).
    #[arg(long, value_delimiter = ',')]
    petrarch: Vec<PathBuf>,
    /// A compiled cache file written by `dyad lexicon compile` (stats only).
    #[arg(long)]
    cache: Option<PathBuf>,
    /// Treat event codes outside the CAMEO table as errors (default: counted warnings).
    #[arg(long)]
    strict: bool,
    /// Print every warning, not only their counts.
    #[arg(long)]
    warnings: bool,
}

#[derive(Args, Debug)]
struct CompileArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Cache file to write.
    #[arg(long)]
    out: PathBuf,
    /// Compile even when some lines have errors (those lines are left out, as listed).
    #[arg(long)]
    allow_errors: bool,
}

pub(crate) fn run(args: LexiconArgs) -> anyhow::Result<()> {
    match args.command {
        LexiconCommand::ImportPetrarch(a) => import(a),
        LexiconCommand::Check(a) => check(a),
        LexiconCommand::Stats(a) => stats(a),
        LexiconCommand::Compile(a) => compile(a),
    }
}

fn expand_inputs(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        bail!("no dictionary files found in the inputs");
    }
    Ok(out)
}

fn load(a: &SourceArgs) -> anyhow::Result<Loaded> {
    let mut loaded = match (&a.dir, a.petrarch.is_empty()) {
        (Some(d), true) => Lexicon::load_dir(d)?,
        (None, false) => Lexicon::load_petrarch(&expand_inputs(&a.petrarch)?)?,
        (Some(_), false) => bail!("give either a dyad lexicon DIR or --petrarch FILES, not both"),
        (None, true) => bail!("give a dyad lexicon DIR or --petrarch FILE[,FILE...]"),
    };
    if a.strict {
        loaded.make_strict();
    }
    Ok(loaded)
}

fn report(
    out: &mut impl Write,
    loaded: &Loaded,
    all_warnings: bool,
) -> anyhow::Result<(usize, usize)> {
    for r in &loaded.reports {
        let counts: Vec<String> = r.counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        writeln!(out, "{} [{}] {}", r.file, r.kind.name(), counts.join(" "))?;
    }
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &loaded.reports {
        for (k, v) in &r.counts {
            *totals.entry(k).or_default() += v;
        }
    }
    let t: Vec<String> = totals.iter().map(|(k, v)| format!("{k}={v}")).collect();
    writeln!(out, "total: {} file(s) {}", loaded.reports.len(), t.join(" "))?;
    let mut warn_kinds: BTreeMap<String, usize> = BTreeMap::new();
    let (mut errors, mut warnings) = (0, 0);
    for d in &loaded.diagnostics {
        match d.severity {
            Severity::Error => {
                errors += 1;
                writeln!(out, "{d}")?;
            }
            Severity::Warning => {
                warnings += 1;
                *warn_kinds.entry(format!("{:?}", d.kind)).or_default() += 1;
                if all_warnings {
                    writeln!(out, "{d}")?;
                }
            }
        }
    }
    let wk: Vec<String> = warn_kinds.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let unknown =
        loaded.diagnostics.iter().filter(|d| d.kind == DiagKind::UnknownEventCode).count();
    writeln!(
        out,
        "{errors} error(s), {warnings} warning(s) [{}]; event codes outside CAMEO: {unknown}",
        wk.join(" ")
    )?;
    coverage(out, &loaded.lexicon)?;
    Ok((errors, warnings))
}

/// The kind of entries an actor file holds, from its name (dyad's default
/// lexicon layout) and, in a countries file, from its `# PART N. TITLE`
/// section headers.
fn actor_category(file: &str, line: u32, parts: &BTreeMap<String, Vec<(u32, String)>>) -> String {
    let name = Path::new(file).file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with("people") {
        return "people".into();
    }
    if name.starts_with("groups") {
        return "groups".into();
    }
    if name.starts_with("international") {
        return "IGOs/NGOs".into();
    }
    if let Some(headers) = parts.get(file)
        && let Some((_, title)) = headers.iter().rev().find(|(l, _)| *l <= line)
    {
        return title.clone();
    }
    format!("other actors ({name})")
}

/// `# PART N. TITLE` headers of a file: (line, lower-cased title up to any parenthesis).
fn part_headers(file: &str) -> Vec<(u32, String)> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let Some(rest) = l.strip_prefix("# PART ") else {
            continue;
        };
        let title = rest.split_once(". ").map(|(_, t)| t).unwrap_or(rest);
        let title = title.split('(').next().unwrap_or(title).trim().to_lowercase();
        v.push((u32::try_from(i + 1).unwrap_or(u32::MAX), title));
    }
    v
}

/// Prints what the lexicon covers (issue 6): actors by kind, people with
/// date-restricted codes, agents, verb patterns and CAMEO event codes.
fn coverage(out: &mut impl Write, lex: &Lexicon) -> anyhow::Result<()> {
    if lex.actors.is_empty() && lex.agents.is_empty() && lex.verb_groups.is_empty() {
        return Ok(());
    }
    let mut parts: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
    // Category -> (actors, actors with a dated code, distinct codes).
    let mut cats: BTreeMap<String, (usize, usize, std::collections::BTreeSet<&str>)> =
        BTreeMap::new();
    for a in &lex.actors {
        let file = lex.files.get(a.source.file.0 as usize).map(String::as_str).unwrap_or("?");
        if !parts.contains_key(file) {
            parts.insert(file.to_string(), part_headers(file));
        }
        let c = cats.entry(actor_category(file, a.source.line, &parts)).or_default();
        c.0 += 1;
        if a.codes.iter().any(|d| d.range != dyad_lexicon::DateRange::Always) {
            c.1 += 1;
        }
        for d in &a.codes {
            // Country prefix, or IGO/NGO with the organisation (`IGOUNO`).
            let org = d.code.starts_with("IGO") || d.code.starts_with("NGO");
            let k = d.code.get(..if org { 6 } else { 3 }).unwrap_or(&d.code);
            if k != "---" {
                c.2.insert(k);
            }
        }
    }
    writeln!(out, "coverage:")?;
    for (cat, (n, dated, codes)) in &cats {
        writeln!(
            out,
            "  {cat}: {n} actors, {dated} with date-restricted codes, {} distinct countries/organisations",
            codes.len()
        )?;
    }
    writeln!(out, "  agents: {}", lex.agents.len())?;
    let patterns: usize = lex.verb_groups.iter().map(|g| g.patterns.len()).sum();
    let verbs: usize = lex.verb_groups.iter().map(|g| g.verbs.len()).sum();
    let mut used: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for g in &lex.verb_groups {
        used.extend(g.code.codes());
        for p in &g.patterns {
            used.extend(p.code.codes());
        }
    }
    let table = dyad_lexicon::ontology::event_codes();
    let covered = table.iter().filter(|e| used.contains(e.code)).count();
    let roots_all: std::collections::BTreeSet<&str> = table.iter().map(|e| e.root).collect();
    let roots: std::collections::BTreeSet<&str> =
        table.iter().filter(|e| used.contains(e.code)).map(|e| e.root).collect();
    writeln!(
        out,
        "  verbs: {} groups, {verbs} verbs, {patterns} patterns; CAMEO event codes covered: {covered} of the {} in dyad's table ({} of {} roots)",
        lex.verb_groups.len(),
        table.len(),
        roots.len(),
        roots_all.len()
    )?;
    Ok(())
}

fn check(a: SourceArgs) -> anyhow::Result<()> {
    let loaded = load(&a)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (errors, _) = report(&mut out, &loaded, a.warnings)?;
    out.flush()?;
    if errors > 0 {
        bail!("{errors} error(s) in the lexicon");
    }
    Ok(())
}

fn stats(a: SourceArgs) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let t0 = Instant::now();
    let compiled = if let Some(c) = &a.cache {
        let c = CompiledLexicon::load(c)?;
        writeln!(out, "loaded compiled cache in {:.1} ms", t0.elapsed().as_secs_f64() * 1e3)?;
        c
    } else {
        let loaded = load(&a)?;
        let t_load = t0.elapsed();
        report(&mut out, &loaded, a.warnings)?;
        let t1 = Instant::now();
        let c = loaded.lexicon.compile();
        writeln!(
            out,
            "read in {:.1} ms, compiled in {:.1} ms",
            t_load.as_secs_f64() * 1e3,
            t1.elapsed().as_secs_f64() * 1e3
        )?;
        c
    };
    print_compiled(&mut out, &compiled)?;
    Ok(())
}

fn print_compiled(out: &mut impl Write, c: &CompiledLexicon) -> anyhow::Result<()> {
    let (actors, agents, verbs, patterns, discards, issues) = c.sizes();
    let s = c.stats();
    writeln!(
        out,
        "compiled: actors={actors} actor_phrases={} (shadowed {}) agents={agents} agent_phrases={} (shadowed {}) verbs={verbs} verb_forms={} patterns={patterns} discards={discards} issues+exclusions={issues} vocabulary={} trie_nodes={}",
        s.actor_phrases,
        s.actor_phrases_shadowed,
        s.agent_phrases,
        s.agent_phrases_shadowed,
        s.verb_forms,
        s.vocabulary,
        s.trie_nodes
    )?;
    Ok(())
}

fn compile(a: CompileArgs) -> anyhow::Result<()> {
    let loaded = load(&a.source)?;
    if loaded.error_count() > 0 {
        let stdout = std::io::stdout();
        report(&mut stdout.lock(), &loaded, false)?;
        if !a.allow_errors {
            bail!(
                "the lexicon has errors; fix them or pass --allow-errors to leave those lines out"
            );
        }
    }
    let c = loaded.lexicon.compile();
    c.save(&a.out)?;
    println!("wrote {}", a.out.display());
    Ok(())
}

fn import(a: ImportArgs) -> anyhow::Result<()> {
    let files = expand_inputs(&a.inputs)?;
    let loaded = Lexicon::load_petrarch(&files)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (errors, _) = report(&mut out, &loaded, false)?;
    let written = dyadfmt::write_dir(&loaded.lexicon, &loaded.file_kinds(), &a.out)?;
    for w in &written {
        writeln!(out, "wrote {}", w.display())?;
    }
    if errors > 0 {
        writeln!(
            out,
            "note: {errors} line(s) with errors were not converted (listed above with file:line)"
        )?;
    }
    // Verify the conversion: the written directory compiles to the same lexicon.
    let back = Lexicon::load_dir(Path::new(&a.out))?;
    if let Some(part) = loaded.lexicon.compile().content_difference(&back.lexicon.compile()) {
        bail!("conversion check failed: the re-imported lexicon differs in {part}");
    }
    writeln!(out, "checked: the dyad files compile to the same lexicon")?;
    Ok(())
}
