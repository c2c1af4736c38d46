//! Penn-tree reader and constituency-to-dependency converter: one table of
//! small trees with their full expected analyses, error cases, and the
//! PETRARCH unit-test parses.

use dyad_parse::{PennTree, penn_to_sentence};
use dyad_types::Sentence;

/// `form/head-form/deprel` for each word (`ROOT` for the root).
fn render(s: &Sentence) -> String {
    (0..s.len())
        .map(|i| {
            let w = s.words[i];
            let h = if w.head == 0 {
                "ROOT".to_string()
            } else {
                s.form(w.head as usize - 1).to_string()
            };
            format!("{}/{}/{}", s.form(i), h, w.deprel)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn convert(tree: &str) -> Sentence {
    let mut s = Sentence::new();
    penn_to_sentence(tree, &mut s).unwrap_or_else(|e| panic!("{tree}: {e}"));
    s
}

/// (name, tree, expected analysis).
const CASES: &[(&str, &str, &str)] = &[
    (
        "active",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBD attacked) (NP (NNP Mordor))) (. .)))",
        "Gondor/attacked/nsubj attacked/ROOT/root Mordor/attacked/obj ./attacked/punct",
    ),
    (
        "passive with by",
        "(ROOT (S (NP (NNP Mordor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Gondor))))) (. .)))",
        "Mordor/attacked/nsubj:pass was/attacked/aux:pass attacked/ROOT/root by/Gondor/case Gondor/attacked/obl:agent ./attacked/punct",
    ),
    (
        "perfect passive",
        "(ROOT (S (NP (NNP Mordor)) (VP (VBZ has) (VP (VBN been) (VP (VBN attacked) (PP (IN by) (NP (NNP Gondor)))))) (. .)))",
        "Mordor/attacked/nsubj:pass has/attacked/aux been/attacked/aux:pass attacked/ROOT/root by/Gondor/case Gondor/attacked/obl:agent ./attacked/punct",
    ),
    (
        "perfect active: by is not an agent",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBZ has) (VP (VBN attacked) (NP (NNP Mordor)) (PP (IN by) (NP (NN night))))) (. .)))",
        "Gondor/attacked/nsubj has/attacked/aux attacked/ROOT/root Mordor/attacked/obj by/night/case night/attacked/obl ./attacked/punct",
    ),
    (
        "ditransitive",
        "(ROOT (S (NP (NNP Arnor)) (VP (VBD gave) (NP (NNP Gondor)) (NP (DT a) (NN warning))) (. .)))",
        "Arnor/gave/nsubj gave/ROOT/root Gondor/gave/iobj a/warning/det warning/gave/obj ./gave/punct",
    ),
    (
        "PP attachment: noun and verb",
        "(ROOT (S (NP (NNS Troops)) (VP (VBD entered) (NP (NP (DT the) (NN capital)) (PP (IN of) (NP (NNP Rohan)))) (PP (IN on) (NP (NNP Monday)))) (. .)))",
        "Troops/entered/nsubj entered/ROOT/root the/capital/det capital/entered/obj of/Rohan/case Rohan/capital/nmod on/Monday/case Monday/entered/obl ./entered/punct",
    ),
    (
        "subject relative clause",
        "(ROOT (S (NP (NP (DT The) (NNS rebels)) (SBAR (WHNP (WDT who)) (S (VP (VBD attacked) (NP (DT the) (NN town)))))) (VP (VBD fled)) (. .)))",
        "The/rebels/det rebels/fled/nsubj who/attacked/nsubj attacked/rebels/acl:relcl the/town/det town/attacked/obj fled/ROOT/root ./fled/punct",
    ),
    (
        "object relative clause",
        "(ROOT (S (NP (NP (DT The) (NN town)) (SBAR (WHNP (WDT that)) (S (NP (NNS rebels)) (VP (VBD attacked))))) (VP (VBD burned)) (. .)))",
        "The/town/det town/burned/nsubj that/attacked/obj rebels/attacked/nsubj attacked/town/acl:relcl burned/ROOT/root ./burned/punct",
    ),
    (
        "coordinated NPs",
        "(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD signed) (NP (DT a) (NN treaty))) (. .)))",
        "Arnor/signed/nsubj and/Gondor/cc Gondor/Arnor/conj signed/ROOT/root a/treaty/det treaty/signed/obj ./signed/punct",
    ),
    (
        "coordinated NP list",
        "(ROOT (S (NP (NNP Arnor) (, ,) (NNP Rohan) (CC and) (NNP Gondor)) (VP (VBD met)) (. .)))",
        "Arnor/met/nsubj ,/Rohan/punct Rohan/Arnor/conj and/Gondor/cc Gondor/Arnor/conj met/ROOT/root ./met/punct",
    ),
    (
        "coordinated VPs",
        "(ROOT (S (NP (NNS Rebels)) (VP (VP (VBD attacked) (NP (DT the) (NN town))) (CC and) (VP (VBD killed) (NP (CD two) (NNS soldiers)))) (. .)))",
        "Rebels/attacked/nsubj attacked/ROOT/root the/town/det town/attacked/obj and/killed/cc killed/attacked/conj two/soldiers/nummod soldiers/killed/obj ./attacked/punct",
    ),
    (
        "coordinated clauses",
        "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD protested))) (, ,) (CC but) (S (NP (NNP Gondor)) (VP (VBD refused))) (. .)))",
        "Arnor/protested/nsubj protested/ROOT/root ,/refused/punct but/refused/cc Gondor/refused/nsubj refused/protested/conj ./protested/punct",
    ),
    (
        "said that",
        "(ROOT (S (NP (NNS Officials)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (MD would) (VP (VB attack) (NP (NNP Mordor))))))) (. .)))",
        "Officials/said/nsubj said/ROOT/root that/attack/mark Gondor/attack/nsubj would/attack/aux attack/said/ccomp Mordor/attack/obj ./said/punct",
    ),
    (
        "reported speech before its attribution: speech heads, attribution is parataxis",
        "(ROOT (S (S (NP (NNP Gondor)) (VP (MD will) (VP (VB attack)))) (, ,) (NP (DT the) (NN minister)) (VP (VBD said)) (. .)))",
        "Gondor/attack/nsubj will/attack/aux attack/ROOT/root ,/said/punct the/minister/det minister/said/nsubj said/attack/parataxis ./attack/punct",
    ),
    (
        "inverted attribution (SINV)",
        "(ROOT (SINV (S (NP (NNP Gondor)) (VP (MD will) (VP (VB attack)))) (, ,) (VP (VBD said)) (NP (DT the) (NN minister)) (. .)))",
        "Gondor/attack/nsubj will/attack/aux attack/ROOT/root ,/said/punct said/attack/parataxis the/minister/det minister/said/nsubj ./attack/punct",
    ),
    (
        "agreed to",
        "(ROOT (S (NP (NNP Arnor)) (VP (VBD agreed) (S (VP (TO to) (VP (VB cooperate) (PP (IN with) (NP (NNP Gondor))))))) (. .)))",
        "Arnor/agreed/nsubj agreed/ROOT/root to/cooperate/mark cooperate/agreed/xcomp with/Gondor/case Gondor/cooperate/obl ./agreed/punct",
    ),
    (
        "urged to help win: help is not an auxiliary",
        "(ROOT (S (NP (NNP Calenardhon)) (VP (VBD urged) (NP (NNP Bree)) (S (VP (TO to) (VP (VB help) (VP (VB win) (NP (DT a) (NN role))))))) (. .)))",
        "Calenardhon/urged/nsubj urged/ROOT/root Bree/urged/obj to/help/mark help/urged/xcomp win/help/xcomp a/role/det role/win/obj ./urged/punct",
    ),
    (
        "accused of",
        "(ROOT (S (NP (NNP Arnor)) (VP (VBD accused) (NP (NNP Gondor)) (PP (IN of) (S (VP (VBG sheltering) (NP (NNS rebels)))))) (. .)))",
        "Arnor/accused/nsubj accused/ROOT/root Gondor/accused/obj of/sheltering/mark sheltering/accused/advcl rebels/sheltering/obj ./accused/punct",
    ),
    (
        "negation: not",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBD did) (RB not) (VP (VB attack) (NP (NNP Mordor)))) (. .)))",
        "Gondor/attack/nsubj did/attack/aux not/attack/advmod attack/ROOT/root Mordor/attack/obj ./attack/punct",
    ),
    (
        "negation: n't",
        "(ROOT (S (NP (NNP Gondor)) (VP (MD wo) (RB n't) (VP (VB attack) (NP (NNP Mordor)))) (. .)))",
        "Gondor/attack/nsubj wo/attack/aux n't/attack/advmod attack/ROOT/root Mordor/attack/obj ./attack/punct",
    ),
    (
        "possessive NP",
        "(ROOT (S (NP (NP (NNP Iran) (POS 's)) (NN army)) (VP (VBD crossed) (NP (DT the) (NN border))) (. .)))",
        "Iran/army/nmod:poss 's/Iran/case army/crossed/nsubj crossed/ROOT/root the/border/det border/crossed/obj ./crossed/punct",
    ),
    (
        "possessive in a flat NP",
        "(ROOT (S (NP (NNP Iran) (POS 's) (NN army)) (VP (VBD crossed) (NP (DT the) (NN border))) (. .)))",
        "Iran/army/nmod:poss 's/Iran/case army/crossed/nsubj crossed/ROOT/root the/border/det border/crossed/obj ./crossed/punct",
    ),
    (
        "apposition",
        "(ROOT (S (NP (NP (NNP Aykhan) (NNP Hajizade)) (, ,) (NP (NP (DT a) (NN spokesman)) (PP (IN for) (NP (DT the) (NN ministry)))) (, ,)) (VP (VBD said) (NP (NN nothing))) (. .)))",
        "Aykhan/Hajizade/compound Hajizade/said/nsubj ,/Hajizade/punct a/spokesman/det spokesman/Hajizade/appos for/ministry/case the/ministry/det ministry/spokesman/nmod ,/Hajizade/punct said/ROOT/root nothing/said/obj ./said/punct",
    ),
    (
        "copula with adjective",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBZ is) (ADJP (JJ angry))) (. .)))",
        "Gondor/angry/nsubj is/angry/cop angry/ROOT/root ./angry/punct",
    ),
    (
        "copula with noun and PP",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBZ is) (NP (DT an) (NN ally)) (PP (IN of) (NP (NNP Arnor)))) (. .)))",
        "Gondor/ally/nsubj is/ally/cop an/ally/det ally/ROOT/root of/Arnor/case Arnor/ally/nmod ./ally/punct",
    ),
    (
        "existential there",
        "(ROOT (S (NP (EX There)) (VP (VBD was) (NP (NP (DT an) (NN attack)) (PP (IN on) (NP (NNP Osgiliath))))) (. .)))",
        "There/was/expl was/ROOT/root an/attack/det attack/was/nsubj on/Osgiliath/case Osgiliath/attack/nmod ./was/punct",
    ),
    (
        "phrasal verb",
        "(ROOT (S (NP (NNS Rebels)) (VP (VBD blew) (PRT (RP up)) (NP (DT the) (NN bridge))) (. .)))",
        "Rebels/blew/nsubj blew/ROOT/root up/blew/compound:prt the/bridge/det bridge/blew/obj ./blew/punct",
    ),
    (
        "adverbial clause with a measure phrase",
        "(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (SBAR (NP (RB almost) (CD five) (NNS years)) (IN after) (S (NP (NNS crowds)) (VP (VBD trashed) (NP (PRP$ its) (NN embassy)))))) (. .)))",
        "Arnor/left/nsubj left/ROOT/root almost/years/advmod five/years/nummod years/trashed/obl:unmarked after/trashed/mark crowds/trashed/nsubj trashed/left/advcl its/embassy/nmod:poss embassy/trashed/obj ./left/punct",
    ),
    (
        "function tags, traces and auxiliary tags",
        "( (S (NP-SBJ-1 (NNP Gondor)) (VP (AUXD was) (VP (VBN attacked) (NP (-NONE- *-1)) (PP (IN by) (NP-LGS (NNP Mordor))))) (NP-TMP (NNP Monday)) (. .)))",
        "Gondor/attacked/nsubj:pass was/attacked/aux:pass attacked/ROOT/root by/Mordor/case Mordor/attacked/obl:agent Monday/attacked/obl:unmarked ./attacked/punct",
    ),
    (
        "brackets and a parenthetical",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBD called) (PP (IN for) (NP (NNS talks))) (PRN (-LRB- -LRB-) (NP (NNS officials)) (-RRB- -RRB-))) (. .)))",
        "Gondor/called/nsubj called/ROOT/root for/talks/case talks/called/obl (/officials/punct officials/called/dep )/officials/punct ./called/punct",
    ),
    (
        "bare temporal NPs are obliques, not objects",
        "(ROOT (S (NP (NNP Iran)) (VP (VBD protested) (NP (JJ last) (NN week)) (CC and) (VBD said) (NP (NNP Wednesday))) (. .)))",
        "Iran/protested/nsubj protested/ROOT/root last/week/amod week/protested/obl:unmarked and/said/cc said/protested/conj Wednesday/said/obl:unmarked ./protested/punct",
    ),
    (
        "lowercase month names are nouns",
        "(ROOT (S (NP (NNP Sam)) (VP (VBD halted) (NP (PRP$ his) (NN march))) (. .)))",
        "Sam/halted/nsubj halted/ROOT/root his/march/nmod:poss march/halted/obj ./halted/punct",
    ),
    (
        "attribution closing a verb phrase",
        "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (VP (VBG inching) (ADVP (RB closer)) (, ,) (S (NP (DT an) (NN official)) (VP (VBD said))))) (. .)))",
        "Arnor/inching/nsubj is/inching/aux inching/ROOT/root closer/inching/advmod ,/inching/punct an/official/det official/said/nsubj said/inching/parataxis ./inching/punct",
    ),
    (
        "attribution interrupting a verb phrase",
        "(ROOT (S (NP (NNS Troops)) (VP (VBD withdrew) (, ,) (S (NP (DT a) (NN correspondent)) (VP (VBD said))) (, ,) (PP (IN after) (NP (DT the) (NN attack)))) (. .)))",
        "Troops/withdrew/nsubj withdrew/ROOT/root ,/withdrew/punct a/correspondent/det correspondent/said/nsubj said/withdrew/parataxis ,/withdrew/punct after/attack/case the/attack/det attack/withdrew/obl ./withdrew/punct",
    ),
    (
        "neither ... nor",
        "(ROOT (S (NP (NP (DT Neither)) (NP (NNP Galadriel) (CC nor) (NNP Gollum))) (VP (VBD came)) (. .)))",
        "Neither/Galadriel/cc:preconj Galadriel/came/nsubj nor/Gollum/cc Gollum/Galadriel/conj came/ROOT/root ./came/punct",
    ),
    (
        "complementiser that tagged as a relative pronoun",
        "(ROOT (S (NP (NNP Eriador)) (VP (VBD expressed) (NP (NNS hopes)) (SBAR (WHNP (WDT that)) (S (NP (NNP Osgiliath)) (VP (MD could) (VP (VB be) (VP (VBN drawn))))))) (. .)))",
        "Eriador/expressed/nsubj expressed/ROOT/root hopes/expressed/obj that/drawn/mark Osgiliath/drawn/nsubj:pass could/drawn/aux be/drawn/aux:pass drawn/expressed/ccomp ./expressed/punct",
    ),
    (
        "two trees: two roots",
        "(ROOT (S (NP (NNP Gondor)) (VP (VBD attacked)) (. .))) (ROOT (S (NP (NNP Mordor)) (VP (VBD fled)) (. .)))",
        "Gondor/attacked/nsubj attacked/ROOT/root ./attacked/punct Mordor/fled/nsubj fled/ROOT/root ./fled/punct",
    ),
];

#[test]
fn conversion_table() {
    let mut failed = Vec::new();
    for (name, tree, want) in CASES {
        let got = render(&convert(tree));
        if got != *want {
            failed.push(format!("{name}\n  tree: {tree}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases differ:\n{}",
        failed.len(),
        CASES.len(),
        failed.join("\n")
    );
}

#[test]
fn tags_forms_and_spans() {
    let s = convert(
        "(ROOT (S (NP (NNP Gondor)) (VP (VBZ is) (RB n't) (VP (VBN said) (SBAR (IN that) (S (NP (PRP it)) (VP (VBD fled) (-LRB- -LRB-) (NN sic) (-RRB- -RRB-))))))))",
    );
    let row = |i: usize| format!("{} {} {}", s.form(i), s.words[i].upos, s.words[i].xpos);
    let rows: Vec<String> = (0..s.len()).map(row).collect();
    assert_eq!(
        rows,
        [
            "Gondor PROPN NNP",
            "is AUX VBZ",
            "n't PART RB",
            "said VERB VBN",
            "that SCONJ IN",
            "it PRON PRP",
            "fled VERB VBD",
            "( PUNCT -LRB-",
            "sic NOUN NN",
            ") PUNCT -RRB-",
        ]
    );
    // Spans point into the forms joined by spaces; lemmas are left empty.
    let text: Vec<&str> = (0..s.len()).map(|i| s.form(i)).collect();
    let text = text.join(" ");
    for i in 0..s.len() {
        assert_eq!(&text[s.words[i].span.range()], s.form(i));
        assert_eq!(s.lemma(i), "");
    }
    // Determiners as PRON when they head a noun phrase; TO as ADP before a noun.
    let s =
        convert("(ROOT (S (NP (DT This)) (VP (VBD went) (PP (TO to) (NP (DT the) (NN court))))))");
    let upos: Vec<String> = s.words.iter().map(|w| w.upos.to_string()).collect();
    assert_eq!(upos, ["PRON", "VERB", "ADP", "DET", "NOUN"]);
}

#[test]
fn malformed_trees_report_line_and_column() {
    let cases = [
        (
            "(ROOT (S (NP (NNP A)) (VP (VBD b)))))",
            "<penn>:1: column 37: ')' without a matching '('",
        ),
        (
            "(ROOT\n  (S (NP (NNP A))\n  (VP (VBD b))",
            "<penn>:2: column 3: '(' never closed (2 bracket(s) open at the end)",
        ),
        ("word (ROOT (NN a))", "<penn>:1: column 1: word \"word\" outside brackets"),
        (
            "(NP (NN a) b)",
            "<penn>:1: column 12: unexpected word \"b\": a bracket holds one tag and one word, or subtrees",
        ),
        ("(NN a (NN b))", "<penn>:1: column 7: a bracket holds both a word and a subtree"),
        ("(ROOT (S (-NONE- *)))", "<penn>:1: column 22: no words in the tree"),
        ("", "<penn>:1: column 1: no words in the tree"),
    ];
    for (src, want) in cases {
        match PennTree::parse(src) {
            Ok(_) => panic!("{src:?} parsed"),
            Err(e) => assert_eq!(e.to_string(), want, "{src:?}"),
        }
    }
    let deep = "(X ".repeat(1000) + &")".repeat(1000);
    let e = PennTree::parse(&deep).unwrap_err().to_string();
    assert!(e.contains("nested deeper than"), "{e}");
    // Errors name the file and count lines from where the tree starts.
    let e = PennTree::parse_at("(S\n(NP (NN a)", "f.xml", 40).unwrap_err();
    assert_eq!(
        e.to_string(),
        "f.xml:41: column 1: '(' never closed (2 bracket(s) open at the end)"
    );
}

#[test]
fn every_word_has_a_head_and_one_root_per_tree() {
    for (name, tree, _) in CASES {
        let t = PennTree::parse(tree).unwrap();
        let s = convert(tree);
        let roots = s.words.iter().filter(|w| w.head == 0).count();
        assert_eq!(roots, t.tree_count(), "{name}");
        assert!(
            s.words.iter().all(|w| (w.head as usize) <= s.len() && w.deprel.as_str() != "_"),
            "{name}"
        );
    }
}

/// The `<Parse>` contents of a PETRARCH file, found by plain string search
/// (the record reader lives in dyad-ingest, which depends on this crate).
fn parses(src: &str) -> Vec<&str> {
    src.split("<Parse>").skip(1).filter_map(|p| p.split("</Parse>").next()).collect()
}

/// Checks a converted sentence: one root per tree, heads in range, no cycle.
fn well_formed(s: &Sentence, trees: usize) -> bool {
    let n = s.len();
    let roots = s.words.iter().filter(|w| w.head == 0).count();
    if roots != trees || s.words.iter().any(|w| w.head as usize > n) {
        return false;
    }
    (0..n).all(|i| {
        let mut h = s.words[i].head;
        let mut steps = 0;
        while h != 0 && steps <= n {
            h = s.words[h as usize - 1].head;
            steps += 1;
        }
        h == 0
    })
}

#[test]
fn petrarch_unit_test_parses_convert() {
    let Some(path) = dyad_testdata::path("petrarch2/text/PETR.UnitTest.records.xml") else {
        return;
    };
    let src = std::fs::read_to_string(path).unwrap();
    let all = parses(&src);
    assert_eq!(all.len(), 284);
    let mut ok = 0;
    let mut sent = Sentence::new();
    for p in &all {
        if let Ok(tree) = PennTree::parse(p) {
            tree.to_sentence(&mut sent);
            assert!(well_formed(&sent, tree.tree_count()), "{p}");
            ok += 1;
        }
    }
    println!("PETR.UnitTest.records.xml: {ok} of {} Penn parses convert", all.len());
    // Measured: 282 (ERROR-02 and ERROR-03 are deliberately unbalanced and
    // expect error="bad_input_parse").
    assert_eq!(ok, 282);
}

#[test]
fn gigaword_parses_convert() {
    let Some(path) = dyad_testdata::path("petrarch2/text/GigaWord.sample.PETR.xml") else { return };
    let src = std::fs::read_to_string(path).unwrap();
    let all = parses(&src);
    let mut sent = Sentence::new();
    let mut ok = 0;
    for p in &all {
        let tree = PennTree::parse(p).unwrap_or_else(|e| panic!("{e}\n{p}"));
        tree.to_sentence(&mut sent);
        assert!(well_formed(&sent, tree.tree_count()), "{p}");
        ok += 1;
    }
    assert_eq!(ok, 76);
}

/// A small deterministic generator of arbitrary (often odd) trees: labels
/// from the Penn set, random nesting, words, traces and punctuation.
struct Gen(u64);

impl Gen {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn tree(&mut self, depth: usize, out: &mut String) {
        const PHRASES: &[&str] = &[
            "S", "SBAR", "SINV", "SQ", "NP", "VP", "PP", "ADJP", "ADVP", "QP", "WHNP", "WHPP",
            "PRN", "UCP", "CONJP", "PRT", "FRAG", "X", "NP-TMP", "S-ADV", "", "RRC", "NML",
        ];
        const TAGS: &[&str] = &[
            "NN", "NNP", "VBD", "VBN", "VBZ", "MD", "TO", "IN", "DT", "CC", ",", ".", "POS",
            "PRP$", "RB", "JJ", "CD", "EX", "WDT", "-NONE-", "RP", "AUXZ", "-LRB-", "``", "UH",
        ];
        const WORDS: &[&str] = &["was", "by", "the", "and", "'s", "not", "Gondor", "there", "be"];
        if depth == 0 || self.next(4) == 0 {
            let tag = TAGS[self.next(TAGS.len())];
            let word = WORDS[self.next(WORDS.len())];
            out.push_str(&format!("({tag} {word})"));
            return;
        }
        out.push('(');
        out.push_str(PHRASES[self.next(PHRASES.len())]);
        for _ in 0..1 + self.next(5) {
            out.push(' ');
            self.tree(depth - 1, out);
        }
        out.push(')');
    }
}

#[test]
fn arbitrary_trees_convert_to_well_formed_trees() {
    let mut g = Gen(7);
    let mut sent = Sentence::new();
    let mut converted = 0;
    for _ in 0..5000 {
        let mut src = String::new();
        g.tree(6, &mut src);
        // Trees made only of traces have no words: an error, not a panic.
        let Ok(tree) = PennTree::parse(&src) else { continue };
        tree.to_sentence(&mut sent);
        assert!(well_formed(&sent, tree.tree_count()), "{src}");
        assert!(sent.words.iter().all(|w| w.deprel.as_str() != "_"), "{src}");
        converted += 1;
    }
    assert!(converted > 4000, "{converted}");
}

#[test]
fn long_and_deep_input() {
    // A flat sentence of 5,000 words, and a coordination of 2,500 nouns.
    let words: String = (0..5000).map(|i| format!("(NN w{i}) ")).collect();
    let s = convert(&format!("(ROOT (S (NP {words}) (VP (VBD fled))))"));
    assert_eq!(s.len(), 5001);
    assert!(well_formed(&s, 1));
    let conj: String = (0..2500).map(|i| format!("(NNP n{i}) (CC and) ")).collect();
    let s = convert(&format!("(ROOT (NP {conj}(NNP last)))"));
    assert_eq!(s.len(), 5001);
    assert!(well_formed(&s, 1));
    assert_eq!(s.words.iter().filter(|w| w.deprel.as_str() == "conj").count(), 2500);
    // Nesting just under the limit converts.
    let deep = "(NP ".repeat(399) + "(NN x)" + &")".repeat(399);
    assert!(well_formed(&convert(&deep), 1));
}
