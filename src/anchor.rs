//! Anchor terms: tokens that survive translation and tie a source sentence to
//! a target sentence — numbers in any digit script, Latin tokens found on
//! both sides, names matched through transliteration, dictionary pairs — and
//! punctuation counts.
//!
//! The output is a sparse table of sentence-pair similarities, computed once
//! before the search, so the DP only looks numbers up.

use std::collections::HashMap;

use crate::config::AnchorConfig;
use crate::dict::Dictionary;
use crate::lang::{LangRules, Script, script_of};
use crate::numwords::SpelledNumber;
use crate::segment::Sentence;

/// Number of punctuation classes counted per sentence.
pub const PUNCT_CLASSES: usize = 7;

/// The punctuation class of a character: question, exclamation, quote,
/// bracket, colon, semicolon, percent. The full-width forms of Chinese and
/// Japanese, the Ethiopic and Greek marks count with their Latin kin (a
/// Greek `;` is a question mark: see [`punct_class_after`]).
pub fn punct_class(c: char) -> Option<usize> {
    Some(match c {
        '?' | '؟' | '¿' | '？' | '\u{037E}' | '፧' => 0,
        '!' | '¡' | '！' => 1,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' | '＂' => {
            2
        }
        '(' | ')' | '[' | ']' | '（' | '）' | '［' | '］' | '【' | '】' | '〔' | '〕' => 3,
        ':' | '：' | '፥' => 4,
        ';' | '؛' | '；' | '\u{0387}' | '፤' => 5,
        '%' | '٪' | '‰' | '％' => 6,
        _ => return None,
    })
}

/// [`punct_class`] of `c` where the last letter before it was Greek or not
/// (see [`after_greek`]): Greek writes its question mark as `;` (U+037E
/// folds to it under NFC).
#[inline]
pub fn punct_class_after(c: char, after_greek: bool) -> Option<usize> {
    if c == ';' && after_greek {
        return Some(0);
    }
    punct_class(c)
}

/// Whether the last letter is Greek once `c` is read, given whether it was
/// before: what [`punct_class_after`] and the segmenter need to read `;`.
#[inline]
pub(crate) fn after_greek(before: bool, c: char) -> bool {
    script_of(c).map_or(before, |s| s == Script::Greek)
}

/// First code point ("zero") of each Unicode decimal digit block in use,
/// ascending, so that [`digit_value`] stops at the first block above its
/// character (most letters of a text are below or between the blocks).
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50,
    0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The value of a decimal digit in any script (`٣` and `۳` are 3).
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let u = c as u32;
    DIGIT_ZEROS.iter().take_while(|&&z| z <= u).find(|&&z| u < z + 10).map(|&z| u - z)
}

fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '٫' | '٬' | '\'' | '’' | '\u{00A0}' | '\u{202F}')
}

/// Numbers in a text, normalised across digit scripts and separators:
/// `6,000`, `٦٬٠٠٠` and `6000` are all `6000`; `3.5`, `٣٫٥` and `3,5` are `3.5`.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit_value(chars[i]).is_none() {
            i += 1;
            continue;
        }
        // groups of digits and the separators between them
        let mut groups: Vec<String> = vec![String::new()];
        let mut seps: Vec<char> = Vec::new();
        while i < chars.len() {
            if let Some(d) = digit_value(chars[i]) {
                groups.last_mut().expect("one group").push(char::from_digit(d, 10).expect("digit"));
                i += 1;
            } else if is_number_separator(chars[i])
                && i + 1 < chars.len()
                && digit_value(chars[i + 1]).is_some()
            {
                seps.push(chars[i]);
                groups.push(String::new());
                i += 1;
            } else {
                break;
            }
        }
        let mut norm = groups[0].trim_start_matches('0').to_string();
        if norm.is_empty() {
            norm.push('0');
        }
        for (sep, group) in seps.iter().zip(&groups[1..]) {
            let grouping = match sep {
                '٬' | '\'' | '’' | '\u{00A0}' | '\u{202F}' => true,
                '٫' => false,
                _ => group.len() == 3,
            };
            if !grouping {
                norm.push('.');
            }
            norm.push_str(group);
        }
        out.push(norm);
    }
    out
}

/// Words of a text: maximal runs of letters (and marks), with their script.
/// Scripts written without spaces (Chinese, Japanese, Thai…) end a word
/// where they meet another script, so that "FBI" in "美国FBI调查" is a word.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .flat_map(|w| UnspacedRuns { rest: w })
        .filter(|w| !w.is_empty() && w.chars().any(|c| digit_value(c).is_none()))
}

/// A word cut where a script written without spaces meets another.
struct UnspacedRuns<'a> {
    rest: &'a str,
}

impl<'a> Iterator for UnspacedRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        // Every unspaced script lies above U+0E00, which UTF-8 writes with
        // a lead byte of 0xE0 or more: Latin, Cyrillic and Arabic words
        // return whole at once.
        let cut = if self.rest.bytes().any(|b| b >= 0xE0) {
            let mut chars = self.rest.char_indices();
            let first = chars.next().map(|(_, c)| is_unspaced(c));
            chars.find(|&(_, c)| Some(is_unspaced(c)) != first).map_or(self.rest.len(), |(i, _)| i)
        } else {
            self.rest.len()
        };
        let (word, rest) = self.rest.split_at(cut);
        self.rest = rest;
        Some(word)
    }
}

/// Letters of scripts written without spaces between words: Thai, Lao,
/// Tibetan, Myanmar, Khmer, kana, Han, Hangul syllables.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Letters, digits and combining marks; fast paths for ASCII and Arabic.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_alphanumeric()
    } else if (0x0600..=0x06FF).contains(&u) {
        crate::lang::is_arabic_letter(u) || digit_value(c).is_some() || is_mark(c)
    } else {
        c.is_alphanumeric() || is_mark(c) || is_inner_mark(u)
    }
}

/// Marks inside words that Unicode does not count as alphabetic: the
/// nukta and virama of the Indic scripts (हज़ार, मंत्री would split at
/// them) and Hebrew points; not the dandas or Hebrew punctuation.
#[inline]
fn is_inner_mark(u: u32) -> bool {
    matches!(u, 0x0900..=0x0963 | 0x0966..=0x0DFF | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7)
}

/// Arabic diacritics (harakat), tatweel and other combining marks.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640 | 0x0300..=0x036F)
}

/// The script most letters of the first sentences are in, Cyrillic and
/// Greek told apart ([`crate::lang::ScriptCounts`] counts them as other).
fn dominant_script(sents: &[Sentence]) -> Option<Script> {
    let mut counts: HashMap<Script, usize> = HashMap::new();
    for c in sents.iter().flat_map(|s| s.text.chars()).take(20_000) {
        if let Some(s) = script_of(c) {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(s, n)| (n, s as u8)).map(|(s, _)| s)
}

/// The script of a word's first letter.
fn word_script(w: &str) -> Option<Script> {
    w.chars().find_map(script_of)
}

/// Normalises an Arabic-script word for matching: no diacritics or tatweel,
/// one alef, final ى as ي, ة as ه, and the Persian and Urdu forms of yeh,
/// kaf and heh as the Arabic ones (Arabic typed on a Persian keyboard
/// writes ی and ک too).
pub fn normalise_arabic(w: &str) -> String {
    w.chars()
        .filter(|&c| !is_mark(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' | 'ې' | 'ے' => 'ي',
            'ک' => 'ك',
            'ة' | 'ہ' | 'ۀ' | 'ە' => 'ه',
            _ => c,
        })
        .collect()
}

/// An Arabic word and the same word without leading clitics (و ف ب ل ك and
/// the article ال), each of at least three letters.
pub fn arabic_forms(w: &str) -> Vec<String> {
    let w = normalise_arabic(w);
    let mut forms = vec![w.clone()];
    let mut rest: &str = &w;
    for prefix in ["و", "ف"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.chars().count() >= 3 {
                rest = r;
                forms.push(rest.to_string());
            }
            break;
        }
    }
    for prefix in ["بال", "كال", "لل", "ال", "ب", "ل", "ك"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.chars().count() >= 3 {
                forms.push(r.to_string());
            }
            break;
        }
    }
    forms
}

/// A consonant skeleton of an Arabic word, in the classes of
/// [`latin_skeleton`]: long vowels, hamza, ʿayn and h are dropped, and sounds
/// that English spells alike share a letter.
pub fn arabic_skeleton(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let k = match c {
            'ب' | 'پ' => 'b',
            'ت' | 'ط' | 'ث' => 't',
            'د' | 'ض' | 'ذ' | 'ظ' => 'd',
            'س' | 'ص' | 'ش' | 'ز' => 's',
            'ك' | 'ک' | 'ق' | 'خ' => 'k',
            'غ' | 'ج' | 'گ' | 'چ' => 'g',
            'ف' | 'ڤ' => 'f',
            'ر' => 'r',
            'ل' => 'l',
            'م' => 'm',
            'ن' => 'n',
            _ => continue,
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}

/// A Hebrew word without its points, and without each leading particle it
/// may carry (ו and, ה the, ב in, ל to, מ from, ש that, כ as, and pairs of
/// them such as וה, מה, שב), each form of at least three letters.
pub fn hebrew_forms(w: &str) -> Vec<String> {
    let w: String = w.chars().filter(|&c| !is_mark(c) && ('\u{05D0}'..='\u{05EA}').contains(&c)).collect();
    let mut forms = vec![w.clone()];
    let particle = |c: char| matches!(c, 'ו' | 'ה' | 'ב' | 'ל' | 'מ' | 'ש' | 'כ');
    let mut rest = w.as_str();
    for _ in 0..2 {
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if particle(c) && chars.as_str().chars().count() >= 3 => {
                rest = chars.as_str();
                forms.push(rest.to_string());
            }
            _ => break,
        }
    }
    forms
}

/// Consonant skeletons of a Hebrew word, in the classes of
/// [`latin_skeleton`]. Vowel letters (א ה ו י ע) and ח are dropped; ב and
/// פ are b or f (Abraham, Aviv; Peres, Efrat) and ו inside a word may be v
/// (David), so a word has one skeleton per reading, up to 16.
pub fn hebrew_skeletons(w: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (k, c) in w.chars().enumerate() {
        let readings: &[char] = match c {
            'ב' | 'פ' | 'ף' => &['b', 'f'],
            'ו' if k > 0 => &['\0', 'f'],
            'ג' => &['g'],
            'ד' => &['d'],
            'ז' | 'ס' | 'צ' | 'ץ' | 'ש' => &['s'],
            'ט' | 'ת' => &['t'],
            'כ' | 'ך' | 'ק' => &['k'],
            'ל' => &['l'],
            'מ' | 'ם' => &['m'],
            'נ' | 'ן' => &['n'],
            'ר' => &['r'],
            _ => continue,
        };
        if out.len() * readings.len() > 16 {
            // Too many readings: keep the first.
            for sk in &mut out {
                push_class(sk, readings[0]);
            }
            continue;
        }
        let mut next = Vec::with_capacity(out.len() * readings.len());
        for sk in &out {
            for &r in readings {
                let mut sk = sk.clone();
                push_class(&mut sk, r);
                if !next.contains(&sk) {
                    next.push(sk);
                }
            }
        }
        out = next;
    }
    out
}

/// Appends a skeleton class unless it repeats the last one ('\0' appends
/// nothing).
fn push_class(sk: &mut String, k: char) {
    if k != '\0' && !sk.ends_with(k) {
        sk.push(k);
    }
}

/// A consonant skeleton of a Latin-script name: `Baghdad` → `bgdd`,
/// `Washington` → `sngtn`, matching [`arabic_skeleton`]`("بغداد")` = `bgdd`.
pub fn latin_skeleton(w: &str) -> String {
    let lower: Vec<char> = w.chars().filter_map(fold_latin).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        let next = lower.get(i + 1).copied();
        let (k, step) = match (c, next) {
            ('s' | 'c', Some('h')) => (Some('s'), 2),
            ('t' | 'd' | 'k' | 'g', Some('h')) => (
                Some(if c == 'g' {
                    'g'
                } else if c == 'k' {
                    'k'
                } else {
                    c
                }),
                2,
            ),
            ('p', Some('h')) => (Some('f'), 2),
            ('c', Some('k')) => (Some('k'), 2),
            ('c', Some('e' | 'i' | 'y')) => (Some('s'), 1),
            ('b' | 'p', _) => (Some('b'), 1),
            ('c' | 'k' | 'q', _) => (Some('k'), 1),
            ('x', _) => {
                if !out.ends_with('k') {
                    out.push('k');
                }
                (Some('s'), 1)
            }
            ('z' | 's', _) => (Some('s'), 1),
            ('g' | 'j', _) => (Some('g'), 1),
            ('f' | 'v', _) => (Some('f'), 1),
            ('d' | 't' | 'l' | 'm' | 'n' | 'r', _) => (Some(c), 1),
            _ => (None, 1),
        };
        if let Some(k) = k.filter(|&k| !out.ends_with(k)) {
            out.push(k);
        }
        i += step;
    }
    out
}

/// Kinds of anchor, for weights and reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKind {
    /// A number.
    Number,
    /// A token spelled the same on both sides.
    Token,
    /// A name matched through transliteration.
    Name,
    /// A bilingual dictionary pair.
    Dict,
    /// Words of two Latin-script languages sharing their first letters.
    Cognate,
}

/// The anchors of a document pair as sparse sentence-pair weights.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// For each source sentence, (target sentence, weight) pairs, sorted.
    pub links: Vec<Vec<(u32, f32)>>,
    /// Total anchor weight of each source sentence.
    pub mass_src: Vec<f32>,
    /// Total anchor weight of each target sentence.
    pub mass_tgt: Vec<f32>,
    /// Anchors used, by kind.
    pub used: HashMap<AnchorKind, usize>,
    /// Anchor weight a sentence pair shares by chance: the mean over pairs
    /// far from the diagonal. Near zero for numbers and names; a general
    /// dictionary links words that recur through a topic, and without this
    /// correction a bead would gain by taking in a neighbour.
    pub background: f64,
}

/// Occurrences of one anchor key on each side (sentence indices, no repeats).
#[derive(Default)]
struct Occurrences {
    src: Vec<u32>,
    tgt: Vec<u32>,
}

impl Occurrences {
    fn add(list: &mut Vec<u32>, i: u32) {
        if list.last() != Some(&i) {
            list.push(i);
        }
    }
}

type Keys = HashMap<(AnchorKind, String), Occurrences>;

/// One side of a pair as the anchor finder reads it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The sentences.
    pub sents: &'a [Sentence],
    /// Their language.
    pub lang: &'a LangRules,
    /// The numbers spelled out in each sentence ([`crate::numwords`]),
    /// found once for the anchors and the length model.
    pub spelled: &'a [Vec<SpelledNumber>],
}

/// Finds the anchors between two sides.
pub fn find(src_side: &Side, tgt_side: &Side, dicts: &[&Dictionary], cfg: &AnchorConfig) -> Anchors {
    let (src, tgt, src_lang, tgt_lang) = (src_side.sents, tgt_side.sents, src_side.lang, tgt_side.lang);
    let mut keys: Keys = HashMap::new();
    let (src_scales, tgt_scales) = (reads_scales(src_side), reads_scales(tgt_side));
    collect_numbers_and_tokens(src_side, true, tgt_scales, &mut keys);
    collect_numbers_and_tokens(tgt_side, false, src_scales, &mut keys);
    let scripts = (src_lang.script, tgt_lang.script);
    // Names: a language without a table still has a script.
    let name_script = |side: &Side| match side.lang.script {
        Script::Other => dominant_script(side.sents),
        known => Some(known),
    };
    let has_names = |s| matches!(s, Some(Script::Arabic | Script::Hebrew | Script::Cyrillic | Script::Greek));
    match (name_script(src_side), name_script(tgt_side)) {
        (Some(Script::Latin), Some(other)) if has_names(Some(other)) => {
            collect_names(src, src_lang, tgt, other, true, cfg, &mut keys)
        }
        (Some(other), Some(Script::Latin)) if has_names(Some(other)) => {
            collect_names(tgt, tgt_lang, src, other, false, cfg, &mut keys)
        }
        _ => {}
    }
    if scripts == (Script::Latin, Script::Latin) && cfg.cognate_weight > 0.0 {
        collect_cognates(src, true, cfg, &mut keys);
        collect_cognates(tgt, false, cfg, &mut keys);
    }
    if !dicts.is_empty() {
        let wanted = |form: &str| dicts.iter().any(|d| d.has_word(form));
        let (src_index, tgt_index) = (word_index(src, wanted), word_index(tgt, wanted));
        for dict in dicts {
            collect_dict(&src_index, &tgt_index, dict, &mut keys);
        }
    }
    build(keys, src.len(), tgt.len(), cfg)
}

/// Whether a side reads digits with a scale word ("2 billion", "300万") as
/// one number: its language has number words, or its text has such numbers.
fn reads_scales(side: &Side) -> bool {
    !side.lang.number_words.is_empty()
        || side.spelled.iter().zip(side.sents).any(|(found, s)| found.iter().any(|n| is_scaled(n, &s.text)))
}

/// A number read from digits and a scale word, not from words alone.
fn is_scaled(n: &SpelledNumber, text: &str) -> bool {
    text[n.span.clone()].starts_with(|c: char| digit_value(c).is_some())
}

/// Number keys and Latin tokens. The digits of "2 billion" are a number of
/// their own beside 2000000000, so that they match "2 milliarder" in a
/// language tandem cannot read; but when the other side reads scales too,
/// they are left out, or "2 billion" and "2 مليار" would match twice.
fn collect_numbers_and_tokens(side: &Side, is_src: bool, other_reads_scales: bool, keys: &mut Keys) {
    for (i, s) in side.sents.iter().enumerate() {
        let found = side.spelled.get(i).map_or(&[][..], Vec::as_slice);
        let mut nums = numbers(&s.text);
        if other_reads_scales {
            for n in found.iter().filter(|n| is_scaled(n, &s.text)) {
                if let Some(digits) = numbers(&s.text[n.span.clone()]).first()
                    && let Some(k) = nums.iter().position(|d| d == digits)
                {
                    nums.remove(k);
                }
            }
        }
        let spelled = found.iter().map(|n| n.value.to_string());
        for n in nums.into_iter().chain(spelled) {
            let occ = keys.entry((AnchorKind::Number, n)).or_default();
            Occurrences::add(if is_src { &mut occ.src } else { &mut occ.tgt }, i as u32);
        }
        for w in words(&s.text) {
            if word_script(w) != Some(Script::Latin) {
                continue;
            }
            let upper = w.chars().filter(|c| c.is_uppercase()).count();
            let len = w.chars().count();
            if len < 3 && !(len == 2 && upper == 2) {
                continue;
            }
            let occ = keys.entry((AnchorKind::Token, w.to_lowercase())).or_default();
            Occurrences::add(if is_src { &mut occ.src } else { &mut occ.tgt }, i as u32);
        }
    }
}

/// Cognates (Simard, Foster & Isabelle 1992): long words that begin alike
/// in two languages of one script ("Gletscher" and "glacier" do not,
/// "Expedition" and "expédition" do), keyed by their first letters without
/// accents.
fn collect_cognates(sents: &[Sentence], is_src: bool, cfg: &AnchorConfig, keys: &mut Keys) {
    for (i, s) in sents.iter().enumerate() {
        for w in words(&s.text) {
            if w.chars().count() < cfg.cognate_min_len || word_script(w) != Some(Script::Latin) {
                continue;
            }
            let prefix: String = w.chars().filter_map(fold_latin).take(cfg.cognate_prefix).collect();
            let occ = keys.entry((AnchorKind::Cognate, prefix)).or_default();
            Occurrences::add(if is_src { &mut occ.src } else { &mut occ.tgt }, i as u32);
        }
    }
}

/// A Latin letter in lower case without its accent (é, è, ê → e; ß → s);
/// None for a combining mark.
fn fold_latin(c: char) -> Option<char> {
    if is_mark(c) {
        return None;
    }
    let c = c.to_lowercase().next().unwrap_or(c);
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        _ => c,
    })
}

/// Names: capitalised Latin words that are not function words and never
/// appear in lower case, matched to Arabic words by skeleton similarity.
fn collect_names(
    latin: &[Sentence],
    latin_lang: &LangRules,
    other: &[Sentence],
    other_script: Script,
    latin_is_src: bool,
    cfg: &AnchorConfig,
    keys: &mut Keys,
) {
    let lower_seen = lower_case_words(latin);
    // Latin name types → their sentences.
    let mut names: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, s) in latin.iter().enumerate() {
        for w in words(&s.text) {
            if word_script(w) != Some(Script::Latin) || !w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let lower = w.to_lowercase();
            if w.chars().count() < 3
                || latin_lang.is_function_word(&lower)
                || lower_seen.contains(lower.as_str())
            {
                continue;
            }
            let list = names.entry(lower).or_default();
            Occurrences::add(list, i as u32);
        }
    }
    // Skeletons of the other side's words → their sentences, bucketed by
    // first letter. Arabic and Hebrew have no capitals: every word may be a
    // name. Cyrillic and Greek do: their names are capitalised words that
    // the text never writes in lower case, romanised first.
    let caseless = matches!(other_script, Script::Arabic | Script::Hebrew);
    let other_lower_seen = if caseless { Default::default() } else { lower_case_words(other) };
    let mut skeletons: HashMap<String, Vec<u32>> = HashMap::new();
    for (j, s) in other.iter().enumerate() {
        for w in words(&s.text) {
            if word_script(w) != Some(other_script) {
                continue;
            }
            if other_script == Script::Hebrew {
                let mut seen: Vec<String> = Vec::new();
                for form in hebrew_forms(w) {
                    for sk in hebrew_skeletons(&form) {
                        if sk.len() >= 2 && !seen.contains(&sk) {
                            Occurrences::add(skeletons.entry(sk.clone()).or_default(), j as u32);
                            seen.push(sk);
                        }
                    }
                }
                continue;
            }
            if !caseless {
                let lower = w.to_lowercase();
                if w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().count() >= 3
                    && !other_lower_seen.contains(lower.as_str())
                {
                    let sk = latin_skeleton(&crate::translit::to_latin(&lower));
                    if sk.len() >= 2 {
                        Occurrences::add(skeletons.entry(sk).or_default(), j as u32);
                    }
                }
                continue;
            }
            let mut seen: Vec<String> = Vec::new();
            for form in arabic_forms(w) {
                let sk = arabic_skeleton(&form);
                if sk.len() >= 2 && !seen.contains(&sk) {
                    Occurrences::add(skeletons.entry(sk.clone()).or_default(), j as u32);
                    seen.push(sk);
                }
            }
        }
    }
    let mut by_first: HashMap<char, Vec<(&String, &Vec<u32>)>> = HashMap::new();
    for (sk, occ) in &skeletons {
        by_first.entry(sk.chars().next().expect("non-empty")).or_default().push((sk, occ));
    }
    for (name, latin_occ) in names {
        let sk = latin_skeleton(&name);
        if sk.len() < 2 {
            continue;
        }
        let Some(cands) = by_first.get(&sk.chars().next().expect("non-empty")) else { continue };
        let mut arabic_occ: Vec<u32> = Vec::new();
        for (ask, occ) in cands {
            let close = if sk.len() <= 3 || ask.len() <= 3 {
                **ask == sk
            } else {
                ask.len().abs_diff(sk.len()) <= 2 && strsim::jaro_winkler(ask, &sk) >= cfg.name_similarity
            };
            if close {
                arabic_occ.extend(occ.iter().copied());
            }
        }
        if arabic_occ.is_empty() {
            continue;
        }
        arabic_occ.sort_unstable();
        arabic_occ.dedup();
        let occ = keys.entry((AnchorKind::Name, name)).or_default();
        if latin_is_src {
            occ.src = latin_occ;
            occ.tgt = arabic_occ;
        } else {
            occ.src = arabic_occ;
            occ.tgt = latin_occ;
        }
    }
}

/// The words the text writes in lower case somewhere: a capitalised word
/// among them is a common word at the start of a sentence, not a name.
fn lower_case_words(sents: &[Sentence]) -> std::collections::HashSet<&str> {
    sents
        .iter()
        .flat_map(|s| words(&s.text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// Dictionary pairs found in the two sides. A dictionary may be written
/// either way round (an Arabic–English one for an English–Arabic pair): the
/// orientation whose source words occur in more source sentences is used.
/// A row found in several dictionaries is one anchor.
fn collect_dict(src_index: &WordIndex, tgt_index: &WordIndex, dict: &Dictionary, keys: &mut Keys) {
    // The entries whose phrase on `side` is found in the source document:
    // looked up through the document's words, not the dictionary's.
    let found = |side: usize| -> Vec<u32> {
        let mut found: Vec<u32> = src_index
            .keys()
            .flat_map(|w| dict.starting_with(side, w))
            .copied()
            .filter(|&n| {
                // The first word is in the document; the others must be
                // too, in one sentence.
                let (s, t) = &dict.entries()[n as usize];
                let phrase = if side == 0 { s } else { t };
                phrase.len() == 1 || !phrase_sentences(src_index, phrase).is_empty()
            })
            .collect();
        found.sort_unstable();
        found
    };
    let (as_written, turned) = (found(0), found(1));
    let swapped = turned.len() > as_written.len();
    for n in if swapped { turned } else { as_written } {
        let (s_words, t_words) = &dict.entries()[n as usize];
        let (s_words, t_words) = if swapped { (t_words, s_words) } else { (s_words, t_words) };
        let s_occ = phrase_sentences(src_index, s_words);
        let t_occ = phrase_sentences(tgt_index, t_words);
        if t_occ.is_empty() {
            continue;
        }
        // One anchor per row: a word listed with three translations counts
        // where each of them is found (pooling them into one anchor lost
        // 0.01 on alignar, as its count often passed `max_count`).
        let key = format!("{}\t{}", s_words.join(" "), t_words.join(" "));
        keys.insert((AnchorKind::Dict, key), Occurrences { src: s_occ, tgt: t_occ });
    }
}

type WordIndex = HashMap<String, Vec<u32>>;

/// Lookup forms of the words (see [`Dictionary::forms`]) that `wanted`
/// keeps → sentences. The forms of a word are found once per distinct word:
/// text repeats words.
fn word_index(sents: &[Sentence], wanted: impl Fn(&str) -> bool) -> WordIndex {
    let mut index: WordIndex = HashMap::new();
    let mut forms: HashMap<&str, Vec<String>> = HashMap::new();
    for (i, s) in sents.iter().enumerate() {
        for w in words(&s.text) {
            let forms = forms.entry(w).or_insert_with(|| {
                let mut f = Dictionary::forms(w);
                f.retain(|form| wanted(form));
                f
            });
            for form in forms.iter() {
                match index.get_mut(form) {
                    Some(list) => Occurrences::add(list, i as u32),
                    None => {
                        index.insert(form.clone(), vec![i as u32]);
                    }
                }
            }
        }
    }
    index
}

/// Sentences holding every word of a phrase.
fn phrase_sentences(index: &WordIndex, phrase: &[String]) -> Vec<u32> {
    let mut out: Option<Vec<u32>> = None;
    for w in phrase {
        let Some(occ) = index.get(w) else { return Vec::new() };
        out = Some(match out {
            None => occ.clone(),
            Some(prev) => prev.into_iter().filter(|i| occ.binary_search(i).is_ok()).collect(),
        });
    }
    out.unwrap_or_default()
}

/// Whether the `p`-th of `a` occurrences on one side may be the `q`-th of
/// `b` on the other: translation keeps order, so their ranks, scaled to
/// [0, 1), must overlap. With two on each side, the first links to the
/// first only; linking every pair would let a bead that merges both
/// collect four links where two sentence pairs share two.
#[inline]
fn ranks_overlap(p: usize, a: usize, q: usize, b: usize) -> bool {
    p * b < (q + 1) * a && q * a < (p + 1) * b
}

/// Keeps the keys rare on both sides with similar counts and turns them into
/// weighted sentence links.
fn build(keys: Keys, n_src: usize, n_tgt: usize, cfg: &AnchorConfig) -> Anchors {
    let mut anchors = Anchors {
        links: vec![Vec::new(); n_src],
        mass_src: vec![0.0; n_src],
        mass_tgt: vec![0.0; n_tgt],
        used: HashMap::new(),
        background: 0.0,
    };
    // Sorted, so that weights are summed in one order on every run: f32 sums
    // depend on order, and outputs must be byte-identical across runs.
    let mut keys: Vec<_> = keys.into_iter().collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for ((kind, _), mut occ) in keys {
        // Ranks (see `ranks_overlap`) are positions in sentence order.
        for list in [&mut occ.src, &mut occ.tgt] {
            if !list.is_sorted() {
                list.sort_unstable();
                list.dedup();
            }
        }
        let (a, b) = (occ.src.len(), occ.tgt.len());
        if a == 0
            || b == 0
            || a.max(b) > cfg.max_count
            || (a.min(b) as f64) < cfg.min_count_ratio * a.max(b) as f64
        {
            continue;
        }
        let kind_weight = match kind {
            AnchorKind::Number => cfg.number_weight,
            AnchorKind::Token => cfg.token_weight,
            AnchorKind::Name => cfg.name_weight,
            AnchorKind::Dict => cfg.dict_weight,
            AnchorKind::Cognate => cfg.cognate_weight,
        };
        let w = (kind_weight / a.max(b) as f64) as f32;
        for (p, &i) in occ.src.iter().enumerate() {
            anchors.mass_src[i as usize] += w;
            for (q, &j) in occ.tgt.iter().enumerate() {
                if ranks_overlap(p, a, q, b) {
                    anchors.links[i as usize].push((j, w));
                }
            }
        }
        for &j in &occ.tgt {
            anchors.mass_tgt[j as usize] += w;
        }
        *anchors.used.entry(kind).or_default() += 1;
    }
    for links in &mut anchors.links {
        links.sort_by_key(|&(j, _)| j);
        // merge repeated targets
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(links.len());
        for &(j, w) in links.iter() {
            match merged.last_mut() {
                Some(last) if last.0 == j => last.1 += w,
                _ => merged.push((j, w)),
            }
        }
        *links = merged;
    }
    anchors.background = background(&anchors.links, n_src, n_tgt);
    anchors
}

/// The mean anchor weight of sentence pairs farther from the diagonal than a
/// tenth of the document (and three sentences): true pairs lie near it.
fn background(links: &[Vec<(u32, f32)>], n_src: usize, n_tgt: usize) -> f64 {
    let (n, m) = (n_src.max(1) as f64, n_tgt as f64);
    let margin = 3.0 + 0.1 * n.max(m);
    let (mut weight, mut near_pairs) = (0.0f64, 0.0f64);
    for (i, row) in links.iter().enumerate() {
        let centre = (i as f64 + 0.5) * m / n;
        let (lo, hi) = ((centre - margin).max(0.0), (centre + margin).min(m));
        near_pairs += (hi - lo).max(0.0);
        for &(j, w) in row {
            if (j as f64 + 0.5 - centre).abs() > margin {
                weight += w as f64;
            }
        }
    }
    let far_pairs = n_src as f64 * m - near_pairs;
    if far_pairs < 1.0 { 0.0 } else { weight / far_pairs }
}

impl Anchors {
    /// Anchor weight shared by source sentences `src` and target sentences
    /// `tgt` (half-open ranges).
    #[inline]
    pub fn shared(&self, src: std::ops::Range<usize>, tgt: std::ops::Range<usize>) -> f64 {
        let mut m = 0.0f64;
        for links in &self.links[src] {
            for &(j, w) in links {
                let j = j as usize;
                if j >= tgt.end {
                    break;
                }
                if j >= tgt.start {
                    m += w as f64;
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_link_by_rank() {
        // Two a side: first to first, second to second.
        assert!(ranks_overlap(0, 2, 0, 2) && ranks_overlap(1, 2, 1, 2));
        assert!(!ranks_overlap(0, 2, 1, 2) && !ranks_overlap(1, 2, 0, 2));
        // One against two: both.
        assert!(ranks_overlap(0, 1, 0, 2) && ranks_overlap(0, 1, 1, 2));
        // Two against three: the middle one may be either.
        assert!(ranks_overlap(0, 2, 1, 3) && ranks_overlap(1, 2, 1, 3));
        assert!(!ranks_overlap(0, 2, 2, 3) && !ranks_overlap(1, 2, 0, 3));
    }

    #[test]
    fn hebrew_names_have_the_skeletons_of_their_latin_spellings() {
        assert_eq!(hebrew_forms("לוושינגטון"), ["לוושינגטון", "וושינגטון", "ושינגטון"]);
        assert_eq!(hebrew_forms("דָּוִד"), ["דוד"], "points are dropped; no form under three letters");
        let reads = |he: &str, en: &str| {
            hebrew_forms(he).iter().any(|f| hebrew_skeletons(f).contains(&latin_skeleton(en)))
        };
        for (he, en) in [
            ("וושינגטון", "Washington"),
            ("דוד", "David"),
            ("ברלין", "Berlin"),
            ("אביב", "Aviv"),
            ("פרס", "Peres"),
            ("בנתניהו", "Netanyahu"),
        ] {
            assert!(reads(he, en), "{he} {en}: {:?} {}", hebrew_skeletons(he), latin_skeleton(en));
        }
        assert!(!reads("ברלין", "Paris"));
        assert!(hebrew_skeletons("בובפבופבוב").len() <= 16);
    }

    #[test]
    fn background_counts_only_links_far_from_the_diagonal() {
        let n = 40;
        let diagonal: Vec<Vec<(u32, f32)>> = (0..n).map(|i| vec![(i as u32, 1.0)]).collect();
        assert_eq!(background(&diagonal, n, n), 0.0);
        let mut far = diagonal.clone();
        far[0].push((30, 2.0));
        let b = background(&far, n, n);
        assert!(b > 0.0 && b < 2.0 / 100.0, "{b}: one link of 2 over the far pairs");
        assert_eq!(background(&[], 0, 5), 0.0);
    }

    #[test]
    fn digit_blocks_are_ascending_and_read_whole() {
        assert!(DIGIT_ZEROS.windows(2).all(|w| w[0] + 10 <= w[1]));
        for &z in DIGIT_ZEROS {
            let c = |u: u32| char::from_u32(u).unwrap();
            assert_eq!((digit_value(c(z)), digit_value(c(z + 9))), (Some(0), Some(9)));
            assert_eq!((digit_value(c(z - 1)), digit_value(c(z + 10))), (None, None), "{z:#x}");
        }
    }

    #[test]
    fn indic_words_hold_their_nukta_and_virama() {
        assert_eq!(words("हज़ार लोग, मंत्री।").collect::<Vec<_>>(), ["हज़ार", "लोग", "मंत्री"]);
        assert_eq!(words("בַּיִת־גדול").collect::<Vec<_>>(), ["בַּיִת", "גדול"]);
    }

    #[test]
    fn numbers_in_every_script() {
        assert_eq!(numbers("6,000 and ٦٬٠٠٠ and 6000 and ۶۰۰۰"), ["6000"; 4]);
        assert_eq!(numbers("3.5% ٣٫٥٪ 3,5 %"), ["3.5"; 3]);
        assert_eq!(numbers("1,234,567.89"), ["1234567.89"]);
        assert_eq!(numbers("F-16s in 2019, 07"), ["16", "2019", "7"]);
        assert_eq!(numbers("no digits"), Vec::<String>::new());
        assert_eq!(numbers("end 5."), ["5"]);
    }

    #[test]
    fn skeletons_match_across_scripts() {
        for (en, ar) in [
            ("Baghdad", "بغداد"),
            ("Mosul", "الموصل"),
            ("Iraq", "العراق"),
            ("Trump", "ترامب"),
            ("Damascus", "دمشق"),
        ] {
            let l = latin_skeleton(en);
            let best = arabic_forms(ar)
                .iter()
                .map(|f| strsim::jaro_winkler(&arabic_skeleton(f), &l))
                .fold(0.0, f64::max);
            assert!(best >= 0.9, "{en} {l} vs {ar}: {best}");
        }
        let l = latin_skeleton("Washington");
        let a = arabic_skeleton(&arabic_forms("واشنطن")[0]);
        assert!(strsim::jaro_winkler(&a, &l) >= 0.88, "{l} {a}");
        assert!(strsim::jaro_winkler(&arabic_skeleton("مدرسة"), &latin_skeleton("Baghdad")) < 0.7);
    }

    #[test]
    fn punctuation_classes() {
        assert_eq!(punct_class('؟'), punct_class('?'));
        assert_eq!(punct_class('«'), punct_class('"'));
        assert_eq!(punct_class('٪'), punct_class('%'));
        assert_eq!(punct_class('؛'), punct_class(';'));
        assert_eq!(punct_class('،'), None);
        assert_eq!(punct_class('？'), punct_class('?'));
        assert_eq!(punct_class('（'), punct_class('('));
        assert_eq!(punct_class('「'), punct_class('"'));
        assert_eq!(punct_class_after(';', after_greek(false, 'ι')), punct_class('?'));
        assert_eq!(punct_class_after(';', after_greek(true, 'e')), punct_class(';'));
        assert!(after_greek(after_greek(false, 'ι'), '»'), "a quote is no letter");
    }

    #[test]
    fn words_part_at_unspaced_scripts() {
        let w: Vec<&str> = words("美国FBI调查了2020年的案件, and Ōsaka's 東京タワー").collect();
        assert_eq!(w, ["美国", "FBI", "调查了", "年的案件", "and", "Ōsaka", "s", "東京タワー"]);
        let ar: Vec<&str> = words("وصل مكتب FBI إلى بغداد").collect();
        assert_eq!(ar, ["وصل", "مكتب", "FBI", "إلى", "بغداد"]);
    }

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, para: 0 }).collect()
    }

    #[test]
    fn finds_each_kind() {
        let en = sents(&["About 6,000 people left.", "The FBI came to Baghdad.", "Nothing here."]);
        let ar = sents(&["غادر نحو ٦٬٠٠٠ شخص.", "وصل مكتب FBI إلى بغداد.", "لا شيء."]);
        let cfg = AnchorConfig::default();
        let (el, al) = (crate::lang::by_code("en").unwrap(), crate::lang::by_code("ar").unwrap());
        let (es, as_) = (crate::numwords::per_sentence(&en, el), crate::numwords::per_sentence(&ar, al));
        let a = find(
            &Side { sents: &en, lang: el, spelled: &es },
            &Side { sents: &ar, lang: al, spelled: &as_ },
            &[],
            &cfg,
        );
        assert!(a.shared(0..1, 0..1) > 0.0);
        assert!(a.shared(1..2, 1..2) > a.shared(1..2, 0..1));
        assert_eq!(a.used.get(&AnchorKind::Number), Some(&1));
        assert_eq!(a.used.get(&AnchorKind::Token), Some(&1));
        assert_eq!(a.used.get(&AnchorKind::Name), Some(&1));
        assert_eq!(a.shared(2..3, 2..3), 0.0);
        assert_eq!(a.shared(0..1, 1..3), 0.0);
    }
}
