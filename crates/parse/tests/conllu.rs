//! CoNLL-U reader and writer: round trips on the UD treebanks, and one test
//! per kind of malformed input.

use dyad_parse::{ConlluExtra, ConlluReader, ConlluWriter, Error};
use dyad_types::{Sentence, Upos, Xpos};

/// Reads every sentence of `data`, returning the sentences or the first error.
fn read(data: &str) -> Result<Vec<(Sentence, ConlluExtra)>, Error> {
    let mut r = ConlluReader::new(data.as_bytes(), "bad.conllu");
    let mut out = Vec::new();
    loop {
        let (mut s, mut e) = (Sentence::new(), ConlluExtra::new());
        if !r.read_sentence(&mut s, &mut e)? {
            return Ok(out);
        }
        out.push((s, e));
    }
}

/// Asserts that reading `data` fails at `line` with a message containing `what`.
fn fails(data: &str, line: u64, what: &str) {
    match read(data) {
        Ok(_) => panic!("expected an error containing {what:?}"),
        Err(Error::Input { file, line: l, message }) => {
            assert_eq!(file, "bad.conllu");
            assert_eq!(l, line, "{message}");
            assert!(message.contains(what), "{message:?} does not contain {what:?}");
        }
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn row(id: &str, form: &str, head: &str) -> String {
    format!("{id}\t{form}\t{}\tNOUN\tNN\t_\t{head}\tdep\t_\t_\n", form.to_lowercase())
}

fn write_all(sents: &[(Sentence, ConlluExtra)]) -> String {
    let mut w = ConlluWriter::new(Vec::new());
    for (s, e) in sents {
        w.write_sentence(s, Some(e)).unwrap();
    }
    String::from_utf8(w.into_inner()).unwrap()
}

#[test]
fn round_trip_treebanks_byte_for_byte() {
    for rel in [
        "ud/UD_English-EWT/en_ewt-ud-dev.conllu",
        "ud/UD_English-EWT/en_ewt-ud-test.conllu",
        "ud/UD_English-PUD/en_pud-ud-test.conllu",
        "ud/UD_English-Atis/en_atis-ud-dev.conllu",
    ] {
        let Some(p) = dyad_testdata::path(rel) else { return };
        let original = std::fs::read_to_string(&p).unwrap();
        let sents = read(&original).unwrap_or_else(|e| panic!("{e}"));
        assert!(sents.len() > 500, "{rel}: {} sentences", sents.len());
        let written = write_all(&sents);
        if written != original {
            let (a, b) = (original.lines(), written.lines());
            for (i, (x, y)) in a.zip(b).enumerate() {
                assert_eq!(x, y, "{rel}: line {} differs", i + 1);
            }
            panic!("{rel}: outputs differ in length");
        }
    }
}

#[test]
fn ewt_counts_and_text() {
    let Some(p) = dyad_testdata::path("ud/UD_English-EWT/en_ewt-ud-test.conllu") else { return };
    let mut r = ConlluReader::open(&p).unwrap();
    let (mut s, mut e) = (Sentence::new(), ConlluExtra::new());
    let (mut sents, mut words, mut mismatched_text) = (0, 0, 0);
    while r.read_sentence(&mut s, &mut e).unwrap() {
        sents += 1;
        words += s.len();
        // The text rebuilt from the forms equals `# text` unless a multiword
        // token's surface differs from its words (e.g. "won't" = "wo" "n't").
        let mut rebuilt = String::new();
        for (i, w) in s.words.iter().enumerate() {
            assert_eq!(w.span.start as usize, rebuilt.len());
            rebuilt.push_str(s.form(i));
            if w.space_after && i + 1 < s.len() {
                rebuilt.push(' ');
            }
        }
        if Some(rebuilt.as_str()) != e.text() {
            mismatched_text += 1;
        }
        assert!(e.sent_id().is_some());
    }
    // Figures from ud/README.md: 2,077 sentences, 25,094 words.
    assert_eq!((sents, words), (2077, 25094));
    assert!(
        mismatched_text < 60,
        "{mismatched_text} sentences whose # text differs from the forms"
    );
}

#[test]
fn overwrites_only_predicted_columns() {
    let data = "# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\tMood=Ind\t3\taux\t3:aux\t_\n2\tn't\tnot\tPART\tRB\tPolarity=Neg\t3\tadvmod\t3:advmod\t_\n3\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\t_\n3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\tCopyOf=3\n\n";
    let mut sents = read(data).unwrap();
    assert_eq!(sents[0].0.len(), 3);
    assert!(!sents[0].0.words[0].space_after, "do + n't form one token");
    let (s, _) = &mut sents[0];
    s.words[2].upos = Upos::Noun;
    s.words[2].xpos = Xpos::parse("NN").unwrap();
    s.set_lemma(2, "going");
    s.words[0].head = 0;
    let out = write_all(&sents);
    let expected = data
        .replace("3\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0", "3\tgo\tgoing\tNOUN\tNN\tVerbForm=Inf\t0")
        .replace("1\tdo\tdo\tAUX\tVBP\tMood=Ind\t3", "1\tdo\tdo\tAUX\tVBP\tMood=Ind\t0");
    assert_eq!(out, expected);
}

#[test]
fn writer_without_extra() {
    let mut s = Sentence::new();
    s.push("Hi", dyad_types::Span::new(0, 2), false);
    s.push("!", dyad_types::Span::new(2, 3), false);
    let mut w = ConlluWriter::new(Vec::new());
    w.write_sentence(&s, None).unwrap();
    let out = String::from_utf8(w.into_inner()).unwrap();
    assert_eq!(out, "1\tHi\t_\tX\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t!\t_\tX\t_\t_\t_\t_\t_\t_\n\n");
    // And it reads back.
    let back = read(&out).unwrap();
    assert_eq!(back[0].0.form(1), "!");
    assert_eq!(back[0].0.words[0].head, u32::MAX);
}

#[test]
fn wrong_column_count() {
    let data = format!("{}2\tx\tx\tNOUN\tNN\t_\t1\tdep\t_\n", row("1", "A", "0"));
    fails(&data, 2, "expected 10 tab-separated columns, found 9");
    fails("1 A a NOUN NN _ 0 root _ _\n", 1, "found 1");
    let data = format!("{}2\tx\tx\tNOUN\tNN\t_\t1\tdep\t_\t_\textra\n", row("1", "A", "0"));
    fails(&data, 2, "found 11");
}

#[test]
fn empty_column() {
    fails("1\tA\ta\t\tNN\t_\t0\troot\t_\t_\n", 1, "empty UPOS column");
}

#[test]
fn non_numeric_head() {
    let data = format!("{}{}", row("1", "A", "0"), row("2", "B", "one"));
    fails(&data, 2, "HEAD must be a word ID or _, found \"one\"");
    fails(&row("1", "A", "-1"), 1, "HEAD must be a word ID");
}

#[test]
fn head_out_of_range() {
    let data = format!("{}{}\n", row("1", "A", "0"), row("2", "B", "7"));
    fails(&data, 2, "HEAD 7 out of range");
    // With head checks off the reader accepts it (the tree will be replaced).
    let mut r = ConlluReader::new(data.as_bytes(), "x").check_heads(false);
    let (mut s, mut e) = (Sentence::new(), ConlluExtra::new());
    assert!(r.read_sentence(&mut s, &mut e).unwrap());
}

#[test]
fn cycles() {
    let data = format!("{}{}{}\n", row("1", "A", "0"), row("2", "B", "3"), row("3", "C", "2"));
    fails(&data, 2, "HEAD cycle through words 2 -> 3 -> 2");
    fails(&row("1", "A", "1"), 1, "HEAD cycle through words 1 -> 1");
}

#[test]
fn bad_ids() {
    let data = format!("{}{}", row("1", "A", "0"), row("3", "B", "1"));
    fails(&data, 2, "expected word ID 2, found 3");
    fails(&row("x", "A", "0"), 1, "bad ID \"x\"");
    fails(&row("2", "A", "0"), 1, "expected word ID 1, found 2");
}

#[test]
fn multiword_ranges() {
    // A good range: its words inherit its SpaceAfter.
    let data = format!(
        "1-2\tcannot\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n{}{}{}",
        row("1", "can", "0"),
        row("2", "not", "1"),
        row("3", ".", "1")
    );
    let s = read(&data).unwrap();
    assert_eq!(s[0].0.len(), 3);
    assert!(!s[0].0.words[0].space_after && !s[0].0.words[1].space_after);
    assert_eq!(
        s[0].1.raw_lines().next(),
        Some((0, "1-2\tcannot\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No"))
    );
    // Malformed ranges.
    fails(
        &format!("1-x\tab\t_\t_\t_\t_\t_\t_\t_\t_\n{}", row("1", "a", "0")),
        1,
        "bad multiword-token range",
    );
    fails(&format!("{}3-4\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", row("1", "a", "0")), 2, "next word ID 2");
    fails(
        &format!("1-1\tab\t_\t_\t_\t_\t_\t_\t_\t_\n{}", row("1", "a", "0")),
        1,
        "bad multiword-token range 1-1",
    );
    fails(
        &format!(
            "1-3\tabc\t_\t_\t_\t_\t_\t_\t_\t_\n{}{}\n",
            row("1", "a", "0"),
            row("2", "b", "1")
        ),
        1,
        "ends at word 3",
    );
}

#[test]
fn empty_nodes_kept_but_not_words() {
    let data = format!(
        "{}1.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:conj\t_\n{}",
        row("1", "A", "0"),
        row("2", "B", "1")
    );
    let s = read(&data).unwrap();
    assert_eq!(s[0].0.len(), 2);
    assert_eq!(s[0].1.raw_lines().next().map(|(i, _)| i), Some(1));
    assert_eq!(write_all(&s), data + "\n");
    fails(
        &format!("{}3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:conj\t_\n", row("1", "A", "0")),
        2,
        "empty node 3.1 out of place",
    );
    fails(
        &format!("{}1.x\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:conj\t_\n", row("1", "A", "0")),
        2,
        "bad empty-node ID",
    );
}

#[test]
fn lenient_labels() {
    let data =
        "1\tA\ta\tFOO\tZZZ\t_\t0\tnsubj:weird\t_\t_\n2\tB\tb\tNOUN\tNN\t_\t1\tnonsense\t_\t_\n";
    let s = read(data).unwrap();
    let w = &s[0].0.words;
    assert_eq!((w[0].upos, w[0].xpos), (Upos::X, Xpos::NONE));
    assert_eq!(w[0].deprel.as_str(), "nsubj");
    assert_eq!(w[1].deprel.as_str(), "dep");
}

#[test]
fn long_sentence_and_unknown_characters() {
    let mut data = String::new();
    for i in 1..=5000 {
        data.push_str(&row(&i.to_string(), "w", if i == 1 { "0" } else { "1" }));
    }
    data.push_str("5001\t\u{1F600}\u{0301}\u{FFFD}\t_\tSYM\tNFP\t_\t1\tdep\t_\t_\n\n");
    let s = read(&data).unwrap();
    assert_eq!(s[0].0.len(), 5001);
    assert_eq!(s[0].0.form(5000), "\u{1F600}\u{0301}\u{FFFD}");
    // A long chain (5,000 deep) has no cycle and is checked without recursion.
    let mut chain = row("1", "w", "0");
    for i in 2..=5000 {
        chain.push_str(&row(&i.to_string(), "w", &(i - 1).to_string()));
    }
    assert_eq!(read(&chain).unwrap()[0].0.len(), 5000);
}

#[test]
fn invalid_utf8_and_long_lines() {
    let mut r = ConlluReader::new(&b"1\tA\xff\ta\tNOUN\tNN\t_\t0\troot\t_\t_\n"[..], "bin");
    let (mut s, mut e) = (Sentence::new(), ConlluExtra::new());
    let err = r.read_sentence(&mut s, &mut e).unwrap_err();
    assert!(err.to_string().starts_with("bin:1: invalid UTF-8"), "{err}");

    let long = format!(
        "# {}\n{}\n{}",
        "x".repeat(dyad_parse::MAX_LINE_BYTES + 10),
        row("1", "A", "0"),
        row("1", "B", "0")
    );
    let mut r = ConlluReader::new(long.as_bytes(), "long");
    let err = r.read_sentence(&mut s, &mut e).unwrap_err();
    assert!(err.to_string().contains("line longer than"), "{err}");
}

#[test]
fn recovers_after_a_bad_sentence() {
    let data = format!(
        "{}{}\n{}\n{}",
        row("1", "A", "0"),
        row("2", "B", "x"),
        row("1", "C", "0"),
        row("1", "D", "0")
    );
    let mut r = ConlluReader::new(data.as_bytes(), "r");
    let (mut s, mut e) = (Sentence::new(), ConlluExtra::new());
    assert!(r.read_sentence(&mut s, &mut e).is_err());
    assert!(r.read_sentence(&mut s, &mut e).unwrap());
    assert_eq!(s.form(0), "C");
    assert_eq!(e.first_line(), 4);
    assert!(r.read_sentence(&mut s, &mut e).unwrap(), "last sentence without a final blank line");
    assert_eq!(s.form(0), "D");
    assert!(!r.read_sentence(&mut s, &mut e).unwrap());
}

#[test]
fn comments_without_words() {
    fails("# sent_id = 1\n\n", 1, "no word line");
}

#[test]
fn crlf_line_endings() {
    let s = read("# a\r\n1\tA\ta\tNOUN\tNN\t_\t0\troot\t_\t_\r\n\r\n").unwrap();
    assert_eq!(s[0].0.form(0), "A");
    assert_eq!(s[0].1.misc(0), "_");
}
