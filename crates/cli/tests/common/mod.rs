//! What several CLI tests share: run `dyad` and read its JSON Lines output.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `dyad` with `args` (and `stdin`, if given), asserts that it
/// succeeded, and returns its JSON Lines records and its standard error.
pub(crate) fn dyad_jsonl<S: AsRef<OsStr>>(
    args: &[S],
    stdin: Option<&str>,
) -> (Vec<serde_json::Value>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(t) = stdin {
        input.write_all(t.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    let records = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (records, err)
}

/// The `kind: event` records of `dyad_jsonl`.
#[allow(dead_code)] // not every test binary uses every helper
pub(crate) fn dyad_events<S: AsRef<OsStr>>(
    args: &[S],
    stdin: Option<&str>,
) -> Vec<serde_json::Value> {
    dyad_jsonl(args, stdin).0.into_iter().filter(|v| v["kind"] == "event").collect()
}
