//! Sentence segmentation: UAX #29 boundaries, then fixes for news text.
//!
//! UAX #29 breaks after every full stop followed by a capital letter, so it
//! splits "Mr. Smith" and "U.S. President"; it cannot see paragraphs once
//! newlines are spaces. The fixes here join such pieces again using the
//! language's tables in [`crate::lang`].

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::lang::LangRules;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The text (newlines inside a paragraph become spaces).
    pub text: String,
    /// Byte span in the decoded, newline-normalised document.
    pub span: Range<usize>,
    /// 0-based paragraph number.
    pub para: usize,
}

/// Splits a document with one sentence per line. Every line is a sentence,
/// unchanged, so line numbers are sentence numbers; a blank line starts a
/// new paragraph and is itself kept as an empty sentence.
pub fn split_lines(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut para = 0;
    let body = text.strip_suffix('\n').unwrap_or(text);
    for line in body.split('\n') {
        let span = start..start + line.len();
        start = span.end + 1;
        if line.trim().is_empty() && !out.is_empty() {
            para += 1;
        }
        out.push(Sentence { text: line.to_string(), span, para });
    }
    out
}

/// Byte ranges of paragraphs: text between blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = para_start.take() {
                out.push(s..para_end);
            }
        } else {
            if para_start.is_none() {
                para_start = Some(pos);
            }
            para_end = pos + line.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = para_start {
        out.push(s..para_end);
    }
    out
}

/// Splits running text into sentences.
pub fn segment(text: &str, rules: &LangRules) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (para, range) in paragraphs(text).into_iter().enumerate() {
        // A newline inside a paragraph is a space; both are one byte, so
        // spans stay valid in the original text.
        let flat = text[range.clone()].replace('\n', " ");
        for piece in split_paragraph(&flat, rules) {
            let trimmed_start =
                piece.start + (flat[piece.clone()].len() - flat[piece.clone()].trim_start().len());
            let trimmed_end = piece.start + flat[piece.clone()].trim_end().len();
            if trimmed_start >= trimmed_end {
                continue;
            }
            out.push(Sentence {
                text: flat[trimmed_start..trimmed_end].to_string(),
                span: range.start + trimmed_start..range.start + trimmed_end,
                para,
            });
        }
    }
    out
}

/// UAX #29 pieces of one paragraph, rejoined where a fix says so.
fn split_paragraph(flat: &str, rules: &LangRules) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let bounds = flat.split_sentence_bound_indices().flat_map(|(start, s)| split_after_ellipsis(start, s));
    for (mut start, mut s) in bounds {
        // Closing quotes or brackets set off by a space ("« Fin . »") belong
        // to the sentence they close; UAX #29 starts the next one with them.
        if let Some(prev) = pieces.last_mut() {
            let closers = s.len() - s.trim_start_matches(|c: char| c.is_whitespace() || is_closer(c)).len();
            if s[..closers].chars().any(is_closer) {
                prev.end += closers;
                start += closers;
                s = &s[closers..];
            }
        }
        let piece = start..start + s.len();
        match pieces.last_mut() {
            Some(prev) if s.trim().is_empty() || should_join(&flat[prev.clone()], s, rules) => {
                prev.end = piece.end
            }
            _ => pieces.push(piece),
        }
    }
    pieces
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '›' | ')' | ']' | '’')
}

/// UAX #29 does not end a sentence at `…` (U+2026); news does, when a
/// capital letter follows.
fn split_after_ellipsis(start: usize, s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in s.match_indices('…') {
        let after = &s[at + '…'.len_utf8()..];
        let rest = after.trim_start();
        if rest.len() < after.len() && rest.chars().next().is_some_and(char::is_uppercase) {
            let cut = s.len() - rest.len();
            out.push((start + from, &s[from..cut]));
            from = cut;
        }
    }
    out.push((start + from, &s[from..]));
    out
}

/// Whether the boundary between `prev` and `next` is false.
fn should_join(prev: &str, next: &str, rules: &LangRules) -> bool {
    let next = next.trim_start();
    let first = next.chars().next();
    // A sentence does not begin with a lower-case letter, a digit after a
    // bare full stop ("No. 5"), or closing punctuation.
    if first.is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']' | '،' | '؛')) {
        return true;
    }
    let prev = prev.trim_end();
    if !prev.ends_with('.') || prev.ends_with("..") || prev.ends_with('…') {
        return false;
    }
    let last_word = prev
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    // "He left ." or "« . »": no word before the stop.
    let Some(stem) = last_word.strip_suffix('.').filter(|s| !s.is_empty()) else {
        return false;
    };
    let lower = stem.to_lowercase();
    let next_word: String = next
        .chars()
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let starts_sentence = rules.is_function_word(&next_word);
    if rules.is_non_final(&lower) {
        return true;
    }
    // "No. 5", "Jan. 2019", "fig. 3": these end a sentence unless a number
    // follows ("He said no. Then he left.").
    if rules.is_before_number(&lower) {
        return first.is_some_and(|c| crate::anchor::digit_value(c).is_some());
    }
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    let is_initial = letters == 1 && stem.chars().count() == 1;
    // "U.S", "U.N", "e.g": single letters joined by dots.
    let is_acronym = stem.contains('.')
        && stem.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if (is_initial || is_acronym) && !starts_sentence {
        // A number after "No." or a name after "J." continues; so does a
        // capitalised word after "U.S." unless it is a function word.
        return first.is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '“' || c == '«');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;

    fn en(text: &str) -> Vec<String> {
        segment(text, lang::by_code("en").unwrap()).into_iter().map(|s| s.text).collect()
    }

    fn ar(text: &str) -> Vec<String> {
        segment(text, lang::by_code("ar").unwrap()).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn english_abbreviations_and_initials() {
        assert_eq!(
            en("Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5. They spoke."),
            ["Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5.", "They spoke."]
        );
        assert_eq!(
            en("J. Smith said so. U.S. President Biden agreed."),
            ["J. Smith said so.", "U.S. President Biden agreed."]
        );
        assert_eq!(en("He lives in the U.S. The rest stayed."), ["He lives in the U.S.", "The rest stayed."]);
        assert_eq!(
            en("Bring food, e.g. Bread and rice. Then go."),
            ["Bring food, e.g. Bread and rice.", "Then go."]
        );
    }

    #[test]
    fn english_numbers_quotes_ellipses() {
        assert_eq!(
            en("About 6,000 people, or 3.5% of them, left. Others stayed."),
            ["About 6,000 people, or 3.5% of them, left.", "Others stayed."]
        );
        assert_eq!(
            en("He said: \"We won.\" Then he left. (It was late.) Fine!"),
            ["He said: \"We won.\"", "Then he left.", "(It was late.)", "Fine!"]
        );
        assert_eq!(
            en("He waited... and waited. Nothing came… Then rain."),
            ["He waited... and waited.", "Nothing came…", "Then rain."]
        );
        assert_eq!(en("“Help!” she cried. Was it real?"), ["“Help!” she cried.", "Was it real?"]);
    }

    #[test]
    fn paragraphs_and_headlines() {
        let text = "Dam opens in Mosul\n\nThe dam opened\ntoday. It is big.\n\n\nLast line";
        let s = segment(text, lang::by_code("en").unwrap());
        let got: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.para)).collect();
        assert_eq!(
            got,
            [("Dam opens in Mosul", 0), ("The dam opened today.", 1), ("It is big.", 1), ("Last line", 2)]
        );
        for sent in &s {
            assert_eq!(text[sent.span.clone()].replace('\n', " "), sent.text);
        }
    }

    #[test]
    fn arabic_rules() {
        assert_eq!(
            ar("قال الوزير، في بيان، إن ٦٬٠٠٠ شخص غادروا؛ وعاد ٣٫٥٪ منهم. هل هذا صحيح؟ نعم! انتهى"),
            ["قال الوزير، في بيان، إن ٦٬٠٠٠ شخص غادروا؛ وعاد ٣٫٥٪ منهم.", "هل هذا صحيح؟", "نعم!", "انتهى"]
        );
        assert_eq!(
            ar("قالــت الحكومَةُ إنّ السدَّ آمن. وأضاف د. أحمد أن الوضع جيد."),
            ["قالــت الحكومَةُ إنّ السدَّ آمن.", "وأضاف د. أحمد أن الوضع جيد."]
        );
    }

    #[test]
    fn line_per_sentence_keeps_lines() {
        let s = split_lines("a b\n\n c \nd\n");
        let texts: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["a b", "", " c ", "d"]);
        assert_eq!(s.iter().map(|s| s.para).collect::<Vec<_>>(), [0, 1, 1, 1]);
    }
}
