//! Abbreviations that keep their final period, and words that usually start
//! a sentence. The lists follow what UD English-EWT keeps as one token
//! ("Dr.", "St.", "Sept.", "Inc.", "vs.") plus the titles and months of news
//! style guides (AP style: "Gen.", "Sen.", "Jan.").

/// Abbreviations after which a capitalised word does not start a new
/// sentence: titles, months, "No." and friends ("Gen. Smith", "Jan. 5").
const TITLES: &[&str] = &[
    "Adm", "Amb", "Ass't", "Assn", "Attn", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dr", "Drs", "Fr",
    "Ft", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Mt", "No",
    "Nos", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Sr", "St", "Supt",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "v",
    "Vs", "Fig", "Figs", "Vol", "Sec", "Para", "Ph", "ext", "Ext", "cf", "approx", "Approx", "tel",
    "Tel", "Fax", "Mob", "Spec", "Conf", "Arrv", "arrv", "Dept", "dept", "Univ", "PS", "P.S",
];

/// Abbreviations that may end a sentence ("... Apple Inc. The company ...").
const ENDERS: &[&str] = &[
    "etc", "Inc", "Corp", "Co", "Ltd", "Jr", "Bros", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur",
    "Thurs", "Fri", "Sat", "Ave", "Blvd", "Rd", "La", "Va", "Calif", "Conn", "Fla", "Mich", "Minn",
    "Tenn", "Tex", "Wis", "Ariz", "Colo", "Ky", "Md", "Nev", "Okla", "Que", "Ont", "al", "yrs",
    "lb", "lbs", "oz", "eg", "Eg", "info", "hrs", "hr", "sq", "ft", "mos",
];

/// Class of a word followed by a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period is its own token.
    No,
    /// A title, month or similar: a following capital does not start a
    /// sentence.
    Title,
    /// An initialism ("U.S.", "a.m.") or an abbreviation that may end a
    /// sentence ("Inc.", "etc.").
    Other,
    /// A single capital initial ("J."): never ends a sentence.
    Initial,
}

/// Longest word in [`TITLES`] and [`ENDERS`] that [`key`] can pack.
const MAX_KEY_LEN: usize = 7;

/// Packs a word of at most [`MAX_KEY_LEN`] bytes into a `u64`: the bytes
/// little-endian in the low 56 bits, the length in the top byte (so the
/// key is unique for every byte string of that length, NULs included).
const fn key(s: &[u8]) -> u64 {
    assert!(s.len() <= MAX_KEY_LEN);
    let mut k = (s.len() as u64) << 56;
    let mut i = 0;
    while i < s.len() {
        k |= (s[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// `pairs` sorted by their first field, in a `const` context (insertion
/// sort: the lists are short and sorted once, at compile time).
pub(crate) const fn sort_by_key<const N: usize>(mut out: [(u64, usize); N]) -> [(u64, usize); N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && out[j - 1].0 > out[j].0 {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    out
}

/// The keys of `words`, sorted (for a binary search instead of comparing
/// the word with every entry of the list).
const fn sorted_keys<const N: usize>(words: &[&str]) -> [u64; N] {
    assert!(words.len() == N);
    let mut pairs = [(0u64, 0usize); N];
    let mut i = 0;
    while i < N {
        pairs[i] = (key(words[i].as_bytes()), i);
        i += 1;
    }
    let pairs = sort_by_key(pairs);
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = pairs[i].0;
        i += 1;
    }
    out
}

static TITLE_KEYS: [u64; TITLES.len()] = sorted_keys(TITLES);
static ENDER_KEYS: [u64; ENDERS.len()] = sorted_keys(ENDERS);

/// Classifies `w`, the word before a period ("U.S" for "U.S.").
pub(crate) fn classify(w: &str) -> Abbrev {
    let b = w.as_bytes();
    if b.len() == 1 {
        return if b[0].is_ascii_uppercase() { Abbrev::Initial } else { Abbrev::No };
    }
    if b.len() <= MAX_KEY_LEN {
        let k = key(b);
        if TITLE_KEYS.binary_search(&k).is_ok() {
            return Abbrev::Title;
        }
        if ENDER_KEYS.binary_search(&k).is_ok() {
            return Abbrev::Other;
        }
    }
    // Initialisms: letter groups of one or two letters joined by periods
    // ("U.S", "a.m", "Ph.D", "D.C", "e.g", "i.e").
    if b.contains(&b'.') && b.len() <= 12 {
        let ok = w
            .split('.')
            .all(|g| !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c.is_ascii_alphabetic()));
        if ok {
            return Abbrev::Other;
        }
    }
    Abbrev::No
}

/// Words that, capitalised after an abbreviation such as "U.S." or "Inc.",
/// very likely start a new sentence.
pub(crate) fn is_sentence_starter(w: &str) -> bool {
    const STARTERS: &[&str] = &[
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "There",
        "Here",
        "But",
        "And",
        "So",
        "Yet",
        "However",
        "In",
        "On",
        "At",
        "For",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "What",
        "Who",
        "Why",
        "How",
        "Where",
        "Then",
        "Also",
        "Now",
        "Some",
        "Many",
        "Most",
        "Meanwhile",
        "Earlier",
        "Last",
        "Next",
        "Since",
        "Although",
        "Though",
        "Still",
        "Thus",
        "Officials",
        "Please",
        "Thanks",
        "Thank",
        "Do",
        "Does",
        "Did",
        "Is",
        "Are",
        "Was",
        "Were",
        "Can",
        "Will",
        "Would",
        "Should",
        "Let",
        "No",
        "Yes",
        "Not",
        "All",
        "One",
        "Each",
        "Both",
        "Other",
        "Another",
        "According",
        "During",
        "Under",
        "With",
        "Without",
        "From",
    ];
    STARTERS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("Gen"), Abbrev::Title);
        assert_eq!(classify("U.S"), Abbrev::Other);
        assert_eq!(classify("Ph.D"), Abbrev::Other);
        assert_eq!(classify("Inc"), Abbrev::Other);
        assert_eq!(classify("J"), Abbrev::Initial);
        assert_eq!(classify("house"), Abbrev::No);
        assert_eq!(classify("a"), Abbrev::No);
        assert_eq!(classify("google.com"), Abbrev::No);
    }

    #[test]
    fn keyed_lookup_matches_the_lists() {
        // (One-letter words are initials or nothing, whatever the lists say.)
        for w in TITLES.iter().filter(|w| w.len() > 1) {
            assert_eq!(classify(w), Abbrev::Title, "{w}");
        }
        for w in ENDERS.iter().filter(|w| w.len() > 1 && !TITLES.contains(w)) {
            assert_eq!(classify(w), Abbrev::Other, "{w}");
        }
        // Near misses: case, length and prefixes of listed words.
        for w in ["gen", "GEN", "Ge", "Gens", "Messrsx", "Inc\0", "In", "etcetera"] {
            assert_eq!(classify(w), Abbrev::No, "{w}");
        }
    }
}
