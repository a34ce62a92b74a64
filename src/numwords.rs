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
    // Chinese and Japanese have no table: their numerals are read by rule,
    // in any document that writes them.
    han_numbers(text, &mut out);
    if lang.number_words.is_empty() {
        return out;
    }
    scaled_digits(text, lang, &mut out);
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

/// Digits followed by scale words, "150 million", "1.5 مليار", "3 Millionen":
/// their value (150000000) is what a translation writing "1.5亿" or
/// "150.000.000" keeps. The digits stay numbers of their own as well
/// ([`crate::anchor::numbers`]).
fn scaled_digits(text: &str, lang: &LangRules, out: &mut Vec<SpelledNumber>) {
    let is_digit = |c: char| crate::anchor::digit_value(c).is_some();
    let mut at = 0;
    while let Some(off) = text[at..].find(is_digit) {
        let start = at + off;
        let len = text[start..]
            .find(|c: char| !(is_digit(c) || matches!(c, '.' | ',' | '٫' | '٬')))
            .unwrap_or(text.len() - start);
        let end = start + text[start..start + len].trim_end_matches(['.', ',', '٫', '٬']).len();
        let digits = &text[start..end];
        at = start + len;
        let mut scale = 1u64;
        let mut last = end;
        for w in text[end..].split_whitespace().take(3) {
            let w_start = w.as_ptr() as usize - text.as_ptr() as usize;
            // Only spaces between the digits and the word, and the word whole.
            if text[last..w_start].contains(|c: char| !c.is_whitespace()) {
                break;
            }
            let word = w.trim_end_matches(|c: char| !is_word_char(c));
            match lookup(word, lang) {
                Some((v, false)) if is_scale(v) && v > 100 || (v == 100 && scale == 1) => {
                    scale = scale.saturating_mul(v);
                    last = w_start + word.len();
                }
                _ => break,
            }
            if word.len() < w.len() {
                break;
            }
        }
        if scale > 1
            && let Some(value) = scaled(digits, scale)
        {
            out.push(SpelledNumber { span: start..last, value });
        }
    }
}

/// `digits` (grouped or decimal, as [`crate::anchor::numbers`] reads them)
/// times `scale`, when the product is a whole number.
fn scaled(digits: &str, scale: u64) -> Option<u64> {
    let norm = crate::anchor::numbers(digits).into_iter().next()?;
    let (int, frac) = norm.split_once('.').unwrap_or((&norm, ""));
    let mut value = int.parse::<u64>().ok()?.checked_mul(scale)?;
    let mut unit = scale;
    for d in frac.bytes() {
        if !unit.is_multiple_of(10) {
            return None;
        }
        unit /= 10;
        value = value.checked_add(u64::from(d - b'0') * unit)?;
    }
    (value > 2).then_some(value)
}

/// The value of a Chinese or Japanese numeral character: a digit (〇零 are
/// 0, 两兩 2) or a unit (十百千) or a scale (万萬 10⁴, 亿億 10⁸).
fn han_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Numbers written in Chinese or Japanese numerals, "五千" (5000),
/// "十二万三千" (123000), "二〇一九" (2019), and digits with a scale
/// character, "3万" (30000), "1.5亿" (150000000).
///
/// Words that hold numerals without being numbers are left out: a run that
/// begins with 万 or 亿 ("万一" in case), 百 or 千 without a digit ("百姓"
/// the people, "千万" by all means; but Japanese "千四百万" is 14000000),
/// "十分" (very), and runs of two or three bare digits ("三四" is "three or
/// four").
fn han_numbers(text: &str, out: &mut Vec<SpelledNumber>) {
    // 〇 is U+3007 (lead byte 0xE3), the others are in U+4E00..U+9FFF.
    if !text.bytes().any(|b| b >= 0xE3) {
        return;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if han_value(chars[k].1).is_none() {
            k += 1;
            continue;
        }
        let first = k;
        while k < chars.len() && han_value(chars[k].1).is_some() {
            k += 1;
        }
        let run: Vec<u64> = chars[first..k].iter().filter_map(|&(_, c)| han_value(c)).collect();
        let start = chars[first].0;
        let end = chars.get(k).map_or(text.len(), |&(i, _)| i);
        // Digits just before a run of scales: "1.5亿", "300万".
        let mut d = first;
        while d > 0 && (chars[d - 1].1.is_ascii_digit() || (d > 1 && matches!(chars[d - 1].1, '.' | ','))) {
            d -= 1;
        }
        while d < first && !chars[d].1.is_ascii_digit() {
            d += 1;
        }
        if d < first && run.iter().all(|&v| v >= 1_000) {
            let scale = run.iter().try_fold(1u64, |s, &v| s.checked_mul(v));
            if let Some(value) = scale.and_then(|scale| scaled(&text[chars[d].0..start], scale)) {
                out.push(SpelledNumber { span: chars[d].0..end, value });
            }
            continue;
        }
        let very = run == [10] && chars.get(k).is_some_and(|&(_, c)| c == '分');
        // 千四百万 (Japanese drops the 一 before 千 and 百) is a number; 千万
        // and 百 alone are not, nor is anything that begins with 万 or 亿.
        let bare_unit = run[0] >= 100 && (run[0] >= 10_000 || !run.iter().any(|&v| (1..10).contains(&v)));
        if bare_unit || very {
            continue;
        }
        let value = if run.iter().all(|&v| v < 10) {
            // Digit by digit (years): "二〇一九", not "三四".
            if run.len() == 1 || (run.len() >= 4 || run.contains(&0)) {
                run.iter().try_fold(0u64, |n, &v| n.checked_mul(10)?.checked_add(v))
            } else {
                None
            }
        } else {
            han_positional(&run)
        };
        if let Some(value) = value.filter(|&v| v > 2) {
            out.push(SpelledNumber { span: start..end, value });
        }
    }
}

/// The value of numerals with units: 三亿五千万 = 350000000,
/// 十二万三千四百零五 = 123405. `total` holds what the scales closed,
/// `section` the part below 万, `digit` the last digit read.
fn han_positional(run: &[u64]) -> Option<u64> {
    let (mut total, mut section, mut digit) = (0u64, 0u64, 0u64);
    for &v in run {
        match v {
            0..=9 => digit = v,
            10 | 100 | 1_000 => {
                // 十 alone is ten: "十五" is 15.
                section = section.checked_add(digit.max(1).checked_mul(v)?)?;
                digit = 0;
            }
            10_000 => {
                total = total.checked_add(section.checked_add(digit)?.max(1).checked_mul(v)?)?;
                section = 0;
                digit = 0;
            }
            _ => {
                total = total.checked_add(section)?.checked_add(digit)?.max(1).checked_mul(v)?;
                section = 0;
                digit = 0;
            }
        }
    }
    total.checked_add(section)?.checked_add(digit)
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
        // No number word in the tables is longer than 16 letters
        // ("cuatrocientos", "восемнадцать"), and so 16 bytes when ASCII.
        let mut buf = [0u8; 16];
        let bytes = word.as_bytes();
        if bytes.len() > 2 * buf.len() {
            return None;
        }
        if !bytes.iter().all(u8::is_ascii_alphabetic) {
            return lang.number_word(&word.to_lowercase()).map(|v| (v, false));
        }
        if bytes.len() > buf.len() {
            return None;
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
    fn russian_words_and_scales() {
        // Russian number words are longer in bytes than any Latin one.
        assert_eq!(read("восемнадцать человек и двадцать пять домов", "ru"), ["18", "25"]);
        assert_eq!(read("расходы составили 3,5 млрд рублей", "ru"), ["3500000000"]);
        assert_eq!(read("пять тысяч триста", "ru"), ["5300"]);
    }

    #[test]
    fn italian_portuguese_and_dutch_words() {
        // Italian and Dutch write 21 to 99 as one word.
        assert_eq!(read("ventitré case e trentotto strade", "it"), ["23", "38"]);
        assert_eq!(read("tre milioni di euro, duemila persone", "it"), ["3000000", "2000"]);
        assert_eq!(read("vinte e cinco casas e dois mil carros", "pt"), ["25", "2000"]);
        assert_eq!(read("3,5 milhões de pessoas", "pt"), ["3500000"]);
        assert_eq!(read("vijfentwintig huizen en tweeëntwintig straten", "nl"), ["25", "22"]);
        assert_eq!(read("drie miljoen euro", "nl"), ["3000000"]);
    }

    #[test]
    fn turkish_polish_greek_hebrew_and_hindi_words() {
        assert_eq!(read("yirmi beş ev ve iki bin araba", "tr"), ["25", "2000"]);
        assert_eq!(read("dwadzieścia pięć domów i trzy tysiące", "pl"), ["25", "3000"]);
        assert_eq!(read("είκοσι πέντε σπίτια και δύο χιλιάδες", "el"), ["25", "2000"]);
        assert_eq!(read("עשרים וחמישה בתים, שלושה אלפים", "he"), ["20", "3000"]);
        assert_eq!(read("पाँच हज़ार लोग और बीस घर", "hi"), ["5000", "20"]);
    }

    #[test]
    fn persian_and_urdu_words() {
        // Persian and Urdu write ی ک ہ where Arabic writes ي ك ه: the tables
        // hold the folded forms.
        assert_eq!(read("بیست و پنج نفر و دو هزار خانه", "fa"), ["25", "2000"]);
        assert_eq!(read("۱.۵ میلیارد دلار", "fa"), ["1500000000"]);
        assert_eq!(read("پانچ ہزار لوگ اور بیس گھر", "ur"), ["5000", "20"]);
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
    fn chinese_and_japanese_numerals() {
        // Read in any document: Chinese and Japanese have tables without
        // number words.
        let (und, ja) = (crate::lang::detect("这家公司雇用了员工"), crate::lang::detect("三億円の予算だ"));
        assert_eq!((und.code, ja.code), ("zh", "ja"));
        assert_eq!(spelled_numbers("三億円の予算だ", ja)[0].value, 300_000_000);
        let zh = |t: &str| -> Vec<String> {
            spelled_numbers(t, und).iter().map(|n| n.value.to_string()).collect()
        };
        assert_eq!(zh("雇用了五千名员工，又招了三百人"), ["5000", "300"]);
        assert_eq!(zh("十二万三千四百零五"), ["123405"]);
        assert_eq!(zh("三亿五千万元"), ["350000000"]);
        assert_eq!(zh("十五年前，二〇一九年"), ["15", "2019"]);
        assert_eq!(zh("花了1.5亿元，300万人，2,000万"), ["150000000", "3000000", "20000000"]);
        assert_eq!(zh("東京の人口は千四百万人、三億円"), ["14000000", "300000000"]);
        // Not numbers: 十分 (very), 百姓 (the people), 千万 (by all means),
        // 万一 (in case), three or four (三四), and one or two.
        assert!(zh("他十分高兴，老百姓千万别担心，万一呢？三四个人，一个，两个").is_empty());
        let text = "共有五千人";
        let found = spelled_numbers(text, und);
        assert_eq!(&text[found[0].span.clone()], "五千");
    }

    #[test]
    fn digits_with_scale_words() {
        assert_eq!(read("cost 150 million dollars and 1.5 billion", "en"), ["150000000", "1500000000"]);
        assert_eq!(read("تكلفة ١٫٥ مليار دولار", "ar"), ["1500000000"]);
        assert_eq!(read("3 Millionen Menschen", "de"), ["3000000"]);
        assert_eq!(read("2,5 milliards", "fr"), ["2500000000"]);
        // A scale word after other punctuation, or no scale word, is not one.
        assert!(read("in 2019, million people", "en").is_empty());
        assert!(read("about 150 people", "en").is_empty());
        let text = "cost 150 million dollars";
        let found = spelled_numbers(text, by_code("en").unwrap());
        assert_eq!(&text[found[0].span.clone()], "150 million");
    }

    #[test]
    fn no_number_word_is_longer_than_the_lookup_buffer() {
        for rules in crate::lang::ALL {
            for (w, _) in rules.number_words {
                let limit = if w.is_ascii() { 16 } else { 32 };
                assert!(w.len() <= limit || rules.script == Script::Arabic, "{w}");
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
