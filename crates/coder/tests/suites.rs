//! Accuracy guards on the PETRARCH validation suites, coding from the parses
//! the files give. Thresholds sit a little under the figures measured when
//! they were set (see BENCHMARKS notes in the coder's design note); a drop
//! below them is a regression.

use dyad_coder::validate::{Status, ValidateOptions, validate_file};

fn run(rel: &str, verbs: Option<&str>) -> Option<dyad_coder::validate::Report> {
    let file = dyad_testdata::path(rel)?;
    let mut opts = ValidateOptions { use_given_parse: true, ..ValidateOptions::default() };
    if let Some(v) = verbs {
        opts.verbs = Some(dyad_testdata::path(v)?);
    }
    Some(validate_file(&file, &opts).expect("validation file and dictionaries load"))
}

#[test]
fn universalpetrarch_unit_tests_given_parse() {
    // Measured: 242 passed, 35 failed; P 0.908, R 0.874 (UniversalPetrarch: 205, P 0.869, R 0.710).
    let Some(r) = run(
        "universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        Some("universalpetrarch/dictionaries/PETR.Validate.verbs.2.0.txt"),
    ) else {
        return;
    };
    assert_eq!(r.passed + r.failed + r.expected_errors, 284, "every record is scored or excluded");
    assert_eq!(r.expected_errors, 7);
    assert!(r.passed >= 238, "passed {} < 238", r.passed);
    assert!(r.precision() >= 0.89, "precision {:.3}", r.precision());
    assert!(r.recall() >= 0.84, "recall {:.3}", r.recall());
}

#[test]
fn universalpetrarch_gsr_given_parse() {
    // Measured: 57 passed, 21 failed; P 0.726, R 0.762 (58 before the pattern-slot
    // modifier fallback, which codes 'clash with tunisian rioters' as SYR-TUN where
    // the file expects EGY from 'in the Egyptian square') (UniversalPetrarch: 55, P 0.744, R 0.838).
    let Some(r) = run("universalpetrarch/text/PETR2_GSR_validation.xml", None) else { return };
    assert_eq!(r.passed + r.failed, 78);
    assert!(r.passed >= 56, "passed {} < 56 (UniversalPetrarch passes 55)", r.passed);
    assert!(r.precision() >= 0.72, "precision {:.3}", r.precision());
    assert!(r.recall() >= 0.74, "recall {:.3}", r.recall());
}

#[test]
fn petrarch2_unit_tests_penn_parse() {
    // Measured: 167 passed, 110 failed; P 0.718, R 0.638 (Penn trees through the converter).
    let Some(r) = run("petrarch2/text/PETR.UnitTest.records.xml", None) else { return };
    assert!(r.passed >= 160, "passed {} < 160", r.passed);
    assert!(r.precision() >= 0.68, "precision {:.3}", r.precision());
    assert!(r.recall() >= 0.61, "recall {:.3}", r.recall());
}

#[test]
fn discard_records_are_rejected_as_expected() {
    let Some(r) = run(
        "universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        Some("universalpetrarch/dictionaries/PETR.Validate.verbs.2.0.txt"),
    ) else {
        return;
    };
    // The four discard records (story and sentence discards) are recognised;
    // dateline and bad-parse errors are PETRARCH-1 notions dyad does not emulate.
    let matched: Vec<&str> = r
        .records
        .iter()
        .filter(|x| matches!(&x.status, Status::ExpectedError(w, true) if w.ends_with("discard")))
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(matched.len(), 4, "{matched:?}");
}

fn run_own(rel: &str, verbs: Option<&str>) -> Option<dyad_coder::validate::Report> {
    let file = dyad_testdata::path(rel)?;
    let mut opts = ValidateOptions::default();
    if let Some(v) = verbs {
        opts.verbs = Some(dyad_testdata::path(v)?);
    }
    Some(
        validate_file(&file, &opts).expect("validation file, dictionaries and embedded model load"),
    )
}

#[test]
fn universalpetrarch_unit_tests_own_parse() {
    // dyad's own text -> parse pipeline on <Text>. Measured with the model of
    // 05:10 UTC: 222 passed (92.5% of the given-parse figure); P 0.858, R 0.811.
    // The issue asks for at least 90% of the given-parse figure (240 -> 216).
    let Some(r) = run_own(
        "universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        Some("universalpetrarch/dictionaries/PETR.Validate.verbs.2.0.txt"),
    ) else {
        return;
    };
    assert!(r.passed >= 216, "passed {} < 216", r.passed);
    assert!(r.recall() >= 0.78, "recall {:.3}", r.recall());
}

#[test]
fn universalpetrarch_gsr_own_parse() {
    // Measured: 52 passed (91% of 57); P 0.671, R 0.688.
    let Some(r) = run_own("universalpetrarch/text/PETR2_GSR_validation.xml", None) else { return };
    assert!(r.passed >= 51, "passed {} < 51", r.passed);
}
