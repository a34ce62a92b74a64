//! Document pairing: which document of one folder translates which document
//! of the other, when file names say nothing.
//!
//! 1. **Profiles.** Every document is read once, in parallel, and reduced to
//!    a [`Profile`]: its anchor keys — numbers in any digit script (as
//!    [`anchor::numbers`] normalises them), words spelled alike on both
//!    sides (Latin words left in Arabic text, acronyms, names), consonant
//!    skeletons of names for Latin ↔ Arabic ([`anchor::latin_skeleton`],
//!    [`anchor::arabic_skeleton`]), dates (a day or a year next to a month
//!    name, in five languages), URLs — and its length in sentences and
//!    characters. The text is dropped: memory holds profiles, not documents.
//! 2. **Index and candidates.** Keys found in more than 5% of a side's
//!    documents are dropped, the rest weighted by inverse document frequency
//!    and put in an inverted index, as in a search engine. A document's
//!    candidates are the documents sharing most key weight with it, plus the
//!    documents of the most similar length (for documents with few anchors).
//!    No document is compared with every other.
//! 3. **Score.** A candidate's score is a sum of log-likelihood ratios, match
//!    against chance: the weights of the keys shared, and how well its
//!    character and sentence ratios fit the pair ratio. The ratio and its
//!    spread are estimated on the *clear pairs* of the run: mutual best by
//!    anchors, each twice as strong as either document's runner-up.
//! 4. **Alignment check.** The best candidates of each document are aligned
//!    sentence by sentence ([`Aligner`]). Shared keys count only when the
//!    alignment puts them into one bead (two stories about one event share
//!    names, but not sentence by sentence), and a key that does not costs;
//!    bead lengths, bead types (a wrong pair needs merges and 1-0/0-1 beads
//!    to fit) add their ratios. The distributions are fitted on the clear
//!    pairs' alignments against those of their documents' best wrong
//!    candidates ([`CheckModel`]).
//! 5. **Matching.** A global greedy one-to-one matching, best score first,
//!    keeps pairs scoring at least a threshold; documents whose checked
//!    candidates went to others get their next candidates checked, twice.
//!    Documents left are orphans.
//!
//! The threshold is calibrated on the run: a document has at most one
//! counterpart, so the second-best candidate of any document is a wrong one,
//! and an orphan's best candidate is, like it, the best of wrong candidates.
//! The threshold is the 90th percentile of those runner-up scores, over a
//! sample of documents whose candidates are all checked (see
//! [`Calibration`]). Nothing is tuned per collection.
//!
//! Scale: the checks dominate; beyond the sample, a runner-up is checked
//! only when it is close to the best. 10,000 documents a side pair in well
//! under a minute on two cores (see `benches/pair.rs`, [`synthetic`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::anchor::{self, arabic_forms, arabic_skeleton, digit_value, latin_skeleton, normalise_arabic};
use crate::lang::{LangRules, Script, script_of};
use crate::score::char_len;
use crate::segment::Sentence;
use crate::{Aligner, DocOptions, Document, Error, Result};

/// Kinds of anchor key. The kind is kept in the low bits of a key's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum KeyKind {
    /// A number, normalised across digit scripts.
    Number = 0,
    /// A word spelled alike on both sides (lower case).
    Token = 1,
    /// The consonant skeleton of a name (Latin ↔ Arabic only).
    Name = 2,
    /// A day and month, or a month and year.
    Date = 3,
    /// A URL, e-mail address or domain.
    Url = 4,
}

const KINDS: [KeyKind; 5] = [KeyKind::Number, KeyKind::Token, KeyKind::Name, KeyKind::Date, KeyKind::Url];

impl KeyKind {
    fn of(key: u64) -> KeyKind {
        KINDS[(key & 7) as usize % KINDS.len()]
    }
}

/// A key: a 64-bit FNV-1a hash of its text, with its kind in the low 3 bits.
fn key(kind: KeyKind, text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h & !7) | kind as u64
}

/// What pairing needs to know of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// Anchor keys, sorted, without repeats.
    pub keys: Vec<u64>,
    /// Non-empty sentences.
    pub sentences: u32,
    /// Characters other than white space.
    pub chars: u32,
    /// The script most of its letters are in.
    pub script: Option<Script>,
    /// The language code of its rules (as detected, or as given).
    pub lang: &'static str,
}

impl Profile {
    /// The profile of a document.
    pub fn of(doc: &Document) -> Profile {
        profile(&doc.sentences, doc.lang)
    }

    /// Keys of one kind (for tests and reports).
    pub fn count(&self, kind: KeyKind) -> usize {
        self.keys.iter().filter(|&&k| KeyKind::of(k) == kind).count()
    }
}

/// Calls `f` on each piece of a word that changes script (`علىBellenglise`
/// is two words), with the piece's script.
fn script_runs(w: &str, mut f: impl FnMut(&str, Option<Script>)) {
    let mut start = 0;
    let mut cur: Option<Script> = None;
    for (i, c) in w.char_indices() {
        let Some(s) = script_of(c) else { continue };
        match cur {
            Some(prev) if prev != s => {
                f(&w[start..i], cur);
                start = i;
                cur = Some(s);
            }
            None => cur = Some(s),
            _ => {}
        }
    }
    if start < w.len() {
        f(&w[start..], cur);
    }
}

/// Which kinds of key to extract (a bit per [`KeyKind`]).
const ALL_KINDS: u8 = 0b11111;

fn has(mask: u8, kind: KeyKind) -> bool {
    mask & (1 << kind as u8) != 0
}

fn profile(sentences: &[Sentence], lang: &LangRules) -> Profile {
    let mut keys = Vec::new();
    let counts = extract(sentences, lang, ALL_KINDS, &mut keys);
    keys.sort_unstable();
    keys.dedup();
    let (n_sent, chars, [latin, arabic, other]) = counts;
    let script = if latin + arabic + other == 0 {
        None
    } else if arabic >= latin && arabic >= other {
        Some(Script::Arabic)
    } else if latin >= other {
        Some(Script::Latin)
    } else {
        Some(Script::Other)
    };
    Profile { keys, sentences: n_sent, chars: chars.min(u32::MAX as usize) as u32, script, lang: lang.code }
}

/// Pushes the keys of the kinds in `mask` found in `sentences` (with
/// repeats); returns the non-empty sentences, the characters and the
/// letters per script (Latin, Arabic, other).
fn extract(
    sentences: &[Sentence],
    lang: &LangRules,
    mask: u8,
    keys: &mut Vec<u64>,
) -> (u32, usize, [usize; 3]) {
    // Capitalised Latin words are names unless the document also writes them
    // in lower case (hashes of the lower-case forms).
    let mut names: Vec<(u64, String)> = Vec::new();
    let mut lower_seen: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let (mut n_sent, mut chars) = (0u32, 0usize);
    let mut letters = [0usize; 3];
    let mut lower = String::new();
    for s in sentences {
        let text = s.text.as_str();
        if text.trim().is_empty() {
            continue;
        }
        n_sent += 1;
        chars += char_len(text);
        if has(mask, KeyKind::Number) {
            for n in anchor::numbers(text) {
                keys.push(key(KeyKind::Number, &n));
            }
        }
        for w in anchor::words(text) {
            script_runs(w, |piece, script| {
                let len = piece.chars().count();
                match script {
                    Some(Script::Arabic) => {
                        letters[1] += len;
                        if has(mask, KeyKind::Name) {
                            for form in arabic_forms(piece) {
                                let sk = arabic_skeleton(&form);
                                if sk.len() >= 2 {
                                    keys.push(key(KeyKind::Name, &sk));
                                }
                            }
                        }
                    }
                    Some(script) => {
                        letters[if script == Script::Latin { 0 } else { 2 }] += len;
                        let upper = piece.chars().filter(|c| c.is_uppercase()).count();
                        if (len < 3 && !(len == 2 && upper == 2))
                            || piece.chars().all(|c| digit_value(c).is_some())
                        {
                            return;
                        }
                        lower.clear();
                        lower.extend(piece.chars().flat_map(char::to_lowercase));
                        let k = key(KeyKind::Token, &lower);
                        if has(mask, KeyKind::Token) {
                            keys.push(k);
                        }
                        if !has(mask, KeyKind::Name) {
                            return;
                        }
                        if !piece.chars().next().is_some_and(char::is_uppercase) {
                            lower_seen.insert(k);
                        } else if script == Script::Latin && !lang.is_function_word(&lower) {
                            names.push((k, lower.clone()));
                        }
                    }
                    None => {}
                }
            });
        }
        if has(mask, KeyKind::Date) {
            dates(text, keys);
        }
        if has(mask, KeyKind::Url) {
            urls(text, keys);
        }
    }
    for (k, name) in names {
        if lower_seen.contains(&k) {
            continue;
        }
        let sk = latin_skeleton(&name);
        if sk.len() >= 2 {
            keys.push(key(KeyKind::Name, &sk));
        }
    }
    (n_sent, chars, letters)
}

/// Month names (lower case; Arabic normalised as by
/// [`anchor::normalise_arabic`]) and their numbers. English, French, German,
/// Spanish; Arabic of Egypt and the Gulf, the Maghreb and the Levant.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("ايلول", 9),
];

/// English month abbreviations that are also words: a month only when
/// capitalised.
const AMBIGUOUS_MONTHS: &[&str] =
    &["mar", "may", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "apr", "feb"];

/// The value of a token that is a number, with an ordinal suffix allowed
/// (`29th`, `1er`).
fn small_number(token: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut digits = 0;
    let mut rest = 0;
    for c in token.chars() {
        if let Some(d) = digit_value(c) {
            if rest > 0 {
                return None;
            }
            v = v.checked_mul(10)?.checked_add(d)?;
            digits += 1;
        } else {
            rest += 1;
        }
    }
    (digits > 0 && digits <= 4 && rest <= 3).then_some(v)
}

/// Dates: a day next to a month name (`29 September`, `September 29th`,
/// `٢٩ سبتمبر`) and a month followed by a year. Only words next to a number
/// are looked up.
fn dates(text: &str, keys: &mut Vec<u64>) {
    let starts_with_digit = |t: &str| t.chars().next().and_then(digit_value).is_some();
    if !text.chars().any(|c| digit_value(c).is_some()) {
        return;
    }
    // Arabic diacritics and tatweel stay inside words.
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x0640)))
        .filter(|t| !t.is_empty())
        .collect();
    let number_at = |k: usize| tokens.get(k).is_some_and(|t| starts_with_digit(t));
    for i in 0..tokens.len() {
        if starts_with_digit(tokens[i])
            || !((i > 0 && number_at(i - 1)) || number_at(i + 1) || number_at(i + 2))
        {
            continue;
        }
        if let Some((m, words)) = month_at(&tokens, i) {
            date_keys(&tokens, i, i + words, m, keys);
        }
    }
}

/// The month named by the word (or two words) at `tokens[i]`, and how many
/// words name it.
fn month_at(tokens: &[&str], i: usize) -> Option<(u8, usize)> {
    let t = tokens[i];
    let n = t.chars().count();
    if !(3..=12).contains(&n) {
        return None;
    }
    if t.chars().next().and_then(script_of) == Some(Script::Arabic) {
        let norm = normalise_arabic(t);
        // Levantine two-word months: كانون الثاني (1), تشرين الأول (10)…
        let next = tokens.get(i + 1).map(|w| normalise_arabic(w));
        let two = match (norm.as_str(), next.as_deref()) {
            ("كانون", Some("الثاني")) => Some(1),
            ("كانون", Some("الاول")) => Some(12),
            ("تشرين", Some("الاول")) => Some(10),
            ("تشرين", Some("الثاني")) => Some(11),
            _ => None,
        };
        if let Some(m) = two {
            return Some((m, 2));
        }
        let forms = arabic_forms(t);
        return forms.iter().find_map(|f| MONTHS.iter().find(|(m, _)| m == f)).map(|&(_, m)| (m, 1));
    }
    let lower = t.to_lowercase();
    let &(name, m) = MONTHS.iter().find(|(m, _)| *m == lower)?;
    if AMBIGUOUS_MONTHS.contains(&name) && !t.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some((m, 1))
}

/// Keys of a month at `tokens[at]` with the number before it or at `after`,
/// and of a year following it.
fn date_keys(tokens: &[&str], at: usize, after: usize, month: u8, keys: &mut Vec<u64>) {
    let num = |k: usize| tokens.get(k).and_then(|t| small_number(t));
    let before = at.checked_sub(1).and_then(num);
    for d in [before, num(after)].into_iter().flatten() {
        if (1..=31).contains(&d) {
            keys.push(key(KeyKind::Date, &format!("{month}-{d}")));
        }
    }
    let year = match num(after) {
        Some(d) if (1..=31).contains(&d) => num(after + 1),
        y => y,
    };
    if let Some(y) = year.filter(|y| (1000..=2200).contains(y)) {
        keys.push(key(KeyKind::Date, &format!("{y}-{month}")));
    }
}

/// URLs, e-mail addresses and bare domains, without scheme, `www.` and
/// trailing punctuation, in lower case.
fn urls(text: &str, keys: &mut Vec<u64>) {
    for chunk in text.split_whitespace() {
        let c = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        if !c.contains(['.', '@', ':']) || !c.bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let lower = c.to_lowercase();
        let is_url = lower.contains("://") || lower.starts_with("www.");
        let is_mail = lower.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
        let is_domain = {
            let labels: Vec<&str> = lower.split('.').collect();
            labels.len() >= 2
                && labels
                    .iter()
                    .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                && labels.last().is_some_and(|tld| {
                    (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
                })
                && labels.iter().any(|l| l.chars().any(|c| c.is_ascii_alphabetic()))
                && c.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        };
        if !(is_url || is_mail || is_domain) {
            continue;
        }
        let s = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
        let s = s.strip_prefix("www.").unwrap_or(s).trim_end_matches('/');
        if s.len() >= 4 {
            keys.push(key(KeyKind::Url, s));
        }
    }
}

/// Tunables of pairing.
#[derive(Debug, Clone)]
pub struct PairConfig {
    /// A key found in more than this share of a side's documents is not
    /// indexed (common words, years of the news)…
    pub max_df: f64,
    /// …unless it is in at most this many documents (small collections).
    pub min_df_cap: usize,
    /// Candidates kept per document from the index.
    pub candidates: usize,
    /// Candidates of similar length added per document, for documents whose
    /// anchors are few.
    pub length_candidates: usize,
    /// Candidates per document checked by aligning them.
    pub check_top: usize,
    /// Weight of each key kind, relative to a number.
    pub kind_weight: [f64; 5],
    /// The score above which a pair is kept; `None`: calibrated on the run.
    pub threshold: Option<f64>,
    /// Run the sentence-alignment check.
    pub check: bool,
}

impl Default for PairConfig {
    fn default() -> PairConfig {
        PairConfig {
            max_df: 0.05,
            min_df_cap: 5,
            candidates: 8,
            length_candidates: 16,
            check_top: 4,
            kind_weight: [1.0, 1.0, 0.6, 1.5, 2.0],
            threshold: None,
            check: true,
        }
    }
}

/// What the sentence alignment of a candidate pair says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckResult {
    /// Sentences (both sides) left in 1-0 or 0-1 beads.
    pub omitted: usize,
    /// Sentences (both sides).
    pub sentences: usize,
    /// Beads by type: 1-1, other beads with both sides, 1-0/0-1.
    pub types: [usize; 3],
    /// Mean confidence of the beads.
    pub confidence: f64,
    /// Per bead with both sides, the Gale–Church residual of its lengths
    /// (variance 1 per character, at the pair's own ratio).
    pub residuals: Vec<f64>,
    /// Indexed keys found on both sides of the pair.
    pub shared: usize,
    /// Of those, the keys found on both sides of one bead.
    pub hits: Vec<u32>,
}

impl CheckResult {
    /// Aligns two documents and reads the alignment. `shared` are the ids
    /// of the indexed keys both hold (sorted), `index` the index.
    fn of(a: &Document, b: &Document, aligner: &Aligner, shared: &[u32], index: &Index) -> CheckResult {
        let al = aligner.align(a, b);
        // Where the shared keys are: per sentence, the shared ids it holds.
        let mask = shared.iter().fold(0u8, |m, &k| m | 1 << KeyKind::of(index.keys[k as usize]) as u8);
        let locate = |d: &Document| -> Vec<Vec<u32>> {
            if shared.is_empty() {
                return vec![Vec::new(); d.sentences.len()];
            }
            let mut buf = Vec::new();
            d.sentences
                .iter()
                .map(|s| {
                    buf.clear();
                    extract(std::slice::from_ref(s), d.lang, mask, &mut buf);
                    let mut v: Vec<u32> = buf
                        .iter()
                        .filter_map(|k| index.ids.get(k).copied())
                        .filter(|k| shared.binary_search(k).is_ok())
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                })
                .collect()
        };
        let (ka, kb) = (locate(a), locate(b));
        let set =
            |v: &[Vec<u32>]| -> std::collections::HashSet<u32> { v.iter().flatten().copied().collect() };
        let shared: std::collections::HashSet<u32> = set(&ka).intersection(&set(&kb)).copied().collect();
        let len = |ss: &[Sentence]| ss.iter().map(|s| char_len(&s.text)).sum::<usize>() as f64;
        let ratio = (len(&b.sentences) / len(&a.sentences).max(1.0)).max(1e-3);
        let mut r = CheckResult {
            sentences: a.sentences.len() + b.sentences.len(),
            shared: shared.len(),
            ..Default::default()
        };
        let mut hit: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for bead in &al.beads {
            r.confidence += bead.confidence;
            r.types[if bead.is_omission() {
                2
            } else if bead.kind() == (1, 1) {
                0
            } else {
                1
            }] += 1;
            if bead.is_omission() {
                r.omitted += bead.src.len() + bead.tgt.len();
                continue;
            }
            let ls = len(&a.sentences[bead.src.clone()]);
            let lt = len(&b.sentences[bead.tgt.clone()]) / ratio;
            r.residuals.push((lt - ls) / ((ls + lt) * 0.5).max(1.0).sqrt());
            let bs = set(&ka[bead.src.clone()]);
            for k in set(&kb[bead.tgt.clone()]) {
                if bs.contains(&k) && shared.contains(&k) {
                    hit.insert(k);
                }
            }
        }
        r.hits = hit.into_iter().collect();
        r.hits.sort_unstable();
        r.confidence /= al.beads.len().max(1) as f64;
        r
    }
}

/// A scored candidate pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidate {
    /// Source document (index).
    pub src: usize,
    /// Target document (index).
    pub tgt: usize,
    /// Weight of the anchor keys the two share.
    pub shared: f64,
    /// Keys shared.
    pub keys: usize,
    /// `ln(target chars / source chars)`.
    pub char_ratio: f64,
    /// `ln(target sentences / source sentences)`.
    pub sent_ratio: f64,
    /// Log-likelihood ratio of the lengths (match against chance).
    pub length_llr: f64,
    /// The alignment check, when run.
    pub check: Option<CheckResult>,
    /// Log-likelihood ratio of the check.
    pub check_llr: f64,
    /// The final score.
    pub score: f64,
}

/// How the models and the threshold were set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    /// Clear pairs the models were fitted on: mutual best by anchors, each
    /// at least twice as strong as either document's runner-up.
    pub seeds: usize,
    /// Median and robust spread of `ln(tgt chars / src chars)` in matches.
    pub char_ratio: (f64, f64),
    /// Median and robust spread of `ln(tgt sentences / src sentences)`.
    pub sent_ratio: (f64, f64),
    /// The check's model, when the check ran.
    pub check: Option<CheckModel>,
    /// The threshold used.
    pub threshold: f64,
    /// Runner-up scores the threshold was calibrated on.
    pub runner_ups: usize,
    /// Candidate pairs aligned by the check.
    pub checks: usize,
}

/// The result of pairing.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// (source, target, score), best score first.
    pub pairs: Vec<(usize, usize, f64)>,
    /// Source documents left without a counterpart.
    pub unpaired_src: Vec<usize>,
    /// Target documents left without a counterpart.
    pub unpaired_tgt: Vec<usize>,
    /// Every scored candidate.
    pub candidates: Vec<Candidate>,
    /// The calibration of the run.
    pub calibration: Calibration,
}

/// The inverted index over the rare keys of both sides.
struct Index {
    /// Indexed keys and their ids.
    ids: HashMap<u64, u32>,
    /// The indexed keys, by id.
    keys: Vec<u64>,
    /// Per document, its indexed key ids (sorted).
    src: Vec<Vec<u32>>,
    tgt: Vec<Vec<u32>>,
    /// Per key id, the documents holding it.
    post_src: Vec<Vec<u32>>,
    post_tgt: Vec<Vec<u32>>,
    /// Per key id, its weight.
    weight: Vec<f64>,
}

fn df_counts(profiles: &[Profile], use_names: bool) -> HashMap<u64, u32> {
    let mut df: HashMap<u64, u32> = HashMap::new();
    for p in profiles {
        for &k in &p.keys {
            if use_names || KeyKind::of(k) != KeyKind::Name {
                *df.entry(k).or_default() += 1;
            }
        }
    }
    df
}

impl Index {
    fn build(src: &[Profile], tgt: &[Profile], cfg: &PairConfig) -> Index {
        let script = |ps: &[Profile]| {
            let mut counts: HashMap<Option<Script>, usize> = HashMap::new();
            for p in ps {
                *counts.entry(p.script).or_default() += 1;
            }
            counts.into_iter().max_by_key(|&(s, n)| (n, s.map(|s| s as u8))).and_then(|(s, _)| s)
        };
        let (ss, ts) = (script(src), script(tgt));
        let use_names = matches!(
            (ss, ts),
            (Some(Script::Latin), Some(Script::Arabic)) | (Some(Script::Arabic), Some(Script::Latin))
        );
        let (df_s, df_t) = rayon::join(|| df_counts(src, use_names), || df_counts(tgt, use_names));
        let cap = |n: usize| ((cfg.max_df * n as f64).floor() as u32).max(cfg.min_df_cap as u32);
        let (cap_s, cap_t) = (cap(src.len()), cap(tgt.len()));
        let (ns, nt) = (src.len().max(1) as f64, tgt.len().max(1) as f64);
        let mut kept: Vec<(u64, f64)> = df_s
            .iter()
            .filter_map(|(&k, &a)| {
                let b = *df_t.get(&k)?;
                if a > cap_s || b > cap_t {
                    return None;
                }
                let idf = 0.5 * ((ns / a as f64).ln() + (nt / b as f64).ln());
                Some((k, cfg.kind_weight[KeyKind::of(k) as usize] * idf.max(0.1)))
            })
            .collect();
        kept.sort_unstable_by_key(|&(k, _)| k);
        let id_map: HashMap<u64, u32> = kept.iter().enumerate().map(|(i, &(k, _))| (k, i as u32)).collect();
        let weight: Vec<f64> = kept.iter().map(|&(_, w)| w).collect();
        let ids = &id_map;
        let side = |ps: &[Profile]| -> Vec<Vec<u32>> {
            ps.par_iter()
                .map(|p| {
                    let mut v: Vec<u32> = p.keys.iter().filter_map(|k| ids.get(k).copied()).collect();
                    v.sort_unstable();
                    v
                })
                .collect()
        };
        let (src_ids, tgt_ids) = (side(src), side(tgt));
        let postings = |docs: &[Vec<u32>]| {
            let mut post = vec![Vec::new(); weight.len()];
            for (d, ks) in docs.iter().enumerate() {
                for &k in ks {
                    post[k as usize].push(d as u32);
                }
            }
            post
        };
        Index {
            post_src: postings(&src_ids),
            post_tgt: postings(&tgt_ids),
            src: src_ids,
            tgt: tgt_ids,
            weight,
            keys: kept.iter().map(|&(k, _)| k).collect(),
            ids: id_map,
        }
    }

    /// The ids of the keys two documents share.
    fn shared_ids(&self, i: usize, j: usize) -> Vec<u32> {
        let (a, b) = (&self.src[i], &self.tgt[j]);
        let (mut x, mut y, mut out) = (0, 0, Vec::new());
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    out.push(a[x]);
                    x += 1;
                    y += 1;
                }
            }
        }
        out
    }

    /// Weight and number of the keys two documents share.
    fn shared(&self, i: usize, j: usize) -> (f64, usize) {
        let (a, b) = (&self.src[i], &self.tgt[j]);
        let (mut x, mut y, mut w, mut n) = (0, 0, 0.0, 0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    w += self.weight[a[x] as usize];
                    n += 1;
                    x += 1;
                    y += 1;
                }
            }
        }
        (w, n)
    }

    /// For each document of `from`, the `k` documents of the other side
    /// sharing most weight with it.
    fn top(from: &[Vec<u32>], post: &[Vec<u32>], weight: &[f64], n_other: usize, k: usize) -> Vec<Vec<u32>> {
        from.par_iter()
            .map_init(
                || (vec![0f64; n_other], Vec::<u32>::new()),
                |(acc, touched), keys| {
                    for &kid in keys {
                        let w = weight[kid as usize];
                        for &d in &post[kid as usize] {
                            if acc[d as usize] == 0.0 {
                                touched.push(d);
                            }
                            acc[d as usize] += w;
                        }
                    }
                    let mut best: Vec<(f64, u32)> = touched.iter().map(|&d| (acc[d as usize], d)).collect();
                    for &d in touched.iter() {
                        acc[d as usize] = 0.0;
                    }
                    touched.clear();
                    best.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    best.truncate(k);
                    best.into_iter().map(|(_, d)| d).collect()
                },
            )
            .collect()
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

/// Median and robust standard deviation (1.4826 × median absolute deviation).
fn robust(values: &[f64]) -> (f64, f64) {
    let mut v = values.to_vec();
    let m = median(&mut v);
    let mut dev: Vec<f64> = values.iter().map(|x| (x - m).abs()).collect();
    (m, 1.4826 * median(&mut dev))
}

fn mean_sd(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let m = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0).max(1.0);
    (m, var.sqrt())
}

/// `ln` of a normal density.
fn ln_normal(x: f64, mean: f64, sd: f64) -> f64 {
    let z = (x - mean) / sd;
    -0.5 * z * z - sd.ln() - 0.5 * (2.0 * std::f64::consts::PI).ln()
}

/// Log-likelihood ratio of a length ratio: a match (normal around the pair
/// ratio, with a small share of outliers) against two unrelated documents.
fn length_llr(x: f64, pos: (f64, f64), neg: (f64, f64)) -> f64 {
    const OUTLIERS: f64 = 0.05;
    let ln_neg = ln_normal(x, neg.0, neg.1);
    let ln_pos = ((1.0 - OUTLIERS) * ln_normal(x, pos.0, pos.1).exp() + OUTLIERS * ln_neg.exp()).ln();
    ln_pos - ln_neg
}

/// Gives a document by its index, for the alignment check (documents are
/// read again rather than kept, so that memory holds profiles only).
pub type Load<'a> = dyn Fn(usize) -> Option<std::borrow::Cow<'a, Document>> + Sync + 'a;

/// Mutual best pairs by shared anchor weight, each at least twice as strong
/// as the runner-up of both documents: the clear pairs the models are
/// estimated on.
fn seeds(index: &Index, top_s: &[Vec<u32>], top_t: &[Vec<u32>]) -> Vec<(usize, usize)> {
    let best = |tops: &[Vec<u32>],
                shared: &(dyn Fn(usize, usize) -> f64 + Sync)|
     -> Vec<Option<(usize, f64, f64)>> {
        tops.par_iter()
            .enumerate()
            .map(|(i, js)| {
                let first = *js.first()? as usize;
                let second = js.get(1).map_or(0.0, |&j| shared(i, j as usize));
                Some((first, shared(i, first), second))
            })
            .collect()
    };
    let best_s = best(top_s, &|i, j| index.shared(i, j).0);
    let best_t = best(top_t, &|j, i| index.shared(i, j).0);
    let mut out = Vec::new();
    for (i, b) in best_s.iter().enumerate() {
        let Some((j, s1, s2)) = *b else { continue };
        let Some((back, _, t2)) = best_t[j] else { continue };
        if back == i && s1 > 0.0 && s1 >= 2.0 * s2.max(t2) {
            out.push((i, j));
        }
    }
    out
}

/// The two length ratios of a pair, as a match and as chance sees them.
#[derive(Debug, Clone, Copy)]
struct LengthModel {
    /// (mean, sd) of `ln(tgt chars / src chars)` for a match, then for chance.
    chars: ((f64, f64), (f64, f64)),
    /// The same for sentences.
    sents: ((f64, f64), (f64, f64)),
}

impl LengthModel {
    fn new(src: &[Profile], tgt: &[Profile], seeds: &[(usize, usize)]) -> LengthModel {
        let lc = |p: &Profile| f64::from(p.chars.max(1)).ln();
        let ls = |p: &Profile| f64::from(p.sentences.max(1)).ln();
        let chance = |f: &dyn Fn(&Profile) -> f64| {
            let side =
                |ps: &[Profile]| mean_sd(&ps.iter().filter(|p| p.sentences > 0).map(f).collect::<Vec<_>>());
            let ((ms, ss), (mt, st)) = (side(src), side(tgt));
            (mt - ms, (ss * ss + st * st).sqrt().max(0.3))
        };
        let (nc, ns) = (chance(&lc), chance(&ls));
        let fit = |f: &dyn Fn(&Profile) -> f64, fallback: (f64, f64)| {
            if seeds.len() < 5 {
                return fallback;
            }
            let v: Vec<f64> = seeds.iter().map(|&(i, j)| f(&tgt[j]) - f(&src[i])).collect();
            let (m, sd) = robust(&v);
            (m, sd.max(0.05))
        };
        // Without clear pairs, the ratio of the collections' means and a
        // wide spread.
        LengthModel { chars: (fit(&lc, (nc.0, 0.25)), nc), sents: (fit(&ls, (ns.0, 0.25)), ns) }
    }

    fn llr(&self, char_ratio: f64, sent_ratio: f64) -> f64 {
        length_llr(char_ratio, self.chars.0, self.chars.1)
            + length_llr(sent_ratio, self.sents.0, self.sents.1)
    }
}

/// How alignments of matches and of wrong candidates differ, estimated on
/// the clear pairs and on their documents' best wrong candidates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckModel {
    /// Spread of bead length residuals in matches…
    pub sd_match: f64,
    /// …and in wrong candidates.
    pub sd_wrong: f64,
    /// Share of beads of each type (1-1, other, 1-0/0-1) in matches…
    pub types_match: [f64; 3],
    /// …and in wrong candidates.
    pub types_wrong: [f64; 3],
    /// Share of the shared keys that one bead holds on both sides, in
    /// matches…
    pub placed_match: f64,
    /// …and in wrong candidates.
    pub placed_wrong: f64,
}

impl CheckModel {
    /// Used when too few clear pairs were checked: about the mean of the
    /// models fitted on the development sets (English–Arabic news and talks,
    /// German–French yearbook prose, generated sets).
    pub const FALLBACK: CheckModel = CheckModel {
        sd_match: 1.4,
        sd_wrong: 2.4,
        types_match: [0.8, 0.18, 0.02],
        types_wrong: [0.52, 0.45, 0.03],
        placed_match: 0.97,
        placed_wrong: 0.35,
    };

    fn fit(pos: &[&CheckResult], neg: &[&CheckResult]) -> CheckModel {
        let beads = |v: &[&CheckResult]| v.iter().map(|c| c.residuals.len()).sum::<usize>();
        if pos.len() < 5 || neg.len() < 5 || beads(pos) < 30 || beads(neg) < 30 {
            return CheckModel::FALLBACK;
        }
        // Robust scale about 0: 1.4826 × median |z|.
        let scale = |v: &[&CheckResult]| {
            let mut a: Vec<f64> = v.iter().flat_map(|c| c.residuals.iter().map(|z| z.abs())).collect();
            1.4826 * median(&mut a)
        };
        // Shares with one pseudo-count per class (Laplace), so that no
        // type is impossible.
        let types = |v: &[&CheckResult]| {
            let mut n = [1.0f64; 3];
            for c in v {
                for (k, &t) in c.types.iter().enumerate() {
                    n[k] += t as f64;
                }
            }
            let total: f64 = n.iter().sum();
            n.map(|x| x / total)
        };
        let placed = |v: &[&CheckResult]| {
            let (hit, all) = v.iter().fold((0, 0), |(h, a), c| (h + c.hits.len(), a + c.shared));
            ((hit as f64 + 1.0) / (all as f64 + 2.0)).clamp(0.02, 0.98)
        };
        let sd_match = scale(pos).max(0.3);
        let placed_match = placed(pos);
        CheckModel {
            sd_match,
            sd_wrong: scale(neg).max(sd_match),
            types_match: types(pos),
            types_wrong: types(neg),
            placed_match,
            placed_wrong: placed(neg).min(placed_match),
        }
    }

    /// Log-likelihood ratio of an alignment's bead lengths, bead types and
    /// the placing of shared keys.
    fn llr(&self, c: &CheckResult) -> f64 {
        const OUTLIERS: f64 = 0.1;
        let mut llr = 0.0;
        for &z in &c.residuals {
            let wrong = ln_normal(z, 0.0, self.sd_wrong);
            let m = ((1.0 - OUTLIERS) * ln_normal(z, 0.0, self.sd_match).exp() + OUTLIERS * wrong.exp()).ln();
            llr += m - wrong;
        }
        for k in 0..3 {
            llr += c.types[k] as f64 * (self.types_match[k] / self.types_wrong[k]).ln();
        }
        let (hit, miss) = (c.hits.len() as f64, c.shared.saturating_sub(c.hits.len()) as f64);
        llr + hit * (self.placed_match / self.placed_wrong).ln()
            + miss * ((1.0 - self.placed_match) / (1.0 - self.placed_wrong)).ln()
    }
}

/// Candidates of similar length: for each document of `from`, the `k`
/// documents of the other side whose length is nearest the one expected.
fn length_neighbours(from: &[Profile], other: &[Profile], shift: f64, k: usize) -> Vec<Vec<u32>> {
    if k == 0 || other.is_empty() {
        return vec![Vec::new(); from.len()];
    }
    let lc = |p: &Profile| f64::from(p.chars.max(1)).ln();
    let mut sorted: Vec<(f64, u32)> = other.iter().enumerate().map(|(j, p)| (lc(p), j as u32)).collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    from.par_iter()
        .map(|p| {
            let want = lc(p) + shift;
            let at = sorted.partition_point(|x| x.0 < want);
            let (mut lo, mut hi) = (at, at);
            let mut out = Vec::with_capacity(k);
            while out.len() < k && (lo > 0 || hi < sorted.len()) {
                let take_lo =
                    hi >= sorted.len() || (lo > 0 && want - sorted[lo - 1].0 <= sorted[hi].0 - want);
                if take_lo {
                    lo -= 1;
                    out.push(sorted[lo].1);
                } else {
                    out.push(sorted[hi].1);
                    hi += 1;
                }
            }
            out
        })
        .collect()
}

/// Pairs documents given their profiles. `load_src(i)` and `load_tgt(j)`
/// give the documents for the alignment check (done by `aligner`).
pub fn pair_profiles<'a>(
    src: &[Profile],
    tgt: &[Profile],
    cfg: &PairConfig,
    aligner: &Aligner,
    load_src: &Load<'a>,
    load_tgt: &Load<'a>,
) -> Matching {
    let index = Index::build(src, tgt, cfg);
    let (top_s, top_t) = rayon::join(
        || Index::top(&index.src, &index.post_tgt, &index.weight, tgt.len(), cfg.candidates),
        || Index::top(&index.tgt, &index.post_src, &index.weight, src.len(), cfg.candidates),
    );
    let seeds = seeds(&index, &top_s, &top_t);
    let lengths = LengthModel::new(src, tgt, &seeds);
    let shift = lengths.chars.0.0;
    let (near_s, near_t) = rayon::join(
        || length_neighbours(src, tgt, shift, cfg.length_candidates),
        || length_neighbours(tgt, src, -shift, cfg.length_candidates),
    );
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (i, js) in
        top_s.iter().zip(&near_s).enumerate().flat_map(|(i, (a, b))| a.iter().chain(b).map(move |&j| (i, j)))
    {
        pairs.push((i as u32, js));
    }
    for (j, is) in
        top_t.iter().zip(&near_t).enumerate().flat_map(|(j, (a, b))| a.iter().chain(b).map(move |&i| (j, i)))
    {
        pairs.push((is, j as u32));
    }
    pairs.sort_unstable();
    pairs.dedup();
    // A document without sentences (or that could not be read) never pairs.
    pairs.retain(|&(i, j)| src[i as usize].sentences > 0 && tgt[j as usize].sentences > 0);
    let ln = |x: u32| f64::from(x.max(1)).ln();
    let mut cands: Vec<Candidate> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (i, j) = (i as usize, j as usize);
            let (shared, keys) = index.shared(i, j);
            let char_ratio = ln(tgt[j].chars) - ln(src[i].chars);
            let sent_ratio = ln(tgt[j].sentences) - ln(src[i].sentences);
            let length_llr = lengths.llr(char_ratio, sent_ratio);
            Candidate {
                src: i,
                tgt: j,
                shared,
                keys,
                char_ratio,
                sent_ratio,
                length_llr,
                score: shared + length_llr,
                ..Candidate::default()
            }
        })
        .collect();
    let prior: Vec<f64> = cands.iter().map(|c| c.score).collect();
    let by_src = group(&cands, src.len(), |c| c.src);
    let by_tgt = group(&cands, tgt.len(), |c| c.tgt);
    let check_on = cfg.check && cfg.check_top > 0;
    let run_checks = |cands: &mut [Candidate], picked: &[usize]| {
        let results: Vec<(usize, Option<CheckResult>)> = picked
            .par_iter()
            .map(|&c| {
                let (i, j) = (cands[c].src, cands[c].tgt);
                let r = load_src(i)
                    .zip(load_tgt(j))
                    .map(|(a, b)| CheckResult::of(&a, &b, aligner, &index.shared_ids(i, j), &index));
                (c, r)
            })
            .collect();
        for (c, r) in results {
            // A pair that cannot be aligned cannot be checked: it stays out.
            cands[c].check = Some(r.unwrap_or_default());
        }
    };
    // The calibration sample: every document of a small collection, an
    // evenly spread `CALIBRATION_DOCS` of a large one. Their best candidates
    // are all checked; elsewhere the runner-ups only when they are close.
    let sample = |n: usize| -> Vec<bool> {
        let stride = n.div_ceil(CALIBRATION_DOCS).max(1);
        (0..n).map(|d| d.is_multiple_of(stride)).collect()
    };
    let (sample_s, sample_t) = (sample(src.len()), sample(tgt.len()));
    if check_on {
        let mut picked = Vec::new();
        for (list, sampled) in by_src.iter().zip(&sample_s).chain(by_tgt.iter().zip(&sample_t)) {
            let best = best_k(list, &prior, cfg.check_top, |_| true);
            let top = best.first().map_or(0.0, |&c| prior[c]);
            picked.extend(
                best.into_iter()
                    .enumerate()
                    .filter(|&(k, c)| k == 0 || *sampled || prior[c] >= top - CLOSE_CALL)
                    .map(|(_, c)| c),
            );
        }
        picked.sort_unstable();
        picked.dedup();
        run_checks(&mut cands, &picked);
    }
    // With the check on, only checked pairs can pair, and not those whose
    // documents could not be read again.
    let eligible = |c: &Candidate| !check_on || c.check.as_ref().is_some_and(|k| k.sentences > 0);
    // The check's model, from the clear pairs' alignments against those of
    // the best other checked candidate of each of their documents.
    let model = check_on.then(|| {
        let (mut pos, mut neg) = (Vec::new(), Vec::new());
        for &(i, j) in seeds.iter().filter(|&&(i, _)| sample_s[i]) {
            let checked = |c: usize| cands[c].check.is_some();
            neg.extend(best_k(&by_src[i], &prior, 1, |c| checked(c) && cands[c].tgt != j));
            neg.extend(best_k(&by_tgt[j], &prior, 1, |c| checked(c) && cands[c].src != i));
            pos.extend(by_src[i].iter().copied().find(|&c| cands[c].tgt == j && checked(c)));
        }
        neg.sort_unstable();
        neg.dedup();
        let pick = |v: &[usize]| -> Vec<&CheckResult> {
            v.iter().filter_map(|&c| cands[c].check.as_ref()).collect()
        };
        CheckModel::fit(&pick(&pos), &pick(&neg))
    });
    let rescore = |c: &mut Candidate| {
        c.check_llr = match (&c.check, &model) {
            // Shared keys count only when the alignment puts them in one
            // bead.
            (Some(k), Some(m)) => {
                m.llr(k) + k.hits.iter().map(|&h| index.weight[h as usize]).sum::<f64>() - c.shared
            }
            _ => 0.0,
        };
        c.score = c.shared + c.length_llr + c.check_llr;
    };
    cands.par_iter_mut().for_each(rescore);
    // The threshold, from the runner-ups of the calibration sample.
    let lists = by_src.iter().zip(&sample_s).chain(by_tgt.iter().zip(&sample_t)).filter(|(_, s)| **s);
    let null = runner_ups(&cands, lists.map(|(l, _)| l), &eligible);
    let threshold = cfg.threshold.unwrap_or_else(|| calibrate(&null));
    let mut matched;
    let mut round = 0;
    loop {
        matched = greedy(&cands, src.len(), tgt.len(), threshold, &eligible);
        round += 1;
        if !check_on || round == 3 {
            break;
        }
        // Documents whose checked candidates went to others: check their
        // next candidates whose partner is free too, and match again.
        let (used_s, used_t) = used(&cands, &matched, src.len(), tgt.len());
        let mut picked = Vec::new();
        for (_, list) in by_src.iter().enumerate().filter(|(i, _)| !used_s[*i]) {
            picked.extend(best_k(list, &prior, cfg.check_top, |c| {
                cands[c].check.is_none() && !used_t[cands[c].tgt]
            }));
        }
        for (_, list) in by_tgt.iter().enumerate().filter(|(j, _)| !used_t[*j]) {
            picked.extend(best_k(list, &prior, cfg.check_top, |c| {
                cands[c].check.is_none() && !used_s[cands[c].src]
            }));
        }
        picked.sort_unstable();
        picked.dedup();
        if picked.is_empty() {
            break;
        }
        run_checks(&mut cands, &picked);
        for &c in &picked {
            rescore(&mut cands[c]);
        }
    }
    let calibration = Calibration {
        seeds: seeds.len(),
        char_ratio: lengths.chars.0,
        sent_ratio: lengths.sents.0,
        check: model,
        threshold,
        runner_ups: null.len(),
        checks: cands.iter().filter(|c| c.check.is_some()).count(),
    };
    let (used_s, used_t) = used(&cands, &matched, src.len(), tgt.len());
    let pairs = matched.iter().map(|&c| (cands[c].src, cands[c].tgt, cands[c].score)).collect();
    Matching {
        pairs,
        unpaired_src: (0..src.len()).filter(|&i| !used_s[i]).collect(),
        unpaired_tgt: (0..tgt.len()).filter(|&j| !used_t[j]).collect(),
        candidates: cands,
        calibration,
    }
}

/// The second-best score of each document's candidates (those `eligible`).
fn runner_ups<'a>(
    cands: &[Candidate],
    lists: impl Iterator<Item = &'a Vec<usize>>,
    eligible: &dyn Fn(&Candidate) -> bool,
) -> Vec<f64> {
    let mut out = Vec::new();
    for list in lists {
        let (mut first, mut second) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for c in list.iter().map(|&c| &cands[c]).filter(|c| eligible(c)) {
            if c.score > first {
                second = first;
                first = c.score;
            } else if c.score > second {
                second = c.score;
            }
        }
        if second.is_finite() {
            out.push(second);
        }
    }
    out
}

/// Documents a side whose runner-ups are all checked to calibrate the
/// models and the threshold.
const CALIBRATION_DOCS: usize = 500;

/// A runner-up is checked when its score before the check is within this
/// many nats of the best candidate's (a close call).
const CLOSE_CALL: f64 = 10.0;

/// Share of the null scores the threshold lies above.
const NULL_QUANTILE: f64 = 0.9;

/// The threshold, from the runner-up scores: a document has at most one
/// counterpart, so the second-best candidate of a paired document is a wrong
/// one, and the best candidate of an orphan is, like it, the best of wrong
/// candidates. The threshold is the 90th percentile of the runner-ups, so
/// that about one orphan in ten would find its best candidate above it (and
/// fewer get paired, as the greedy gives most of those candidates to their
/// true partners first). With fewer than ten runner-ups, 0: a log-likelihood
/// ratio of even odds.
fn calibrate(neg: &[f64]) -> f64 {
    if neg.len() < 10 {
        return 0.0;
    }
    let mut v = neg.to_vec();
    v.sort_unstable_by(f64::total_cmp);
    let at = NULL_QUANTILE * (v.len() - 1) as f64;
    let (k, f) = (at.floor() as usize, at - at.floor());
    v[k] + (v[(k + 1).min(v.len() - 1)] - v[k]) * f
}

/// Candidate indices by document.
fn group(cands: &[Candidate], n: usize, side: impl Fn(&Candidate) -> usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); n];
    for (c, cand) in cands.iter().enumerate() {
        out[side(cand)].push(c);
    }
    out
}

/// The `k` candidates of `list` with the best `score` among those `keep`
/// accepts.
fn best_k(list: &[usize], score: &[f64], k: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut v: Vec<usize> = list.iter().copied().filter(|&c| keep(c)).collect();
    v.sort_unstable_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    v.truncate(k);
    v
}

/// Global greedy one-to-one matching, best score first.
fn greedy(
    cands: &[Candidate],
    n_src: usize,
    n_tgt: usize,
    threshold: f64,
    eligible: &dyn Fn(&Candidate) -> bool,
) -> Vec<usize> {
    let mut order: Vec<usize> =
        (0..cands.len()).filter(|&c| eligible(&cands[c]) && cands[c].score >= threshold).collect();
    order.sort_unstable_by(|&a, &b| cands[b].score.total_cmp(&cands[a].score).then(a.cmp(&b)));
    let (mut used_s, mut used_t) = (vec![false; n_src], vec![false; n_tgt]);
    let mut out = Vec::new();
    for c in order {
        let (i, j) = (cands[c].src, cands[c].tgt);
        if !used_s[i] && !used_t[j] {
            used_s[i] = true;
            used_t[j] = true;
            out.push(c);
        }
    }
    out
}

/// Which documents a matching uses.
fn used(cands: &[Candidate], matched: &[usize], n_src: usize, n_tgt: usize) -> (Vec<bool>, Vec<bool>) {
    let (mut s, mut t) = (vec![false; n_src], vec![false; n_tgt]);
    for &c in matched {
        s[cands[c].src] = true;
        t[cands[c].tgt] = true;
    }
    (s, t)
}

/// Options of [`pair_dirs`].
#[derive(Debug, Clone, Default)]
pub struct PairOptions {
    /// Reading and splitting (its `lang` is ignored: see the next two).
    pub doc: DocOptions,
    /// Language of the source documents; detected per document when absent.
    pub src_lang: Option<&'static LangRules>,
    /// Language of the target documents.
    pub tgt_lang: Option<&'static LangRules>,
    /// Pairing tunables.
    pub config: PairConfig,
    /// The aligner of the check.
    pub aligner: Aligner,
    /// Read documents that are symbolic links.
    pub follow_symlinks: bool,
}

/// The result of pairing two folders.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// Source documents, in name order.
    pub src: Vec<PathBuf>,
    /// Target documents, in name order.
    pub tgt: Vec<PathBuf>,
    /// Documents that could not be read, with the reason (they are also
    /// unpaired).
    pub unreadable: Vec<(PathBuf, String)>,
    /// The pairing, by index into `src` and `tgt`.
    pub matching: Matching,
}

/// The files of a folder, by name, and the symbolic links not followed.
/// Hidden files (names starting with `.`) and folders are left out; a
/// symbolic link is read only when `follow_symlinks` (a link can lead
/// anywhere, as `tandem batch` holds).
pub fn list_dir(dir: &Path, follow_symlinks: bool) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (mut files, mut links) = (Vec::new(), Vec::new());
    for item in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let item = item.map_err(|e| Error::io(dir, e))?;
        if item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let link = item.file_type().map_err(|e| Error::io(item.path(), e))?.is_symlink();
        let target = std::fs::metadata(item.path());
        if target.as_ref().is_ok_and(|m| m.is_dir()) {
            continue;
        }
        match (link, target.is_ok_and(|m| m.is_file())) {
            (true, _) if !follow_symlinks => links.push(item.path()),
            (_, true) => files.push(item.path()),
            _ => {}
        }
    }
    files.sort();
    links.sort();
    Ok((files, links))
}

fn read_doc(path: &Path, opts: &PairOptions, lang: Option<&'static LangRules>) -> Result<Document> {
    Document::from_path(path, &DocOptions { lang, ..opts.doc.clone() })
}

/// Reads both folders and pairs their documents. Runs on the current rayon
/// pool.
pub fn pair_dirs(src_dir: &Path, tgt_dir: &Path, opts: &PairOptions) -> Result<Pairing> {
    // Links not followed are listed too, and left unpaired as unreadable.
    let list = |dir: &Path| -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let (files, links) = list_dir(dir, opts.follow_symlinks)?;
        let mut all: Vec<PathBuf> = files.into_iter().chain(links.iter().cloned()).collect();
        all.sort();
        Ok((all, links))
    };
    let ((src, links_s), (tgt, links_t)) = (list(src_dir)?, list(tgt_dir)?);
    let read = |paths: &[PathBuf], links: &[PathBuf], lang| -> Vec<std::result::Result<Profile, String>> {
        paths
            .par_iter()
            .map(|p| {
                if links.binary_search(p).is_ok() {
                    return Err(
                        "a symbolic link; tandem follows links only with --follow-symlinks".to_string()
                    );
                }
                read_doc(p, opts, lang).map(|d| Profile::of(&d)).map_err(|e| e.to_string())
            })
            .collect()
    };
    let (ps, pt) =
        rayon::join(|| read(&src, &links_s, opts.src_lang), || read(&tgt, &links_t, opts.tgt_lang));
    let mut unreadable = Vec::new();
    // An unreadable document has an empty profile, which never pairs.
    let mut keep = |paths: &[PathBuf], profiles: Vec<std::result::Result<Profile, String>>| -> Vec<Profile> {
        profiles
            .into_iter()
            .zip(paths)
            .map(|(r, p)| {
                r.unwrap_or_else(|e| {
                    unreadable.push((p.clone(), e));
                    Profile::default()
                })
            })
            .collect()
    };
    let (ps, pt) = (keep(&src, ps), keep(&tgt, pt));
    // Read again for the check, in the language found the first time.
    let lang =
        |given: Option<&'static LangRules>, p: &Profile| given.or_else(|| crate::lang::by_code(p.lang));
    let load_src =
        |i: usize| read_doc(&src[i], opts, lang(opts.src_lang, &ps[i])).ok().map(std::borrow::Cow::Owned);
    let load_tgt =
        |j: usize| read_doc(&tgt[j], opts, lang(opts.tgt_lang, &pt[j])).ok().map(std::borrow::Cow::Owned);
    let matching = pair_profiles(&ps, &pt, &opts.config, &opts.aligner, &load_src, &load_tgt);
    Ok(Pairing { src, tgt, unreadable, matching })
}

/// Pairs documents already in memory.
pub fn pair_documents(src: &[Document], tgt: &[Document], cfg: &PairConfig, aligner: &Aligner) -> Matching {
    let ps: Vec<Profile> = src.par_iter().map(Profile::of).collect();
    let pt: Vec<Profile> = tgt.par_iter().map(Profile::of).collect();
    let load_src = |i: usize| src.get(i).map(std::borrow::Cow::Borrowed);
    let load_tgt = |j: usize| tgt.get(j).map(std::borrow::Cow::Borrowed);
    pair_profiles(&ps, &pt, cfg, aligner, &load_src, &load_tgt)
}

/// `path` relative to the folder `base` when both can be made absolute
/// (`../en/a.txt`), else `path` made absolute, else `path` as it is.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    use std::path::Component;
    let (Ok(p), Ok(b)) = (std::path::absolute(path), std::path::absolute(base)) else {
        return path.to_path_buf();
    };
    fn clean(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let (pc, bc) = (clean(&p), clean(&b));
    if pc.first() != bc.first() || pc.iter().chain(&bc).any(|c| matches!(c, Component::ParentDir)) {
        return p;
    }
    let common = pc.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..bc.len() {
        out.push("..");
    }
    for c in &pc[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn tsv_path(p: &Path) -> String {
    p.to_string_lossy().replace(['\t', '\n', '\r'], " ")
}

/// Writes the manifest `src<TAB>tgt<TAB>score`, best pair first; paths are
/// relative to `base` (the manifest's folder) when given, as found otherwise.
/// `tandem batch` reads it as it is.
pub fn write_manifest(w: &mut dyn std::io::Write, p: &Pairing, base: Option<&Path>) -> std::io::Result<()> {
    let show = |path: &Path| tsv_path(&base.map_or_else(|| path.to_path_buf(), |b| relative_to(path, b)));
    writeln!(w, "src\ttgt\tscore")?;
    for &(i, j, score) in &p.matching.pairs {
        writeln!(w, "{}\t{}\t{score:.3}", show(&p.src[i]), show(&p.tgt[j]))?;
    }
    Ok(())
}

/// Per document, its best candidate and that candidate's score.
type Best = HashMap<usize, (usize, f64)>;

/// The best-scoring candidate of each document (for the unpaired list):
/// among the checked candidates when the check ran, as only their scores
/// are final.
fn best_candidates(m: &Matching) -> (Best, Best) {
    let checked = m.candidates.iter().any(|c| c.check.is_some());
    let (mut s, mut t) = (Best::new(), Best::new());
    for c in m.candidates.iter().filter(|c| !checked || c.check.is_some()) {
        let e = s.entry(c.src).or_insert((c.tgt, c.score));
        if c.score > e.1 {
            *e = (c.tgt, c.score);
        }
        let e = t.entry(c.tgt).or_insert((c.src, c.score));
        if c.score > e.1 {
            *e = (c.src, c.score);
        }
    }
    (s, t)
}

/// Writes the unpaired documents: `side<TAB>path<TAB>best<TAB>score`, where
/// `best` is the document of the other side that scored highest with it (or
/// is empty) and `score` that score (or `unreadable: …`).
pub fn write_unpaired(w: &mut dyn std::io::Write, p: &Pairing) -> std::io::Result<()> {
    let m = &p.matching;
    let (best_s, best_t) = best_candidates(m);
    let unreadable: HashMap<&Path, &str> =
        p.unreadable.iter().map(|(p, e)| (p.as_path(), e.as_str())).collect();
    writeln!(w, "side\tpath\tbest\tscore")?;
    let mut row = |side: &str, path: &Path, best: Option<&(usize, f64)>, other: &[PathBuf]| {
        let (b, s) = match (unreadable.get(path), best) {
            (Some(e), _) => (String::new(), format!("unreadable: {}", e.replace(['\t', '\n', '\r'], " "))),
            (None, Some(&(k, s))) => (tsv_path(&other[k]), format!("{s:.3}")),
            (None, None) => (String::new(), String::new()),
        };
        writeln!(w, "{side}\t{}\t{b}\t{s}", tsv_path(path))
    };
    for &i in &m.unpaired_src {
        row("src", &p.src[i], best_s.get(&i), &p.tgt)?;
    }
    for &j in &m.unpaired_tgt {
        row("tgt", &p.tgt[j], best_t.get(&j), &p.src)?;
    }
    Ok(())
}

/// Writes every scored candidate with its features (for review and tuning).
pub fn write_candidates(w: &mut dyn std::io::Write, p: &Pairing) -> std::io::Result<()> {
    let paired: std::collections::HashSet<(usize, usize)> =
        p.matching.pairs.iter().map(|&(i, j, _)| (i, j)).collect();
    writeln!(
        w,
        "src\ttgt\tpaired\tshared\tkeys\tchar_ratio\tsent_ratio\tlength_llr\tbeads\tomitted\tconfidence\tresid2\tshared_keys\tin_bead\tcheck_llr\tscore"
    )?;
    for c in &p.matching.candidates {
        let check = c.check.as_ref().map_or_else(
            || "\t\t\t\t\t".to_string(),
            |k| {
                let r2 = k.residuals.iter().map(|z| z * z).sum::<f64>() / k.residuals.len().max(1) as f64;
                format!(
                    "{}\t{}\t{:.3}\t{:.3}\t{}\t{}",
                    k.residuals.len(),
                    k.omitted,
                    k.confidence,
                    r2,
                    k.shared,
                    k.hits.len()
                )
            },
        );
        writeln!(
            w,
            "{}\t{}\t{}\t{:.3}\t{}\t{:.3}\t{:.3}\t{:.3}\t{check}\t{:.3}\t{:.3}",
            tsv_path(&p.src[c.src]),
            tsv_path(&p.tgt[c.tgt]),
            u8::from(paired.contains(&(c.src, c.tgt))),
            c.shared,
            c.keys,
            c.char_ratio,
            c.sent_ratio,
            c.length_llr,
            c.check_llr,
            c.score
        )?;
    }
    Ok(())
}

/// The pairs as `tandem batch` entries (ids from the source file names).
pub fn entries(p: &Pairing) -> Vec<crate::batch::Entry> {
    let mut pairs = p.matching.pairs.clone();
    pairs.sort_unstable_by_key(|&(i, _, _)| i);
    pairs
        .into_iter()
        .map(|(i, j, _)| {
            let (src, tgt) = (p.src[i].clone(), p.tgt[j].clone());
            let name = src.file_name().map(PathBuf::from).unwrap_or_else(|| src.clone());
            crate::batch::Entry::Pair(crate::batch::PairSpec {
                id: crate::batch::default_id(&name),
                origin: format!("{} (paired with {})", src.display(), tgt.display()),
                src,
                tgt,
                gold: None,
                src_lang: None,
                tgt_lang: None,
            })
        })
        .collect()
}

/// Precision, recall and F1 of predicted document pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairScore {
    /// Predicted pairs.
    pub predicted: usize,
    /// Gold pairs.
    pub gold: usize,
    /// Predicted pairs that are gold pairs.
    pub correct: usize,
}

impl PairScore {
    /// Compares pairs by file name (folders are ignored).
    pub fn of(pred: &[(String, String)], gold: &[(String, String)]) -> PairScore {
        let name =
            |s: &str| Path::new(s).file_name().map_or(s.to_string(), |n| n.to_string_lossy().into_owned());
        let norm = |v: &[(String, String)]| -> std::collections::HashSet<(String, String)> {
            v.iter().map(|(a, b)| (name(a), name(b))).collect()
        };
        let (p, g) = (norm(pred), norm(gold));
        PairScore { predicted: p.len(), gold: g.len(), correct: p.intersection(&g).count() }
    }

    /// Precision (0 when nothing is predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 }
    }

    /// Recall (0 when there is no gold pair).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 }
    }

    /// F1 (0 when precision and recall are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

impl std::fmt::Display for PairScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pairs: P {:.4} R {:.4} F1 {:.4} ({} correct of {} predicted, {} gold)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.correct,
            self.predicted,
            self.gold
        )
    }
}

/// Reads a list of pairs: a TSV whose first two columns are the two
/// documents, after a header row (`src<TAB>tgt<TAB>score` as written by
/// `tandem pair`, or `en<TAB>ar` as in a gold file).
pub fn read_pairs(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        let (Some(a), Some(b)) = (cells.next(), cells.next()) else {
            return Err(Error::parse(
                crate::Position::file(path).with_line(n + 1),
                "expected two tab-separated documents",
            ));
        };
        out.push((a.trim().to_string(), b.trim().to_string()));
    }
    Ok(out)
}

/// Synthetic English/Arabic document collections for tests and benchmarks:
/// made-up words, names and numbers from a fixed seed, no real text.
///
/// Each source document is a run of sentences over a Zipfian vocabulary, with
/// names (Latin letters; on the Arabic side spelled in Arabic letters so that
/// their consonant skeletons match), acronyms, numbers and dates drawn from a
/// small per-document "topic", so that documents of one topic share anchors.
/// Its translation renders each word through a fixed word list, numbers in
/// Arabic-Indic digits half the time, with merged and dropped sentences. A
/// share of documents loses its counterpart, on either side.
pub mod synthetic {
    use std::fmt::Write as _;
    use std::path::Path;

    /// A small, fast, deterministic generator (SplitMix64).
    #[derive(Debug, Clone)]
    pub struct Rng(u64);

    impl Rng {
        /// A generator from a seed.
        pub fn new(seed: u64) -> Rng {
            Rng(seed)
        }

        /// The next 64 random bits.
        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        /// A number in `0..n` (`n` > 0).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        /// A number in `lo..=hi`.
        pub fn range(&mut self, lo: usize, hi: usize) -> usize {
            lo + self.below(hi - lo + 1)
        }

        /// A uniform number in [0, 1).
        pub fn unit(&mut self) -> f64 {
            (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
        }

        /// True with probability `p`.
        pub fn chance(&mut self, p: f64) -> bool {
            self.unit() < p
        }
    }

    /// Ranks drawn with probability proportional to `1 / rank^s`.
    #[derive(Debug, Clone)]
    struct Zipf {
        cum: Vec<f64>,
    }

    impl Zipf {
        fn new(n: usize, s: f64) -> Zipf {
            let mut cum = Vec::with_capacity(n);
            let mut total = 0.0;
            for r in 1..=n {
                total += 1.0 / (r as f64).powf(s);
                cum.push(total);
            }
            Zipf { cum }
        }

        fn draw(&self, rng: &mut Rng) -> usize {
            let u = rng.unit() * self.cum.last().copied().unwrap_or(0.0);
            self.cum.partition_point(|&c| c < u).min(self.cum.len() - 1)
        }
    }

    /// What to generate.
    #[derive(Debug, Clone)]
    pub struct Spec {
        /// Documents before orphans are removed (a side has about
        /// `docs × (1 − orphans / 2)`).
        pub docs: usize,
        /// Share of documents that lose their counterpart (half on each
        /// side).
        pub orphans: f64,
        /// Chance that a sentence holds a number.
        pub numbers: f64,
        /// Chance that a sentence holds a name.
        pub names: f64,
        /// Chance that a sentence holds an acronym (kept in Latin letters in
        /// the Arabic).
        pub acronyms: f64,
        /// Fewest and most sentences of a document.
        pub sentences: (usize, usize),
        /// The seed.
        pub seed: u64,
    }

    impl Default for Spec {
        fn default() -> Spec {
            Spec {
                docs: 100,
                orphans: 0.2,
                numbers: 0.3,
                names: 0.4,
                acronyms: 0.08,
                sentences: (4, 30),
                seed: 1,
            }
        }
    }

    /// A generated collection: (file name, text) per side and the true pairs
    /// (indices).
    #[derive(Debug, Clone, Default)]
    pub struct Corpus {
        /// English documents.
        pub src: Vec<(String, String)>,
        /// Arabic documents.
        pub tgt: Vec<(String, String)>,
        /// True pairs, as (source index, target index).
        pub gold: Vec<(usize, usize)>,
    }

    const EN_FUNCTION: &[&str] = &[
        "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "was", "said", "by", "from", "at",
        "is", "has", "it", "his", "their", "after", "would",
    ];
    const AR_FUNCTION: &[&str] = &[
        "في", "من", "على", "إلى", "أن", "عن", "مع", "قال", "التي", "الذي", "هذا", "كان", "بعد", "حيث", "وقد",
        "لكن",
    ];
    const EN_ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl", "gr",
        "br", "sh", "ch",
    ];
    const EN_VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai"];
    const AR_LETTERS: &[&str] = &[
        "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق",
        "ك", "ل", "م", "ن", "ه", "و", "ي",
    ];
    const AR_MONTHS: [&str; 12] = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    /// Name consonants with their Arabic letters (sounds the skeletons map
    /// alike).
    const NAME_CONS: &[(&str, &str)] = &[
        ("b", "ب"),
        ("d", "د"),
        ("f", "ف"),
        ("g", "غ"),
        ("k", "ك"),
        ("l", "ل"),
        ("m", "م"),
        ("n", "ن"),
        ("r", "ر"),
        ("s", "س"),
        ("t", "ت"),
        ("z", "ز"),
        ("sh", "ش"),
        ("j", "ج"),
        ("q", "ق"),
    ];
    const NAME_VOWELS: &[(&str, &str)] =
        &[("a", "ا"), ("i", "ي"), ("u", "و"), ("o", "و"), ("e", ""), ("a", "")];

    fn en_word(rng: &mut Rng) -> String {
        let mut w = String::new();
        for _ in 0..rng.range(1, 3) {
            w.push_str(EN_ONSETS[rng.below(EN_ONSETS.len())]);
            w.push_str(EN_VOWELS[rng.below(EN_VOWELS.len())]);
        }
        if rng.chance(0.5) {
            w.push_str(["n", "s", "r", "l", "t", "m", "d"][rng.below(7)]);
        }
        w
    }

    fn ar_word(rng: &mut Rng) -> String {
        let mut w = String::new();
        if rng.chance(0.3) {
            w.push_str("ال");
        }
        for _ in 0..rng.range(3, 6) {
            w.push_str(AR_LETTERS[rng.below(AR_LETTERS.len())]);
        }
        w
    }

    fn name(rng: &mut Rng) -> (String, String) {
        let (mut en, mut ar) = (String::new(), String::new());
        for k in 0..rng.range(2, 3) {
            let (ce, ca) = NAME_CONS[rng.below(NAME_CONS.len())];
            let (ve, va) = NAME_VOWELS[rng.below(NAME_VOWELS.len())];
            en.push_str(ce);
            ar.push_str(ca);
            en.push_str(ve);
            ar.push_str(va);
            if k == 0 && rng.chance(0.3) {
                let (ce, ca) = NAME_CONS[rng.below(NAME_CONS.len())];
                en.push_str(ce);
                ar.push_str(ca);
            }
        }
        let mut c = en.chars();
        let en = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
        (en, ar)
    }

    fn acronym(rng: &mut Rng) -> String {
        (0..rng.range(2, 5)).map(|_| (b'A' + rng.below(26) as u8) as char).collect()
    }

    fn arabic_digits(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x660 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '٬',
                '.' => '٫',
                _ => c,
            })
            .collect()
    }

    fn number(rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => rng.range(1990, 2024).to_string(),
            1 => rng.range(2, 99).to_string(),
            2 => {
                let n = rng.range(1000, 999_999);
                let mut s = String::new();
                let digits = n.to_string();
                for (k, c) in digits.chars().enumerate() {
                    if k > 0 && (digits.len() - k).is_multiple_of(3) {
                        s.push(',');
                    }
                    s.push(c);
                }
                s
            }
            _ => format!("{}.{}", rng.range(1, 99), rng.range(1, 9)),
        }
    }

    /// One piece of a sentence, rendered on both sides.
    enum Piece {
        Word(usize),
        Function(usize),
        Name(usize),
        Acronym(String),
        Number(String),
        Date(usize, usize),
    }

    struct Lexicon {
        en: Vec<String>,
        ar: Vec<String>,
        names: Vec<(String, String)>,
        words: Zipf,
        topic_names: Zipf,
    }

    fn sentence(lex: &Lexicon, topic: &Topic, spec: &Spec, rng: &mut Rng) -> Vec<Piece> {
        let mut out = Vec::new();
        for _ in 0..rng.range(5, 26) {
            out.push(if rng.chance(0.35) {
                Piece::Function(rng.below(EN_FUNCTION.len().min(AR_FUNCTION.len())))
            } else {
                Piece::Word(lex.words.draw(rng))
            });
        }
        let mut insert = |p: Piece, rng: &mut Rng| {
            let at = rng.below(out.len() + 1);
            out.insert(at, p);
        };
        if rng.chance(spec.names) {
            insert(Piece::Name(topic.names[rng.below(topic.names.len())]), rng);
        }
        if rng.chance(spec.numbers) {
            let n = if rng.chance(0.5) {
                topic.numbers[rng.below(topic.numbers.len())].clone()
            } else {
                number(rng)
            };
            insert(Piece::Number(n), rng);
        }
        if rng.chance(spec.acronyms) {
            insert(Piece::Acronym(topic.acronyms[rng.below(topic.acronyms.len())].clone()), rng);
        }
        if rng.chance(spec.numbers * 0.2) {
            insert(Piece::Date(rng.range(1, 28), rng.below(12)), rng);
        }
        out
    }

    struct Topic {
        names: Vec<usize>,
        numbers: Vec<String>,
        acronyms: Vec<String>,
    }

    fn render(pieces: &[Piece], lex: &Lexicon, english: bool, rng: &mut Rng) -> String {
        let mut s = String::new();
        for (k, p) in pieces.iter().enumerate() {
            if k > 0 {
                s.push(' ');
            }
            match p {
                Piece::Word(w) => s.push_str(if english { &lex.en[*w] } else { &lex.ar[*w] }),
                Piece::Function(w) => s.push_str(if english { EN_FUNCTION[*w] } else { AR_FUNCTION[*w] }),
                Piece::Name(n) => s.push_str(if english { &lex.names[*n].0 } else { &lex.names[*n].1 }),
                Piece::Acronym(a) => s.push_str(a),
                Piece::Number(n) if !english && rng.chance(0.5) => s.push_str(&arabic_digits(n)),
                Piece::Number(n) => s.push_str(n),
                Piece::Date(d, m) if english => {
                    let _ = write!(s, "{d} {}", EN_MONTHS[*m]);
                }
                Piece::Date(d, m) => {
                    let _ = write!(s, "{} {}", arabic_digits(&d.to_string()), AR_MONTHS[*m]);
                }
            }
        }
        if english {
            let mut c = s.chars();
            s = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
        }
        s.push('.');
        s
    }

    /// Generates a collection.
    pub fn corpus(spec: &Spec) -> Corpus {
        let mut rng = Rng::new(spec.seed);
        let vocab = 20_000;
        let mut en: Vec<String> = Vec::with_capacity(vocab);
        let mut ar: Vec<String> = Vec::with_capacity(vocab);
        for _ in 0..vocab {
            en.push(en_word(&mut rng));
            ar.push(ar_word(&mut rng));
        }
        let n_names = (spec.docs * 3).max(200);
        let names: Vec<(String, String)> = (0..n_names).map(|_| name(&mut rng)).collect();
        let lex =
            Lexicon { en, ar, names, words: Zipf::new(vocab, 1.0), topic_names: Zipf::new(n_names, 0.8) };
        let mut out = Corpus::default();
        let (lo, hi) = spec.sentences;
        let mut tgt_docs: Vec<(String, String)> = Vec::new();
        for _ in 0..spec.docs {
            let topic = Topic {
                names: (0..rng.range(2, 6)).map(|_| lex.topic_names.draw(&mut rng)).collect(),
                numbers: (0..rng.range(2, 6)).map(|_| number(&mut rng)).collect(),
                acronyms: (0..rng.range(1, 3)).map(|_| acronym(&mut rng)).collect(),
            };
            let n = rng.range(lo.max(1), hi.max(lo.max(1)));
            let (mut src, mut tgt) = (String::new(), String::new());
            let mut pending: Option<String> = None;
            for k in 0..n {
                let pieces = sentence(&lex, &topic, spec, &mut rng);
                src.push_str(&render(&pieces, &lex, true, &mut rng));
                src.push('\n');
                let mut t = render(&pieces, &lex, false, &mut rng);
                // Translators merge and drop sentences now and then.
                if let Some(prev) = pending.take() {
                    t = prev.trim_end_matches('.').to_string() + "، " + &t;
                }
                if rng.chance(0.02) {
                    continue;
                }
                if k + 1 < n && rng.chance(0.06) {
                    pending = Some(t);
                    continue;
                }
                tgt.push_str(&t);
                tgt.push('\n');
            }
            if let Some(t) = pending {
                tgt.push_str(&t);
                tgt.push('\n');
            }
            if tgt.is_empty() {
                tgt = render(&sentence(&lex, &topic, spec, &mut rng), &lex, false, &mut rng) + "\n";
            }
            let r = rng.unit();
            let keep_src = r >= spec.orphans / 2.0;
            let keep_tgt = r < spec.orphans / 2.0 || r >= spec.orphans;
            let (src_name, tgt_name) =
                (format!("{:016x}.txt", rng.next_u64()), format!("{:016x}.txt", rng.next_u64()));
            if keep_src && keep_tgt {
                out.gold.push((out.src.len(), tgt_docs.len()));
            }
            if keep_src {
                out.src.push((src_name, src));
            }
            if keep_tgt {
                tgt_docs.push((tgt_name, tgt));
            }
        }
        // Targets in a random order, so that index order says nothing.
        let mut order: Vec<usize> = (0..tgt_docs.len()).collect();
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
        let mut position = vec![0; order.len()];
        for (pos, &old) in order.iter().enumerate() {
            position[old] = pos;
        }
        out.tgt = order.iter().map(|&old| std::mem::take(&mut tgt_docs[old])).collect();
        for g in &mut out.gold {
            g.1 = position[g.1];
        }
        out
    }

    /// Writes a collection as `dir/en/*.txt`, `dir/ar/*.txt` and
    /// `dir/gold.tsv` (header `en<TAB>ar`).
    pub fn write(corpus: &Corpus, dir: &Path) -> std::io::Result<()> {
        for (side, docs) in [("en", &corpus.src), ("ar", &corpus.tgt)] {
            let d = dir.join(side);
            std::fs::create_dir_all(&d)?;
            for (name, text) in docs.iter() {
                std::fs::write(d.join(name), text)?;
            }
        }
        let mut gold = String::from("en\tar\n");
        for &(i, j) in &corpus.gold {
            let _ = writeln!(gold, "en/{}\tar/{}", corpus.src[i].0, corpus.tgt[j].0);
        }
        std::fs::write(dir.join("gold.tsv"), gold)
    }
}
