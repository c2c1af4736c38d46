//! `dyad export --format parquet`: a Parquet file in a build with the
//! `parquet` feature, a clear error saying how to get one without it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A store with a few coded events; returns its directory and path.
fn store(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("dyad-cli-parquet-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let jsonl = dir.join("a.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id":"p1","date":"2023-03-27","source":"AFP","text":"Azerbaijan accused Iran of sending drones across the frontier."}"#,
            "\n",
            r#"{"id":"p2","date":"2023-04-12","source":"AP","text":"Armenia praised Georgia for the agreement on the border crossing."}"#,
            "\n",
        ),
    )
    .unwrap();
    let db = dir.join("e.sqlite");
    run(dyad().args(["ingest", "--db"]).arg(&db).arg(&jsonl));
    (dir, db)
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_writes_a_parquet_file() {
    let (dir, db) = store("with");
    let out = dir.join("e.parquet");
    let res =
        run(dyad().args(["export", "--format", "parquet", "--db"]).arg(&db).arg("-o").arg(&out));
    let err = String::from_utf8_lossy(&res.stderr);
    let csv = run(dyad().args(["export", "--format", "csv", "--db"]).arg(&db)).stdout;
    let events = String::from_utf8(csv).unwrap().lines().count() - 1;
    assert!(events >= 2, "{events}");
    assert!(err.contains(&format!("{events} events written")), "{err}");
    // A Parquet file starts and ends with the magic "PAR1".
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "{} bytes", bytes.len());
    // Without --output it refuses rather than write binary to the terminal.
    let e = dyad().args(["export", "--format", "parquet", "--db"]).arg(&db).output().unwrap();
    assert_eq!(e.status.code(), Some(2));
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_export_without_the_feature_says_how_to_build_it() {
    let (dir, db) = store("without");
    let out = dir.join("e.parquet");
    let res = dyad()
        .args(["export", "--format", "parquet", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&out)
        .output();
    let res = res.unwrap();
    assert_eq!(res.status.code(), Some(2));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("--features parquet"), "{err}");
    assert!(!out.exists());
}
