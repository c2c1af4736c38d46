//! Golden tests: hard news snippets (written for dyad, not copied from any
//! news source) and their expected sentences and tokens.
//!
//! Expected output: tokens separated by one space, sentences by a line
//! break, paragraphs by a blank line. Datelines are their own sentence.

use super::{render, segment};

const CASES: &[(&str, &str, &str)] = &[
    (
        "dateline_reuters",
        "BAKU, March 31 (Reuters) - Azerbaijan's foreign ministry summoned Iran's ambassador on Friday.",
        "BAKU , March 31 ( Reuters ) -\nAzerbaijan 's foreign ministry summoned Iran 's ambassador on Friday .",
    ),
    (
        "dateline_ap_em_dash",
        "WASHINGTON (AP) \u{2014} The Senate voted 52-48 on Tuesday to confirm the nominee.",
        "WASHINGTON ( AP ) \u{2014}\nThe Senate voted 52 - 48 on Tuesday to confirm the nominee .",
    ),
    (
        "dateline_two_words_and_month",
        "NEW YORK, Jan. 5 (Reuters) -- Oil prices rose sharply.",
        "NEW YORK , Jan. 5 ( Reuters ) --\nOil prices rose sharply .",
    ),
    (
        "dateline_after_headline",
        "Iran summons Azerbaijani envoy over embassy attack\nBAKU, March 31 (Reuters) - The ministry said on Friday it had protested.",
        "Iran summons Azerbaijani envoy over embassy attack\nBAKU , March 31 ( Reuters ) -\nThe ministry said on Friday it had protested .",
    ),
    (
        "not_a_dateline",
        "NATO-led forces withdrew - slowly - from the valley.",
        "NATO - led forces withdrew - slowly - from the valley .",
    ),
    (
        "titles_do_not_end_sentences",
        "Gen. Mark Hale met Sen. Jane Roe and Mr. Smith at St. Paul's Cathedral.",
        "Gen. Mark Hale met Sen. Jane Roe and Mr. Smith at St. Paul 's Cathedral .",
    ),
    (
        "us_inside_sentence",
        "The U.S. Army said it would leave. The U.N. mission disagreed.",
        "The U.S. Army said it would leave .\nThe U.N. mission disagreed .",
    ),
    (
        "us_ends_sentence",
        "Talks were held in the U.S. The next round is in Geneva.",
        // UD English splits a sentence-final abbreviation's period.
        "Talks were held in the U.S .\nThe next round is in Geneva .",
    ),
    (
        "number_abbreviation",
        "Resolution No. 2231 was cited. He said no.",
        "Resolution No. 2231 was cited .\nHe said no .",
    ),
    (
        "months_and_initials",
        "The vote is set for Jan. 12, said J. R. Hale of Washington, D.C. on Monday.",
        "The vote is set for Jan. 12 , said J. R. Hale of Washington , D.C. on Monday .",
    ),
    (
        "company_ends_sentence",
        "The contract went to Apple Inc. The company declined to comment.",
        "The contract went to Apple Inc .\nThe company declined to comment .",
    ),
    (
        "clitics",
        "They don't know, and we can't say. It's what they're gonna do, and we cannot stop it.",
        "They do n't know , and we ca n't say .\nIt 's what they 're gon na do , and we can not stop it .",
    ),
    (
        "curly_quotes_and_apostrophes",
        "\u{201C}We will not retreat,\u{201D} Iran\u{2019}s minister said.\u{00A0}\u{201C}Never.\u{201D}",
        "\u{201C} We will not retreat , \u{201D} Iran \u{2019}s minister said .\n\u{201C} Never . \u{201D}",
    ),
    (
        "quote_spanning_sentences",
        "\"The talks failed. We will try again,\" he said. \"Not now.\"",
        "\" The talks failed .\nWe will try again , \" he said .\n\" Not now . \"",
    ),
    (
        "money_and_percent",
        "The deal is worth $500 million, or 8.75 percent of 1,000 shares; up 3%.",
        "The deal is worth $ 500 million , or 8.75 percent of 1,000 shares ; up 3 % .",
    ),
    (
        "em_dash_aside",
        "The envoy \u{2014} who arrived on Monday \u{2014} left early. The envoy -- who came late -- stayed.",
        "The envoy \u{2014} who arrived on Monday \u{2014} left early .\nThe envoy -- who came late -- stayed .",
    ),
    (
        "headline_then_blank_line",
        "Ceasefire holds in border region\n\nOfficials said the truce was holding.",
        "Ceasefire holds in border region\n\nOfficials said the truce was holding .",
    ),
    (
        "numbered_list",
        "The statement listed three demands:\n1. Release the prisoners.\n2. Withdraw the troops.\n3. Reopen the border.",
        "The statement listed three demands :\n1 . Release the prisoners .\n2 . Withdraw the troops .\n3 . Reopen the border .",
    ),
    (
        "bulleted_list_without_periods",
        "Key points:\n- Talks resume Monday\n- Sanctions stay in place",
        "Key points :\n- Talks resume Monday\n- Sanctions stay in place",
    ),
    (
        "hard_wrapped_paragraph",
        "The foreign ministry of Azerbaijan said on Friday that it had\nsummoned the ambassador of Iran to protest against what it\ncalled a hostile statement by an Iranian official.",
        "The foreign ministry of Azerbaijan said on Friday that it had summoned the ambassador of Iran to protest against what it called a hostile statement by an Iranian official .",
    ),
    (
        "html_entities",
        "AT&amp;T and Q&amp;A sessions &amp; more. Profits rose&nbsp;5%.",
        "AT&amp;T and Q&amp;A sessions &amp; more .\nProfits rose 5 % .",
    ),
    (
        "html_tags",
        "<p>Troops withdrew.</p><p>Talks resume.</p>",
        "<p> Troops withdrew . </p>\n<p> Talks resume . </p>",
    ),
    (
        "crlf_paragraphs",
        "Troops withdrew.\r\n\r\nTalks resume.\r\n",
        "Troops withdrew .\n\nTalks resume .",
    ),
    (
        "urls_and_emails",
        "Read it at https://mfa.gov.az/en/news/123. Contact press@mfa.gov.az (or www.mfa.gov.az) for details.",
        "Read it at https://mfa.gov.az/en/news/123 .\nContact press@mfa.gov.az ( or www.mfa.gov.az ) for details .",
    ),
    (
        "hyphenated_words",
        "The al-Qaeda-linked group's co-founder, a 45-year-old ex-officer, was re-elected.",
        "The al - Qaeda - linked group 's co-founder , a 45 - year - old ex-officer , was re-elected .",
    ),
    (
        "question_exclamation_ellipsis",
        "Will Iran respond? Officials declined to say! The talks continue... for now.",
        "Will Iran respond ?\nOfficials declined to say !\nThe talks continue ... for now .",
    ),
    (
        "parenthesised_sentence",
        "The ministry protested. (The embassy was closed on Friday.) Talks continue.",
        "The ministry protested .\n( The embassy was closed on Friday . )\nTalks continue .",
    ),
    (
        // A separator is a sentence of its own, as in UD English-EWT.
        "separator_between_items",
        "The ministry named a new envoy. *** The army also named a new chief of staff.",
        "The ministry named a new envoy .\n***\nThe army also named a new chief of staff .",
    ),
    (
        "separator_line",
        "Talks resume on Monday\n*****\nMore news follows.",
        "Talks resume on Monday\n*****\nMore news follows .",
    ),
    (
        // A short dash run that opens a list item stays with it.
        "dash_bullet",
        "--- The mission is funded at $20 million.",
        "--- The mission is funded at $ 20 million .",
    ),
];

#[test]
fn golden_news_snippets() {
    let mut failures = Vec::new();
    for (name, input, expected) in CASES {
        let got = render(&segment(input));
        if got != *expected {
            failures.push(format!("--- {name}\nexpected:\n{expected}\ngot:\n{got}\n"));
        }
    }
    assert!(CASES.len() >= 20);
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
