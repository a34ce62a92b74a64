//! Sentence segmentation, through the library (`tandem::segment::segment`)
//! and through `tandem segment`.

use proptest::prelude::*;
use tandem::lang::{self, LangRules};
use tandem::segment::{self, Sentence};

use crate::util::{Dir, TestCommand, data};

fn rules(code: &str) -> &'static LangRules {
    lang::by_code(code).expect("known language")
}

/// Segments `text` and checks every sentence's span and paragraph against
/// the text before returning the sentence texts.
fn split(text: &str, code: &str) -> Vec<String> {
    let sents = segment::segment(text, rules(code));
    check_spans(text, &sents);
    sents.into_iter().map(|s| s.text).collect()
}

/// Spans index the text exactly (a newline inside a paragraph reads as a
/// space), are trimmed, in order, do not overlap, and never cross a blank
/// line; paragraph numbers count the blank-line runs before the sentence.
fn check_spans(text: &str, sents: &[Sentence]) {
    let mut prev_end = 0;
    let mut prev_para = 0;
    for s in sents {
        let piece = &text[s.span.clone()];
        eqnice!(piece.replace('\n', " "), s.text, "span {:?} of {:?}", s.span, text);
        assert_eq!(piece.trim(), piece, "span {:?} is not trimmed", s.span);
        assert!(s.span.start >= prev_end, "span {:?} overlaps the one before", s.span);
        assert!(!piece.contains("\n\n"), "span {:?} crosses a blank line", s.span);
        // the lines before the sentence's own line; each run of blank lines
        // after a non-blank one starts a paragraph
        let mut lines: Vec<&str> = text[..s.span.start].split('\n').collect();
        lines.pop();
        let para = lines.windows(2).filter(|w| !w[0].trim().is_empty() && w[1].trim().is_empty()).count();
        assert_eq!(s.para, para, "paragraph of {:?}", s.text);
        assert!(s.para >= prev_para);
        prev_end = s.span.end;
        prev_para = s.para;
    }
}

#[test]
fn english_titles_months_and_acronyms_do_not_end_sentences() {
    eqnice!(
        ["Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5.", "They spoke for an hour."],
        split("Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5. They spoke for an hour.", "en")
    );
    eqnice!(
        ["The U.N. envoy arrived on Monday.", "Mrs. Brown and Prof. Green met him."],
        split("The U.N. envoy arrived on Monday. Mrs. Brown and Prof. Green met him.", "en")
    );
    eqnice!(
        ["Bring staples, e.g. Rice and flour.", "Then go home."],
        split("Bring staples, e.g. Rice and flour. Then go home.", "en")
    );
    eqnice!(
        ["U.S. President Biden agreed.", "The talks ended."],
        split("U.S. President Biden agreed. The talks ended.", "en")
    );
}

#[test]
fn english_acronym_at_sentence_end_before_a_function_word() {
    eqnice!(
        ["He lives in the U.S.", "The rest of his family stayed."],
        split("He lives in the U.S. The rest of his family stayed.", "en")
    );
    eqnice!(
        ["They visited the U.N.", "He spoke first."],
        split("They visited the U.N. He spoke first.", "en")
    );
}

#[test]
fn english_initials_join_the_name() {
    eqnice!(
        ["J. Smith said so.", "She met A. B. Jones later.", "It rained."],
        split("J. Smith said so. She met A. B. Jones later. It rained.", "en")
    );
    eqnice!(
        ["J. R. R. Tolkien wrote it.", "He died in 1973."],
        split("J. R. R. Tolkien wrote it. He died in 1973.", "en")
    );
}

#[test]
fn english_numbers_do_not_end_sentences() {
    eqnice!(
        ["About 6,000 people, or 3.5% of them, left.", "Others stayed."],
        split("About 6,000 people, or 3.5% of them, left. Others stayed.", "en")
    );
    eqnice!(
        ["It cost $1,234.56 in 2019.", "Prices rose by 0.5 points."],
        split("It cost $1,234.56 in 2019. Prices rose by 0.5 points.", "en")
    );
    eqnice!(["He left on Jan. 9 and came back."], split("He left on Jan. 9 and came back.", "en"));
}

#[test]
fn ellipses_end_a_sentence_only_before_a_capital() {
    eqnice!(["He waited... and waited."], split("He waited... and waited.", "en"));
    eqnice!(["He waited...", "Then he left."], split("He waited... Then he left.", "en"));
    eqnice!(["Nothing came… and went."], split("Nothing came… and went.", "en"));
    eqnice!(["Nothing came…", "Then rain fell."], split("Nothing came… Then rain fell.", "en"));
}

#[test]
fn a_greek_question_mark_ends_a_sentence() {
    // Greek writes its question mark as `;`; after a Latin word it is a
    // semicolon. (Greek has no table: the rules of an unknown language.)
    let greek = |text: &str| -> Vec<String> {
        let sents = segment::segment(text, lang::detect(text));
        check_spans(text, &sents);
        sents.into_iter().map(|s| s.text).collect()
    };
    eqnice!(["Πού είναι το σπίτι;", "Είναι στην Αθήνα."], greek("Πού είναι το σπίτι; Είναι στην Αθήνα."));
    eqnice!(["Πού είναι\u{037E}", "Εδώ."], greek("Πού είναι\u{037E} Εδώ."));
    eqnice!(["He came; Then he left."], split("He came; Then he left.", "en"));
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    eqnice!(["He said: \"We won.\"", "Then he left."], split("He said: \"We won.\" Then he left.", "en"));
    eqnice!(["“We won.”", "He left early."], split("“We won.” He left early.", "en"));
    eqnice!(["He said 'yes.'", "Then he left."], split("He said 'yes.' Then he left.", "en"));
    eqnice!(["(See above.)", "Next one."], split("(See above.) Next one.", "en"));
    eqnice!(["Prices rose [by 5%.]", "Then they fell."], split("Prices rose [by 5%.] Then they fell.", "en"));
    eqnice!(["“Help!” she cried.", "Was it real?"], split("“Help!” she cried. Was it real?", "en"));
    eqnice!(["Is it true?", "Yes!", "It is."], split("Is it true? Yes! It is.", "en"));
}

#[test]
fn headlines_paragraphs_and_single_newlines() {
    let text = "Dam Opens in Mosul\n\nThe dam opened\ntoday. It is big.\n\n\nA second\nparagraph ends here.\n\nLast line";
    let sents = segment::segment(text, rules("en"));
    check_spans(text, &sents);
    let got: Vec<(&str, usize)> = sents.iter().map(|s| (s.text.as_str(), s.para)).collect();
    eqnice!(
        [
            ("Dam Opens in Mosul", 0),
            ("The dam opened today.", 1),
            ("It is big.", 1),
            ("A second paragraph ends here.", 2),
            ("Last line", 3)
        ],
        got
    );
    // the newline inside "opened\ntoday" is inside the span, read as a space
    assert_eq!(&text[sents[1].span.clone()], "The dam opened\ntoday.");
    assert_eq!(sents[1].span, 20..41);
}

#[test]
fn leading_blank_lines_and_indentation() {
    let text = "\n\n  Headline without stop  \n\n\tBody text here. More text.\n";
    let sents = segment::segment(text, rules("en"));
    check_spans(text, &sents);
    let got: Vec<(&str, usize)> = sents.iter().map(|s| (s.text.as_str(), s.para)).collect();
    eqnice!([("Headline without stop", 0), ("Body text here.", 1), ("More text.", 1)], got);
}

#[test]
fn arabic_question_stop_and_exclamation_end_sentences() {
    eqnice!(
        ["هل هذا صحيح؟", "نعم!", "انتهى الأمر.", "وقال: «نحن هنا.»", "ثم غادر."],
        split("هل هذا صحيح؟ نعم! انتهى الأمر. وقال: «نحن هنا.» ثم غادر.", "ar")
    );
}

#[test]
fn arabic_comma_and_semicolon_do_not_end_sentences() {
    eqnice!(
        ["قال الوزير، في بيان رسمي، إن المياه انحسرت؛ وعاد السكان إلى منازلهم.", "انتهى."],
        split("قال الوزير، في بيان رسمي، إن المياه انحسرت؛ وعاد السكان إلى منازلهم. انتهى.", "ar")
    );
}

#[test]
fn arabic_indic_digits_stay_in_one_sentence() {
    eqnice!(
        ["بلغ العدد ٦٬٠٠٠ شخص وعاد ٣٫٥٪ منهم.", "وغادر الباقون."],
        split("بلغ العدد ٦٬٠٠٠ شخص وعاد ٣٫٥٪ منهم. وغادر الباقون.", "ar")
    );
    eqnice!(
        ["وصل المبلغ إلى ١٢٫٥ مليون دولار في ٢٠١٩.", "ثم توقف.", "وبلغ 4.5 مليار."],
        split("وصل المبلغ إلى ١٢٫٥ مليون دولار في ٢٠١٩. ثم توقف. وبلغ 4.5 مليار.", "ar")
    );
}

#[test]
fn arabic_tatweel_and_diacritics_do_not_break() {
    eqnice!(
        ["قالـــت الحكومــة إنَّ السدَّ آمنٌ تماماً.", "وأكَّدَ المُهندسُ ذلك."],
        split("قالـــت الحكومــة إنَّ السدَّ آمنٌ تماماً. وأكَّدَ المُهندسُ ذلك.", "ar")
    );
}

#[test]
fn arabic_initials_and_titles() {
    eqnice!(
        ["قال د. أحمد إن الوضع جيد.", "وأضاف ه. المصري أنه آمن."],
        split("قال د. أحمد إن الوضع جيد. وأضاف ه. المصري أنه آمن.", "ar")
    );
}

#[test]
fn arabic_headline_and_paragraphs() {
    let text = "العنوان بلا نقطة\n\nقال الوزير إن السد\nآمن. وعاد السكان.\n";
    let sents = segment::segment(text, rules("ar"));
    check_spans(text, &sents);
    let got: Vec<(&str, usize)> = sents.iter().map(|s| (s.text.as_str(), s.para)).collect();
    eqnice!([("العنوان بلا نقطة", 0), ("قال الوزير إن السد آمن.", 1), ("وعاد السكان.", 1)], got);
}

#[test]
fn line_per_sentence_keeps_every_line() {
    let text = "First line. Still first.\n\n  second, indented \nthird";
    let sents = segment::split_lines(text);
    let got: Vec<(&str, usize)> = sents.iter().map(|s| (s.text.as_str(), s.para)).collect();
    eqnice!([("First line. Still first.", 0), ("", 1), ("  second, indented ", 1), ("third", 1)], got);
    for s in &sents {
        assert_eq!(&text[s.span.clone()], s.text);
    }
}

/// The non-empty lines of a `.sentences` file, and the paragraph of each
/// (blank lines separate paragraphs).
fn sentences_file(name: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(data(name)).expect("sample sentences");
    let mut para = 0;
    let mut out = Vec::new();
    let mut blank_before = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank_before = !out.is_empty();
            continue;
        }
        if blank_before {
            para += 1;
            blank_before = false;
        }
        out.push((para, line.to_string()));
    }
    out
}

fn check_sample(code: &str) {
    let expected = sentences_file(&format!("sample.{code}.sentences"));
    let txt = format!("data/sample.{code}.txt");
    let got = TestCommand::new().args(["segment", &txt]).stdout();
    let want: String = expected.iter().map(|(_, s)| format!("{s}\n")).collect();
    eqnice!(got, want, "tandem segment {txt}");

    // --spans: paragraph numbers as in the .sentences file, spans that index
    // the file's bytes
    let bytes = std::fs::read(data(&format!("sample.{code}.txt"))).expect("sample");
    let spans = TestCommand::new().args(["segment", "--spans", &txt]).stdout();
    let lines: Vec<&str> = spans.lines().collect();
    assert_eq!(lines.len(), expected.len());
    for (line, (para, sentence)) in lines.iter().zip(&expected) {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert_eq!(fields[0], para.to_string(), "paragraph of {sentence}");
        let (a, b) = fields[1].split_once("..").expect("a span a..b");
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(std::str::from_utf8(&bytes[a..b]).unwrap().replace('\n', " "), *sentence);
        assert_eq!(fields[2], sentence);
    }
}

#[test]
fn sample_english_matches_its_sentences_file() {
    check_sample("en");
}

#[test]
fn sample_arabic_matches_its_sentences_file() {
    check_sample("ar");
}

#[test]
fn library_and_binary_agree_and_crlf_bom_change_nothing() {
    let text =
        "Headline Here\n\nMr. Smith arrived. He said: \"It is 3.5% higher.\" Dr. Jones left.\nIt rained.\n";
    let dir = Dir::new();
    dir.write("lf.txt", text);
    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    dir.write("crlf.txt", crlf);
    let lf_out = dir.command().args(["segment", "--spans", "lf.txt"]).stdout();
    let crlf_out = dir.command().args(["segment", "--spans", "crlf.txt"]).stdout();
    eqnice!(crlf_out, lf_out);
    let want: String = segment::segment(text, rules("en"))
        .iter()
        .map(|s| format!("{}\t{}..{}\t{}\n", s.para, s.span.start, s.span.end, s.text))
        .collect();
    eqnice!(lf_out, want);
}

#[test]
fn segment_with_line_per_sentence_prints_lines_unchanged() {
    let dir = Dir::new();
    dir.write("l.txt", "One. Two.\nThree\n");
    eqnice!(dir.command().args(["segment", "--line-per-sentence", "l.txt"]).stdout(), "One. Two.\nThree\n");
}

#[test]
fn english_no_before_a_capital_ends_the_sentence() {
    eqnice!(["He said no.", "Then he left."], split("He said no. Then he left.", "en"));
}

#[test]
fn english_etc_before_the_ends_the_sentence() {
    eqnice!(
        ["We bought rice, beans, etc.", "The shop closed early."],
        split("We bought rice, beans, etc. The shop closed early.", "en")
    );
}

#[test]
fn a_full_stop_after_a_space_does_not_panic() {
    eqnice!(["He left .", "Then he came back."], split("He left . Then he came back.", "en"));
    eqnice!(["« . »", "Fin."], split("« . » Fin.", "fr"));
}

/// A piece of running text: a word (Latin, Arabic, a number or an
/// abbreviation), maybe quoted, maybe followed by punctuation, then white
/// space. Every piece holds a letter or digit (a lone full stop after a
/// space is `a_full_stop_after_a_space_does_not_panic`).
fn piece() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z]{1,8}",
        "[A-Z][a-z]{0,7}",
        "[\u{0621}-\u{064A}\u{0640}\u{064B}-\u{0652}]{1,8}",
        "[0-9]{1,3}([,.][0-9]{3})?",
        "[\u{0660}-\u{0669}]{1,3}([\u{066B}\u{066C}][\u{0660}-\u{0669}]{1,3})?",
        prop::sample::select(vec![
            "Mr.", "Dr.", "U.S.", "U.N.", "Jan.", "e.g.", "J.", "etc.", "No.", "د.", "ه."
        ])
        .prop_map(String::from),
    ];
    let open = prop::sample::select(vec!["", "", "", "\"", "“", "«", "(", "'"]);
    let close = prop::sample::select(vec![
        "", "", "", "", ".", ".", "?", "!", "...", "…", "؟", "،", "؛", ",", ".\"", ".”", ".»", ".)", "?)",
        "!'", ":", ";",
    ]);
    let space = prop::sample::select(vec![" ", " ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\n\n\n"]);
    (open, word, close, space).prop_map(|(o, w, c, s)| format!("{o}{w}{c}{s}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_loses_nothing_and_spans_are_exact(
        pieces in prop::collection::vec(piece(), 1..60),
        lead in prop::sample::select(vec!["", "\n", "  ", "\n\n "]),
        code in prop::sample::select(vec!["en", "ar", "fr", "de", "es"]),
    ) {
        let text = format!("{lead}{}", pieces.concat());
        let sents = segment::segment(&text, rules(code));
        check_spans(&text, &sents);
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = sents.iter().map(|s| visible(&s.text)).collect();
        prop_assert_eq!(visible(&text), joined);
        prop_assert!(sents.iter().all(|s| !s.text.is_empty()));
    }
}
