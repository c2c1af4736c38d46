//! Idempotent ingest: ids and content hashes, batches, skips.

use dyad_store::{Aggregation, SkipReason, Store};

use crate::common::{article, scratch, toy_code};

fn corpus() -> Vec<dyad_ingest::article::Article> {
    (0..40)
        .map(|i| {
            article(
                &format!("a{i}"),
                &format!("2023-03-{:02}", 1 + i % 28),
                ["Wire A", "Paper B", "Site C"][i % 3],
                &format!(
                    "Baku accused Tehran of plot number {i}. Moscow praised Yerevan on day {i}."
                ),
            )
        })
        .collect()
}

#[test]
fn re_ingesting_the_same_articles_adds_nothing() {
    let p = scratch("idem.sqlite");
    let first = {
        let mut s = Store::open(&p, Aggregation::default()).unwrap();
        let mut ing = s.ingest(toy_code, 16, 2).unwrap();
        for a in corpus() {
            ing.push(a).unwrap();
        }
        let sum = ing.finish().unwrap();
        assert_eq!(sum.stored, 40);
        assert_eq!(sum.mentions, 80);
        s.counts().unwrap()
    };
    assert_eq!(first.articles, 40);
    assert_eq!(first.mentions, 80);
    // A second run over the same files, in a new process-like open.
    let mut s = Store::open(&p, Aggregation::default()).unwrap();
    let mut ing = s.ingest(toy_code, 7, 1).unwrap();
    for a in corpus() {
        ing.push(a).unwrap();
    }
    let sum = ing.finish().unwrap();
    assert_eq!((sum.read, sum.stored, sum.duplicate_id, sum.mentions), (40, 0, 40, 0));
    assert_eq!(s.counts().unwrap(), first);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn same_text_under_another_id_and_same_id_with_other_text_are_skipped() {
    let mut s = Store::open_in_memory(Aggregation::default()).unwrap();
    let mut ing = s.ingest(toy_code, 256, 1).unwrap();
    let a = article("x1", "2023-05-01", "Wire A", "Baku accused Tehran.");
    let mut same_text = a.clone();
    same_text.id = "x2".into();
    let mut same_id = a.clone();
    same_id.text = "Tehran accused Baku.".into();
    let mut fails = a.clone();
    fails.id = "x3".into();
    fails.text = "CODER-FAILS here.".into();
    ing.push(a).unwrap();
    ing.push(same_text).unwrap();
    ing.push(same_id).unwrap();
    ing.push(fails).unwrap();
    ing.bad_input();
    ing.flush().unwrap();
    let skips = ing.take_skips();
    let reasons: Vec<SkipReason> = skips.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        [SkipReason::DuplicateContent, SkipReason::DuplicateId, SkipReason::CodingError]
    );
    assert_eq!(skips[0].location, "test.jsonl:1");
    assert!(skips[2].message.contains("toy coder refuses"), "{}", skips[2].message);
    let sum = ing.finish().unwrap();
    assert_eq!(sum.stored, 1);
    assert_eq!(sum.read, 5);
    assert_eq!(sum.skipped(), 4);
    assert_eq!(s.counts().unwrap().articles, 1);
}

#[test]
fn aggregation_settings_are_kept_by_the_database() {
    let p = scratch("settings.sqlite");
    let custom = Aggregation { family_digits: 3, window_days: 2, ..Aggregation::default() };
    drop(Store::open(&p, custom.clone()).unwrap());
    let s = Store::open(&p, Aggregation::default()).unwrap();
    assert_eq!(s.aggregation(), &custom);
    assert_eq!(s.schema_version().unwrap(), dyad_store::SCHEMA_VERSION);
    let bad = Store::open(
        scratch("bad.sqlite"),
        Aggregation { family_digits: 5, ..Aggregation::default() },
    );
    assert!(bad.is_err());
}

#[test]
fn concurrent_opens_of_a_new_database_all_succeed() {
    let p = scratch("race.sqlite");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || Store::open(&p, Aggregation::default()).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let r = Store::open_read_only(&p).unwrap();
    assert_eq!(r.schema_version().unwrap(), dyad_store::SCHEMA_VERSION);
    assert_eq!(r.counts().unwrap().articles, 0);
    assert!(Store::open_read_only(scratch("never-created.sqlite")).is_err());
}
