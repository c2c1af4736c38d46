//! `dyad ingest`, `dyad query` and `dyad export` end to end, through the
//! built binary: crash safety (SIGKILL mid-run), idempotent re-runs, bad
//! input reported with file:line, and query output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dyad_store::{Aggregation, Store};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-cli-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_dir_all(&p);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    p
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr));
    out
}

/// Small articles with a few political sentences each, every text unique.
fn corpus(path: &Path, n: usize) {
    const C: &[&str] =
        &["Azerbaijan", "Iran", "Armenia", "Turkey", "Russia", "Georgia", "France", "China"];
    const V: &[&str] = &[
        "accused",
        "criticized",
        "praised",
        "condemned",
        "threatened",
        "hosted",
        "thanked",
        "warned",
    ];
    const O: &[&str] = &[
        "over the border dispute",
        "during talks in Geneva",
        "after a shooting incident",
        "in a statement",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = |k: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % k as u64) as usize
    };
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..2 {
            let a = rnd(C.len());
            let b = (a + 1 + rnd(C.len() - 1)) % C.len();
            text += &format!("{} {} {} {}. ", C[a], V[rnd(V.len())], C[b], O[rnd(O.len())]);
        }
        text += &format!("The ministry said session {i} of the commission would meet again soon.");
        let outlet = ["AFP", "Reuters", "AP", "TASS"][i % 4];
        let v = serde_json::json!({
            "id": format!("art{i}"),
            "date": format!("2023-{:02}-{:02}", 1 + i % 12, 1 + (i / 12) % 28),
            "source": outlet,
            "text": text,
        });
        writeln!(f, "{v}").unwrap();
    }
}

fn counts(db: &Path) -> dyad_store::Counts {
    Store::open(db, Aggregation::default()).unwrap().counts().unwrap()
}

#[test]
fn killed_ingest_resumes_with_every_article_stored_once() {
    const N: usize = 3000;
    const BATCH: u64 = 32;
    let corpus_path = scratch("crash-corpus.jsonl");
    corpus(&corpus_path, N);
    let db = scratch("crash.sqlite");
    let ingest = |db: &Path| {
        let mut c = dyad();
        c.args(["ingest", "--threads", "2", "--batch", &BATCH.to_string(), "--db"])
            .arg(db)
            .arg(&corpus_path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    };
    let mut child = ingest(&db).stderr(Stdio::null()).spawn().unwrap();
    // Kill it once a few batches are committed, well before the end.
    let t0 = Instant::now();
    let mut seen = 0;
    while t0.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
        if db.exists()
            && let Ok(s) = Store::open_read_only(&db)
            && let Ok(c) = s.counts()
        {
            seen = c.articles;
            if seen >= 4 * BATCH {
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let killed = counts(&db);
    assert!(killed.articles >= 4 * BATCH, "only {seen} articles before the kill");
    assert!(
        killed.articles < N as u64,
        "the run finished before the kill ({} articles)",
        killed.articles
    );
    // Whole batches only: a killed batch leaves nothing behind.
    assert_eq!(killed.articles % BATCH, 0, "{} articles after the kill", killed.articles);
    assert_eq!(Store::open(&db, Aggregation::default()).unwrap().integrity_check().unwrap(), "ok");

    let out = run(&mut ingest(&db));
    let err = String::from_utf8_lossy(&out.stderr);
    let stored_again = N as u64 - killed.articles;
    assert!(err.contains(&format!("{N} articles read, {stored_again} stored")), "{err}");
    let resumed = counts(&db);
    assert_eq!(resumed.articles, N as u64);
    assert_eq!(Store::open(&db, Aggregation::default()).unwrap().integrity_check().unwrap(), "ok");

    // The resumed database holds exactly what an uninterrupted run stores.
    let clean_db = scratch("clean.sqlite");
    run(&mut ingest(&clean_db));
    assert_eq!(counts(&clean_db), resumed);
    let export = |db: &Path| {
        let out = run(dyad().args(["export", "--format", "csv", "--db"]).arg(db));
        out.stdout
    };
    assert!(export(&db) == export(&clean_db), "exports differ");

    // A third run adds nothing.
    let out = run(&mut ingest(&db));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{N} articles read, 0 stored")), "{err}");
    assert!(err.contains(&format!("{N} duplicate id")), "{err}");
    assert_eq!(counts(&db), resumed);
}

#[test]
fn bad_input_is_reported_with_file_and_line_and_the_run_goes_on() {
    let dir = scratch("bad-input");
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    let jsonl = dir.join("articles.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id":"ok1","date":"2023-03-31","source":"AFP","text":"Azerbaijan accused Iran of massing troops on the border."}"#, "\n",
            "{\"id\":\"broken\", \"date\":\n",
            r#"{"id":"nodate","text":"Armenia praised Georgia for the talks."}"#, "\n",
            "\n",
            r#"{"id":"future","date":"2999-01-01","text":"Russia hosted Turkey."}"#, "\n",
            r#"{"id":"ok2","date":"2023-04-01","source":"AP","text":"Iran rejected the accusation and criticized Azerbaijan."}"#, "\n",
            r#"{"id":"bad-date","date":"31/03/2023","text":"France thanked China."}"#, "\n",
        ),
    )
    .unwrap();
    std::fs::write(dir.join("texts").join("a.txt"), "Turkey praised Azerbaijan for the agreement.")
        .unwrap();
    std::fs::write(dir.join("texts").join("b.txt"), b"\0\x01binary").unwrap();
    std::fs::write(dir.join("texts").join("c.txt"), "  \n").unwrap();
    let db = dir.join("bad.sqlite");
    let out = run(dyad()
        .args(["ingest", "--threads", "1", "--db"])
        .arg(&db)
        .arg(&jsonl)
        .arg(dir.join("texts")));
    let err = String::from_utf8_lossy(&out.stderr);
    let j = jsonl.display().to_string();
    for (line, what) in
        [(2, "invalid JSON"), (3, "no date"), (5, "in the future"), (7, "not YYYY-MM-DD")]
    {
        assert!(
            err.contains(&format!("{j}:{line}: ")) && err.contains(what),
            "line {line} ({what}):\n{err}"
        );
    }
    assert!(err.contains("b.txt:1: binary file"), "{err}");
    assert!(err.contains("c.txt:1: empty article"), "{err}");
    // The undated (line 3) and future-dated (line 5) articles are kept with
    // a note (issue 7: bad input is reported, only unusable input is skipped).
    assert!(err.contains("9 articles read, 5 stored"), "{err}");
    assert!(
        err.contains("4 skipped (0 duplicate id, 0 duplicate text, 4 bad input, 0 coding errors)"),
        "{err}"
    );
    // Progress lines are for terminals only.
    assert!(!err.contains('\r'), "{err}");
    assert_eq!(counts(&db).articles, 5);
}

#[test]
fn query_and_export_output() {
    let dir = scratch("query");
    std::fs::create_dir_all(&dir).unwrap();
    let jsonl = dir.join("q.jsonl");
    // q1 and q2 are worded independently: two one-sentence reports that
    // share most of their words are wire copies at the default threshold.
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id":"q1","date":"2023-03-27","source":"AFP","text":"Azerbaijan accused Iran of sending drones across the frontier."}"#, "\n",
            r#"{"id":"q2","date":"2023-03-28","source":"AP","text":"Officials in Baku said on Tuesday that Azerbaijan accused Iran of flying military drones over its territory."}"#, "\n",
            r#"{"id":"q3","date":"2023-04-12","source":"AP","text":"Azerbaijan praised Iran for the agreement."}"#, "\n",
        ),
    )
    .unwrap();
    let db = dir.join("q.sqlite");
    run(dyad().args(["ingest", "--db"]).arg(&db).arg(&jsonl));
    let csv = run(dyad()
        .args(["query", "--by", "week", "--format", "csv", "--dyad", "AZE:IRN", "--db"])
        .arg(&db))
    .stdout;
    let csv = String::from_utf8(csv).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][..3], ["period", "events", "verbal_coop"]);
    assert_eq!(rows.len(), 3, "{csv}");
    // Week of Monday 2023-03-27: the two accusations are one event (one day apart),
    // verbal conflict, two mentions.
    assert_eq!(rows[1][..7], ["2023-03-27", "1", "0", "0", "1", "0", "2"], "{csv}");
    assert_eq!(rows[2][..7], ["2023-04-10", "1", "1", "0", "0", "0", "1"], "{csv}");
    let json = run(dyad()
        .args(["query", "--by", "month", "--format", "json", "--dyad", "aze:irn", "--db"])
        .arg(&db))
    .stdout;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["period"], "2023-03");
    let table = run(dyad().args(["query", "--dyad", "AZE:IRN", "--db"]).arg(&db)).stdout;
    let table = String::from_utf8(table).unwrap();
    assert!(table.lines().nth(1).unwrap().starts_with("period"), "{table}");
    let gdelt = run(dyad().args(["export", "--format", "gdelt", "--db"]).arg(&db)).stdout;
    assert_eq!(String::from_utf8(gdelt).unwrap().lines().count(), 3);
    // A missing database is an error (exit code 2), not a new empty file.
    let out = dyad()
        .args(["query", "--dyad", "AZE:IRN", "--db"])
        .arg(dir.join("missing.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("missing.sqlite").exists());
}
