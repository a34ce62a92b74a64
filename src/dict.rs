//! Bilingual dictionaries for `--dict`: hunalign's `target @ source` lines or
//! a two-column TSV `source<TAB>target`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::anchor::{arabic_forms, words};
use crate::error::{Error, Position, Result};
use crate::lang::{Script, script_of};

/// Word pairs, each side a phrase of normalised words.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entries: Vec<(Vec<String>, Vec<String>)>,
    /// For each side, the entries by the first word of that side's phrase,
    /// built on first use: a document looks up its own words, a few
    /// thousand, instead of going through every entry.
    by_first_word: [OnceLock<HashMap<String, Vec<u32>>>; 2],
    /// Every word of every entry, built on first use.
    words: OnceLock<std::collections::HashSet<String>>,
}

impl Dictionary {
    /// Reads a dictionary file.
    pub fn from_path(path: &Path) -> Result<Dictionary> {
        let text = crate::input::read_text(path, &crate::input::ReadOptions::default())?;
        Dictionary::parse(&text, path)
    }

    /// Parses dictionary text; `path` names the source in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Dictionary> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (src, tgt) = if let Some((s, t)) = line.split_once('\t') {
                (s, t)
            } else if let Some((t, s)) = line.split_once(" @ ") {
                (s, t)
            } else {
                return Err(Error::parse(
                    Position::file(path).with_line(n + 1),
                    "expected `target @ source` (hunalign) or `source<TAB>target`",
                ));
            };
            let (src, tgt) = (Dictionary::phrase(src), Dictionary::phrase(tgt));
            if src.is_empty() || tgt.is_empty() {
                return Err(Error::parse(
                    Position::file(path).with_line(n + 1),
                    "an entry needs a word on both sides",
                ));
            }
            entries.push((src, tgt));
        }
        Ok(Dictionary { entries, ..Dictionary::default() })
    }

    /// The entries whose phrase on `side` (0: source, 1: target) starts
    /// with `word`, as indices into [`Dictionary::entries`].
    pub fn starting_with(&self, side: usize, word: &str) -> &[u32] {
        let index = self.by_first_word[side].get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            for (n, (s, t)) in self.entries.iter().enumerate() {
                let phrase = if side == 0 { s } else { t };
                index.entry(phrase[0].clone()).or_default().push(n as u32);
                // Cyrillic and Greek inflect more than a list can spell
                // out: an entry is also found by its stem, which text
                // words are looked up by too (`forms`).
                if matches!(
                    phrase[0].chars().next().and_then(script_of),
                    Some(Script::Cyrillic | Script::Greek)
                ) {
                    for stem in stems(&phrase[0]) {
                        let ids = index.entry(stem).or_default();
                        if ids.last() != Some(&(n as u32)) {
                            ids.push(n as u32);
                        }
                    }
                }
            }
            index
        });
        index.get(word).map_or(&[], Vec::as_slice)
    }

    /// Whether `word` occurs in any entry, on either side.
    pub fn has_word(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| self.entries.iter().flat_map(|(s, t)| s.iter().chain(t)).cloned().collect())
            .contains(word)
    }

    /// The entries as (source words, target words).
    pub fn entries(&self) -> &[(Vec<String>, Vec<String>)] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn phrase(text: &str) -> Vec<String> {
        words(text).map(|w| Dictionary::forms(w).swap_remove(0)).collect()
    }

    /// The normalised forms a text word can be looked up by. The first is
    /// the word itself (lower case; Arabic without diacritics, alef forms one):
    /// dictionary entries are stored in it. The others are what a text word
    /// may be an inflection of: Arabic without leading clitics and without one
    /// pronoun or plural suffix, English without a regular ending. A
    /// dictionary lists lemmas, and text inflects them.
    pub fn forms(word: &str) -> Vec<String> {
        let mut out = match word.chars().find_map(script_of) {
            Some(Script::Arabic) => arabic_forms(word),
            Some(Script::Hebrew) => hebrew_forms(word),
            // Russian text mostly writes ё as е.
            Some(Script::Cyrillic) => vec![word.to_lowercase().replace('ё', "е")],
            _ => vec![word.to_lowercase()],
        };
        let n = out.len();
        for i in 0..n {
            for stem in stems(&out[i]) {
                if !out.contains(&stem) {
                    out.push(stem);
                }
            }
        }
        out
    }
}

/// A Hebrew word without vowel points, and without one or two of the
/// particles written onto it (ו ה ב ל מ ש כ: ובבית → בבית → בית), at
/// least two letters left.
fn hebrew_forms(word: &str) -> Vec<String> {
    let w: String = word.chars().filter(|&c| !matches!(c as u32, 0x0591..=0x05C7)).collect();
    let mut out = vec![w.clone()];
    let mut rest = w.as_str();
    for _ in 0..2 {
        match rest.strip_prefix(['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ']) {
            Some(r) if r.chars().count() >= 2 => {
                out.push(r.to_string());
                rest = r;
            }
            _ => break,
        }
    }
    out
}

/// Arabic suffixes (ta marbuta already written ه): object and possessive
/// pronouns, sound plurals and duals. Longest first, so that هما goes before ها.
const ARABIC_SUFFIXES: &[&str] =
    &["هما", "كما", "ات", "ون", "ين", "ان", "وا", "هم", "هن", "ها", "كم", "نا", "ه", "ي"];

/// Russian inflectional endings of nouns, adjectives and verbs, longest
/// first (a light stemmer: derivation is left alone).
const RUSSIAN_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ать", "ять", "ить", "еть", "уть", "ешь", "ишь",
    "ете", "ите", "ала", "яла", "ила", "ела", "али", "яли", "или", "ели", "ало", "яло", "ило", "ело", "ах",
    "ях", "ов", "ев", "ам", "ям", "ой", "ей", "ом", "ем", "ию", "ия", "ие", "ий", "ью", "ая", "яя", "ое",
    "ее", "ые", "ый", "ую", "юю", "ых", "их", "ым", "им", "ла", "ло", "ли", "ет", "ит", "ут", "ют", "ат",
    "ят", "ал", "ял", "ил", "ел", "ть", "ти", "ы", "и", "а", "я", "о", "е", "у", "ю", "ь", "й", "л",
];

/// Greek case and verb endings, longest first (with and without accent).
const GREEK_ENDINGS: &[&str] = &[
    "ούμε", "ούνε", "ουν", "ούν", "ους", "ούς", "ων", "ών", "ες", "ές", "ας", "άς", "ης", "ής", "ος", "ός",
    "ου", "ού", "οι", "οί", "ει", "εί", "ά", "ή", "ό", "ώ", "ί", "έ", "α", "η", "ο", "ω", "ι", "ε", "ς",
];

/// Shortest stem worth looking up: shorter ones match unrelated words.
const MIN_STEM: usize = 3;

/// Candidate stems of one normalised word: Arabic without one suffix,
/// English without a regular plural, past, participle or adverb ending.
fn stems(w: &str) -> Vec<String> {
    let len = |s: &str| s.chars().count();
    let mut out = Vec::new();
    let mut push = |s: String| {
        if len(&s) >= MIN_STEM && s != w {
            out.push(s);
        }
    };
    match w.chars().find_map(script_of) {
        Some(Script::Arabic) => {
            if let Some(stem) = ARABIC_SUFFIXES.iter().find_map(|suf| w.strip_suffix(suf)) {
                push(stem.to_string());
            }
            return out;
        }
        Some(Script::Cyrillic) => {
            // Without the reflexive particle, then without the longest
            // ending that leaves a stem: страна, страны, стране → стран.
            let w = w
                .strip_suffix("ся")
                .or_else(|| w.strip_suffix("сь"))
                .filter(|r| len(r) >= MIN_STEM)
                .unwrap_or(w);
            let stem = RUSSIAN_ENDINGS
                .iter()
                .filter_map(|e| w.strip_suffix(e))
                .find(|r| len(r) >= MIN_STEM)
                .unwrap_or(w);
            push(stem.to_string());
            return out;
        }
        Some(Script::Greek) => {
            // κήπος, κήπου, κήπο → κήπ; accents stay, as text writes them.
            if let Some(stem) =
                GREEK_ENDINGS.iter().filter_map(|e| w.strip_suffix(e)).find(|r| len(r) >= MIN_STEM)
            {
                push(stem.to_string());
            }
            return out;
        }
        _ => {}
    }
    if !w.is_ascii() {
        return out;
    }
    let doubled = |s: &str| {
        let b = s.as_bytes();
        b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1])
    };
    if let Some(s) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        push(format!("{s}y"));
    } else if let Some(s) = w.strip_suffix("ing").or_else(|| w.strip_suffix("ed")) {
        push(s.to_string());
        push(format!("{s}e"));
        if doubled(s) {
            push(s[..s.len() - 1].to_string());
        }
    } else if let Some(s) = w.strip_suffix("es") {
        push(s.to_string());
        push(format!("{s}e"));
    } else if let Some(s) = w.strip_suffix("ly") {
        push(s.to_string());
    } else if let Some(s) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        push(s.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_formats() {
        let d = Dictionary::parse("# c\nسد @ dam\nriver\tنهر\n\n", Path::new("d")).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.entries()[0], (vec!["dam".to_string()], vec!["سد".to_string()]));
        assert_eq!(d.entries()[1], (vec!["river".to_string()], vec!["نهر".to_string()]));
    }

    #[test]
    fn bad_line_names_its_line() {
        let err = Dictionary::parse("a @ b\nnonsense\n", Path::new("d.txt")).unwrap_err();
        assert!(err.to_string().starts_with("d.txt:line 2:"), "{err}");
    }

    #[test]
    fn greek_cases_meet_at_their_stem() {
        let d = Dictionary::parse("garden\tκήπος\nmarket\tαγορά\n", Path::new("d")).unwrap();
        let found = |w: &str| Dictionary::forms(w).iter().any(|f| !d.starting_with(1, f).is_empty());
        assert!(found("κήπο") && found("κήπου") && found("αγοράς") && found("Κήπος"));
        assert!(!found("κήρυκας"));
    }

    #[test]
    fn hebrew_particles_are_stripped() {
        assert_eq!(Dictionary::forms("ובבית"), ["ובבית", "בבית", "בית"]);
        // Vowel points go; a leading ב may be the word's own letter, so the
        // stripped form is only tried too.
        assert_eq!(Dictionary::forms("בַּיִת"), ["בית", "ית"]);
    }

    #[test]
    fn russian_inflections_meet_at_their_stem() {
        let d = Dictionary::parse("country\tстрана\nsay\tговорить\nnew\tновый\n", Path::new("d")).unwrap();
        let found = |w: &str| -> Vec<u32> {
            let mut ids: Vec<u32> =
                Dictionary::forms(w).iter().flat_map(|f| d.starting_with(1, f)).copied().collect();
            ids.dedup();
            ids
        };
        for w in ["страны", "стран", "Странами", "стране"] {
            assert_eq!(found(w), [0], "{w}");
        }
        for w in ["говорит", "говорят", "говорил", "говорится"] {
            assert_eq!(found(w), [1], "{w}");
        }
        for w in ["новая", "новых", "новое", "новом"] {
            assert_eq!(found(w), [2], "{w}");
        }
        assert!(found("стул").is_empty());
        assert_eq!(Dictionary::forms("Её")[0], "ее");
    }

    #[test]
    fn inflected_words_find_their_lemma() {
        for (word, lemma) in [
            ("houses", "house"),
            ("cities", "city"),
            ("walked", "walk"),
            ("used", "use"),
            ("stopped", "stop"),
            ("running", "run"),
            ("making", "make"),
            ("quickly", "quick"),
            ("والكتب", "كتب"),
            ("بيوتهم", "بيوت"),
            ("المعلمات", "معلم"),
            ("الكبيرة", "كبير"),
            ("الكبيرة", "كبيره"),
        ] {
            assert!(
                Dictionary::forms(word).contains(&lemma.to_string()),
                "{word} -> {lemma}: {:?}",
                Dictionary::forms(word)
            );
        }
        // The word itself comes first: dictionary entries are stored in it.
        assert_eq!(Dictionary::forms("Houses")[0], "houses");
        // Stems shorter than three letters are not looked up.
        assert!(!Dictionary::forms("is").contains(&"i".to_string()));
        assert!(!Dictionary::forms("bed").iter().any(|f| f == "b" || f == "be"));
    }

    #[test]
    fn arabic_clitics_are_stripped_for_lookup() {
        assert!(Dictionary::forms("والكتاب").contains(&"كتاب".to_string()));
    }
}
