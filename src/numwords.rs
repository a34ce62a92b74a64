//! Numbers spelled out in words, read by the tables of [`crate::lang`]:
//! Arabic law writes "(الحادية والستين)" where the English has "Article 61",
//! and either side may write "sixty days" for "60 days". The values become
//! number anchors beside the digits that [`crate::anchor::numbers`] finds.

use crate::anchor::{is_word_char, normalise_arabic, words};
use crate::lang::{LangRules, Script};
use crate::segment::Sentence;

/// Prefixes an Arabic number word may carry after the conjunction و (which
/// `lookup` strips first): a preposition with or without the article
/// ("بستين", "بالمائة"), or the article ("الستين").
const ARABIC_PREFIXES: [&str; 7] = ["بال", "كال", "لل", "ال", "ب", "ل", "ك"];

/// The numbers spelled out in each sentence.
pub fn per_sentence(sents: &[Sentence], lang: &LangRules) -> Vec<Vec<SpelledNumber>> {
    sents.iter().map(|s| spelled_numbers(&s.text, lang)).collect()
}

/// A number spelled out in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpelledNumber {
    /// Byte range of the words in the text, from the first to the last.
    pub span: std::ops::Range<usize>,
    /// Its value.
    pub value: u64,
}

/// The numbers spelled out in `text`, where they stand.
///
/// A number is a run of number words inside one stretch of text without
/// punctuation, possibly joined by a joiner ("one hundred and five", "vingt
/// et un", "الحادية عشرة بعد المائة", the hundred and eleventh); a word that
/// would fill a decimal place the run already has starts a new number. Runs
/// worth one or two are left out ("one of them", "الأول", "second" are
/// rarely numbers a translation keeps), and so is a scale word alone ("في
/// المائة" is "per cent").
pub fn spelled_numbers(text: &str, lang: &LangRules) -> Vec<SpelledNumber> {
    let mut out = Vec::new();
    if lang.number_words.is_empty() {
        return out;
    }
    let base = text.as_ptr() as usize;
    for stretch in text.split(|c: char| !(is_word_char(c) || c.is_whitespace() || c == '-')) {
        let mut run = Run::default();
        let mut joined = false;
        for w in words(stretch) {
            let at = w.as_ptr() as usize - base;
            match lookup(w, lang) {
                Some((v, conjunction)) => {
                    if run.collides(v) {
                        run.flush(&mut out);
                    }
                    run.push(v, joined || conjunction, at..at + w.len());
                    joined = false;
                }
                None if run.words > 0
                    && !joined
                    && lang.number_joiners.contains(&w.to_lowercase().as_str()) =>
                {
                    joined = true;
                }
                None => {
                    run.flush(&mut out);
                    joined = false;
                }
            }
        }
        run.flush(&mut out);
    }
    out
}

fn is_scale(v: u64) -> bool {
    matches!(v, 100 | 1_000 | 1_000_000 | 1_000_000_000)
}

/// The value of one word, after stripping Arabic clitics, and whether it
/// began with the conjunction و. This runs on every word of both documents,
/// so it rejects by length before it allocates, lower-cases ASCII words on
/// the stack, and tries one clitic split, not every one.
fn lookup(word: &str, lang: &LangRules) -> Option<(u64, bool)> {
    if lang.script != Script::Arabic {
        // No number word in the tables is longer than 16 bytes
        // ("cuatrocientos").
        let mut buf = [0u8; 16];
        let bytes = word.as_bytes();
        if bytes.len() > buf.len() {
            return None;
        }
        if !bytes.iter().all(u8::is_ascii_alphabetic) {
            return lang.number_word(&word.to_lowercase()).map(|v| (v, false));
        }
        buf[..bytes.len()].copy_from_slice(bytes);
        buf.make_ascii_lowercase();
        return lang
            .number_word(std::str::from_utf8(&buf[..bytes.len()]).expect("ASCII"))
            .map(|v| (v, false));
    }
    // The longest entry with the longest clitics (وبال) is 12 letters with
    // diacritics stripped; marks may add a few more.
    if word.len() > 2 * 20 {
        return None;
    }
    let w = normalise_arabic(word);
    for (stem, conjunction) in [(Some(w.as_str()), false), (w.strip_prefix('و'), true)] {
        let Some(stem) = stem else { continue };
        if let Some(v) = lang.number_word(stem) {
            return Some((v, conjunction));
        }
        if let Some(rest) = ARABIC_PREFIXES.iter().find_map(|p| stem.strip_prefix(p))
            && rest.chars().count() >= 2
            && let Some(v) = lang.number_word(rest)
        {
            return Some((v, conjunction));
        }
    }
    None
}

/// A number being read: `total` holds completed thousands, `current` the
/// part below the last scale word.
#[derive(Default)]
struct Run {
    total: u64,
    current: u64,
    words: usize,
    units: usize,
    last: u64,
    span: std::ops::Range<usize>,
}

impl Run {
    /// Adds a word; `joined` when a joiner or a conjunction came before it, so
    /// that a hundred adds ("بعد المائة") rather than multiplies ("three
    /// hundred"), and twenty after four adds ("أربعة وعشرون") rather than
    /// makes eighty ("quatre-vingts").
    fn push(&mut self, v: u64, joined: bool, span: std::ops::Range<usize>) {
        self.span = if self.words == 0 { span } else { self.span.start..span.end };
        self.words += 1;
        let last = std::mem::replace(&mut self.last, v);
        match v {
            100 if !joined && self.current > 0 && self.current < 100 => self.current *= 100,
            20 if !joined && last == 4 && self.current % 100 == 4 => self.current += 76,
            1_000 | 1_000_000 | 1_000_000_000 => {
                self.total = self.total.saturating_add(self.current.max(1).saturating_mul(v));
                self.current = 0;
            }
            _ => {
                self.current = self.current.saturating_add(v);
                self.units += usize::from(v != 100);
            }
        }
    }

    /// True when `v` would fill a decimal place the number already has: "the
    /// first and the second" (الأولى والثانية) are two numbers, not three,
    /// while "ثمانية وعشرون" and "twenty-eight" are one, and so are the
    /// French teens after sixty and eighty ("soixante-dix-sept").
    fn collides(&self, v: u64) -> bool {
        let places = |x: u64| {
            (0..3).fold(0u8, |bits, k| bits | (u8::from(!(x / 10u64.pow(k)).is_multiple_of(10)) << k))
        };
        let french_teen = (10..20).contains(&v) && matches!(self.current % 100, 60 | 80);
        !is_scale(v) && v < 1000 && !french_teen && places(self.current) & places(v) != 0
    }

    fn flush(&mut self, out: &mut Vec<SpelledNumber>) {
        let value = self.total.saturating_add(self.current);
        if self.units > 0 && value > 2 {
            out.push(SpelledNumber { span: self.span.clone(), value });
        }
        *self = Run::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::by_code;

    fn read(text: &str, code: &str) -> Vec<String> {
        spelled_numbers(text, by_code(code).unwrap()).iter().map(|n| n.value.to_string()).collect()
    }

    #[test]
    fn arabic_ordinals_and_cardinals() {
        assert_eq!(read("أحكام المواد (الحادية والستين) و(الثالثة والستين)", "ar"), ["61", "63"]);
        assert_eq!(read("خلال (ستين) يوماً", "ar"), ["60"]);
        assert_eq!(read("بمبلغ (خمسمائة ألف) ريال", "ar"), ["500000"]);
        assert_eq!(read("خمسة عشر في المائة", "ar"), ["15"]);
        assert_eq!(read("و(الحادية عشرة بعد المائة/2)", "ar"), ["111"]);
        assert_eq!(read("ثلاث مائة وخمسون", "ar"), ["350"]);
    }

    #[test]
    fn english_runs_with_joiners() {
        assert_eq!(read("within sixty days", "en"), ["60"]);
        assert_eq!(read("one hundred and twenty-five men and three women", "en"), ["125", "3"]);
        assert_eq!(read("Two thousand years", "en"), ["2000"]);
    }

    #[test]
    fn french_german_and_spanish() {
        assert_eq!(read("quatre-vingt-dix-sept, soixante et onze, vingt et un", "fr"), ["97", "71", "21"]);
        assert_eq!(read("deux cents hommes et quatre-vingts femmes", "fr"), ["200", "80"]);
        assert_eq!(read("drei Millionen und zwölf", "de"), ["3000000", "12"]);
        assert_eq!(read("ciento treinta y cinco, tres y cuatro", "es"), ["135", "3", "4"]);
        assert_eq!(read("أربعة وعشرون", "ar"), ["24"]);
    }

    #[test]
    fn small_and_lone_scale_words_are_not_numbers() {
        assert!(read("one of the first", "en").is_empty());
        assert_eq!(read("twenty, three and four", "en"), ["20", "3", "4"]);
        assert_eq!(read("four seven", "en"), ["4", "7"]);
        assert_eq!(read("الفصول الثالثة والرابعة", "ar"), ["3", "4"]);
        assert!(read("الأولى والثانية", "ar").is_empty());
        assert!(read("الفصل الأول في المائة", "ar").is_empty());
        assert!(read("sixty", "de").is_empty());
        assert!(read("un livre, deux amis", "fr").is_empty());
    }

    #[test]
    fn no_number_word_is_longer_than_the_lookup_buffer() {
        for rules in crate::lang::ALL {
            for (w, _) in rules.number_words {
                assert!(w.len() <= 16 || rules.script == Script::Arabic, "{w}");
            }
        }
    }

    #[test]
    fn spans_cover_the_words_of_each_number() {
        let text = "within sixty days and one hundred and five nights";
        let found = spelled_numbers(text, by_code("en").unwrap());
        let spans: Vec<&str> = found.iter().map(|n| &text[n.span.clone()]).collect();
        assert_eq!(spans, ["sixty", "one hundred and five"]);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_of_their_number_words(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "sixty", "one", "hundred", "and", "twenty-five", "thousand", "x", ",", "(",
                    "الحادية", "والستين", "بعد", "المائة", "ثلاث", "مائة", "وَخمسون", "ألف", "في", "،", "ـ", "٦٠",
                ]),
                0..12,
            ),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", "-", "\u{64e}"]), 12),
        ) {
            let text: String = words.iter().zip(&glue).flat_map(|(w, g)| [*w, *g]).collect();
            for code in ["en", "ar"] {
                for n in spelled_numbers(&text, by_code(code).unwrap()) {
                    let span = text.get(n.span.clone());
                    proptest::prop_assert!(span.is_some_and(|s| !s.trim().is_empty()), "{text:?} {n:?}");
                    proptest::prop_assert!(n.value > 2);
                }
            }
        }
    }
}
