//! Sentence segmentation: UAX #29 boundaries, then fixes for news text.
//!
//! UAX #29 breaks after every full stop followed by a capital letter, so it
//! splits "Mr. Smith" and "U.S. President"; it cannot see paragraphs once
//! newlines are spaces. The fixes here join such pieces again using the
//! language's tables in [`crate::lang`].

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::{after_greek, punct_class_after};
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

/// Running-text sentences longer than this many characters are cut into
/// pieces of at most this size, at the last white space inside each piece
/// (or, in text without spaces, at a character boundary). No real sentence
/// is that long (the longest in the evaluation corpora has about 1,200), so
/// such a "sentence" is text without sentence ends: OCR output, a table, a
/// log. Cutting it keeps beads and spreadsheet cells of a readable size.
/// Text split one sentence per line is never cut.
pub const MAX_SENTENCE_CHARS: usize = 2_000;

/// Bounds of [`segment_limited`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longer sentences are cut (see [`MAX_SENTENCE_CHARS`]); 0 means no cut.
    pub max_sentence_chars: usize,
    /// More sentences than this make [`segment_limited`] give up.
    pub max_sentences: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_sentence_chars: MAX_SENTENCE_CHARS, max_sentences: usize::MAX }
    }
}

/// Sentences of running text, and how many over-long ones were cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The sentences in order.
    pub sentences: Vec<Sentence>,
    /// Sentences longer than the limit that were cut into pieces.
    pub cut: usize,
}

/// Splits running text into sentences; sentences longer than
/// [`MAX_SENTENCE_CHARS`] are cut.
pub fn segment(text: &str, rules: &LangRules) -> Vec<Sentence> {
    segment_limited(text, rules, Limits::default()).map(|s| s.sentences).unwrap_or_default()
}

/// Splits running text into sentences within `limits`; `None` as soon as
/// there are more than `limits.max_sentences` (before they are all built).
pub fn segment_limited(text: &str, rules: &LangRules, limits: Limits) -> Option<Segmented> {
    let mut out = Segmented::default();
    for (para, range) in paragraphs(text).into_iter().enumerate() {
        // A newline inside a paragraph is a space; both are one byte, so
        // spans stay valid in the original text.
        let flat = text[range.clone()].replace('\n', " ");
        let room = limits.max_sentences.saturating_sub(out.sentences.len());
        for piece in split_paragraph(&flat, rules, room)? {
            let trimmed_start =
                piece.start + (flat[piece.clone()].len() - flat[piece.clone()].trim_start().len());
            let trimmed_end = piece.start + flat[piece.clone()].trim_end().len();
            if trimmed_start >= trimmed_end {
                continue;
            }
            let mut push = |r: Range<usize>| {
                out.sentences.push(Sentence {
                    text: flat[r.clone()].to_string(),
                    span: range.start + r.start..range.start + r.end,
                    para,
                })
            };
            if cut_long(&flat, trimmed_start..trimmed_end, limits.max_sentence_chars, &mut push) {
                out.cut += 1;
            }
            if out.sentences.len() > limits.max_sentences {
                return None;
            }
        }
    }
    Some(out)
}

/// Hands `range` of `text` (trimmed) to `emit` whole, or, when it has more
/// than `max` characters, in trimmed pieces of at most `max` characters,
/// each ending at the last white space inside it; a piece without white
/// space ends at a grapheme boundary (or, inside one huge grapheme, at a
/// character boundary). Returns true when it cut. Linear in the length.
fn cut_long(text: &str, range: Range<usize>, max: usize, emit: &mut impl FnMut(Range<usize>)) -> bool {
    let mut start = range.start;
    let end = range.end;
    // Bytes are at least characters: a short range needs no counting.
    if max == 0 || end - start <= max {
        emit(range);
        return false;
    }
    loop {
        let rest = &text[start..end];
        let Some((limit, _)) = rest.char_indices().nth(max) else {
            emit(start..end);
            return true;
        };
        let window = &rest[..limit];
        let cut = match window.rfind(char::is_whitespace) {
            Some(ws) if !window[..ws].trim_end().is_empty() => ws,
            _ if starts_grapheme(rest, limit) => limit,
            // The grapheme that `limit` would break goes to the next piece.
            _ => match window.grapheme_indices(true).next_back() {
                Some((g, _)) if g > 0 => g,
                _ => limit,
            },
        };
        let piece = &rest[..cut];
        emit(start..start + piece.trim_end().len());
        let next = &rest[cut..];
        start = end - next.trim_start().len();
        if start >= end {
            return true;
        }
    }
}

/// True when a grapheme cluster of `s` starts at byte `at`.
fn starts_grapheme(s: &str, at: usize) -> bool {
    let mut cursor = unicode_segmentation::GraphemeCursor::new(at, s.len(), true);
    cursor.is_boundary(s, 0).unwrap_or(true)
}

/// UAX #29 pieces of one paragraph, rejoined where a fix says so; `None`
/// when there are more than `max` of them.
fn split_paragraph(flat: &str, rules: &LangRules, max: usize) -> Option<Vec<Range<usize>>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let bounds = flat.split_sentence_bound_indices().flat_map(|(start, s)| split_after_unseen_ends(start, s));
    for (mut start, mut s) in bounds {
        // UAX #29 ignores format characters, so a bidirectional control that
        // opens the next sentence ("… 2023. \u{2066}NASA …") ends the one
        // before; it belongs to the sentence it opens.
        if let Some(prev) = pieces.last_mut() {
            let p = &flat[prev.clone()];
            let kept = p.trim_end_matches(is_bidi_opener);
            let moved = p.len() - kept.len();
            if moved > 0 && kept.ends_with(char::is_whitespace) {
                prev.end -= moved;
                start -= moved;
                s = &flat[start..start + s.len() + moved];
            }
        }
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
        // (A first piece of white space only becomes no sentence.)
        if pieces.len() > max.saturating_add(1) {
            return None;
        }
    }
    Some(pieces)
}

/// Bidirectional controls that open a run: embeddings, overrides, isolate
/// initiators and the directional marks.
fn is_bidi_opener(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2068}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '›' | ')' | ']' | '’')
}

/// UAX #29 does not end a sentence at `…` (U+2026), nor at the Greek
/// question mark, which is `;` (U+037E folds to it) after a Greek word;
/// news does, when a capital letter follows.
fn split_after_unseen_ends(start: usize, s: &str) -> Vec<(usize, &str)> {
    if !s.contains(['…', ';', '\u{037E}']) {
        return vec![(start, s)];
    }
    let mut out = Vec::new();
    let mut from = 0;
    let mut greek = false;
    for (at, c) in s.char_indices() {
        // (`?` and the other marks UAX #29 sees are ends already.)
        let end = c == '…' || (matches!(c, ';' | '\u{037E}') && punct_class_after(c, greek) == Some(0));
        greek = after_greek(greek, c);
        if !end {
            continue;
        }
        let after = &s[at + c.len_utf8()..];
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

/// Longest word, in bytes, that [`should_join`] takes for an abbreviation.
const LAST_WORD_BYTES: usize = 64;

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
    // Abbreviations and initials are short words: look at the end of `prev`
    // only, so that a long paragraph without spaces stays linear.
    let mut from = prev.len().saturating_sub(LAST_WORD_BYTES);
    while !prev.is_char_boundary(from) {
        from += 1;
    }
    let tail = &prev[from..];
    let last_word = tail.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if from > 0 && last_word.len() == tail.len() {
        return false; // a word longer than any abbreviation
    }
    let last_word = last_word.trim_start_matches(|c: char| !c.is_alphanumeric());
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
