//! Word lists built into tandem, used as dictionary anchors (see
//! [`crate::anchor`]) when no `--dict` is given, and beside it when one is.
//!
//! Length and anchors cannot see where a translator split a long sentence
//! or dropped one; common words can. Each list pairs a few thousand frequent
//! English words with their usual translations, written for tandem (the
//! third-party lexicons that would fit are under licences tandem cannot
//! carry). English lemmas only: lookup strips English inflections
//! ([`Dictionary::forms`]); the other side lists its inflected forms.
//! Two listed languages are paired through English ([`pivot`]) for the
//! coverage term only ([`crate::lexical`]): as anchors, German–French so
//! paired moved textberg by +0.001 at best, as the paired words are too
//! loose to be rare; as coverage they gain 0.015 strict F1 there.

use std::path::Path;
use std::sync::OnceLock;

use crate::dict::Dictionary;
use crate::lang::LangRules;

/// The lists: English against each of these languages.
const LISTS: [(&str, &str); 18] = [
    ("ar", include_str!("lexicon/en-ar.tsv")),
    ("de", include_str!("lexicon/en-de.tsv")),
    ("el", include_str!("lexicon/en-el.tsv")),
    ("es", include_str!("lexicon/en-es.tsv")),
    ("fr", include_str!("lexicon/en-fr.tsv")),
    ("he", include_str!("lexicon/en-he.tsv")),
    ("hi", include_str!("lexicon/en-hi.tsv")),
    ("id", include_str!("lexicon/en-id.tsv")),
    ("it", include_str!("lexicon/en-it.tsv")),
    ("ja", include_str!("lexicon/en-ja.tsv")),
    ("ko", include_str!("lexicon/en-ko.tsv")),
    ("nl", include_str!("lexicon/en-nl.tsv")),
    ("pl", include_str!("lexicon/en-pl.tsv")),
    ("pt", include_str!("lexicon/en-pt.tsv")),
    ("ru", include_str!("lexicon/en-ru.tsv")),
    ("tr", include_str!("lexicon/en-tr.tsv")),
    ("uk", include_str!("lexicon/en-uk.tsv")),
    ("zh", include_str!("lexicon/en-zh.tsv")),
];
const N: usize = LISTS.len();

/// The built-in word list for a pair of languages, either way round: English
/// against a listed language.
pub fn builtin(a: &LangRules, b: &LangRules) -> Option<&'static Dictionary> {
    static LOADED: [OnceLock<Dictionary>; N] = [const { OnceLock::new() }; N];
    let other = match (a.code, b.code) {
        ("en", other) | (other, "en") => other,
        _ => return None,
    };
    let k = LISTS.iter().position(|&(c, _)| c == other)?;
    Some(LOADED[k].get_or_init(|| parse(LISTS[k].1, LISTS[k].0)))
}

/// Two listed languages paired through English (German–French: a German
/// and a French word that translate one English word).
pub fn pivot(a: &LangRules, b: &LangRules) -> Option<&'static Dictionary> {
    static LOADED: [OnceLock<Dictionary>; N * N] = [const { OnceLock::new() }; N * N];
    let ka = LISTS.iter().position(|&(c, _)| c == a.code)?;
    let kb = LISTS.iter().position(|&(c, _)| c == b.code)?;
    if ka == kb {
        return None;
    }
    let en = by_code_en();
    Some(LOADED[ka * N + kb].get_or_init(|| {
        let (da, db) = (builtin(en, a).expect("listed"), builtin(en, b).expect("listed"));
        let mut by_en: std::collections::HashMap<&str, Vec<&str>> = Default::default();
        for (e, t) in db.entries() {
            if e.len() == 1 && t.len() == 1 {
                by_en.entry(e[0].as_str()).or_default().push(t[0].as_str());
            }
        }
        let mut text = String::new();
        for (e, t) in da.entries() {
            if e.len() != 1 || t.len() != 1 {
                continue;
            }
            for other in by_en.get(e[0].as_str()).into_iter().flatten() {
                text.push_str(&t[0]);
                text.push('\t');
                text.push_str(other);
                text.push('\n');
            }
        }
        Dictionary::parse(&text, Path::new("built-in word lists through English"))
            .expect("composed lists parse")
    }))
}

fn by_code_en() -> &'static LangRules {
    crate::lang::by_code("en").expect("English has a table")
}

fn parse(text: &str, code: &str) -> Dictionary {
    Dictionary::parse(text, Path::new(&format!("built-in word list en-{code}")))
        .expect("the built-in word lists parse (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::by_code;

    #[test]
    fn the_lists_parse_and_serve_both_directions() {
        let code = |c| by_code(c).unwrap();
        for (c, _) in LISTS {
            let d = builtin(code("en"), code(c)).expect("a list against English");
            assert!(d.len() > 5000, "en-{c}: {} entries", d.len());
            assert!(std::ptr::eq(d, builtin(code(c), code("en")).unwrap()));
            // Stored as lookup forms: English lower case, the other side normalised.
            for (s, t) in d.entries() {
                assert!(s.iter().all(|w| w.chars().all(|c| !c.is_uppercase())), "{s:?}");
                assert!(t.iter().all(|w| Dictionary::forms(w)[0] == *w), "en-{c}: {t:?}");
            }
        }
        assert!(builtin(code("en"), code("en")).is_none());
    }

    #[test]
    fn japanese_entries_are_single_words() {
        // Kanji and kana are one unspaced run, so 食べた is one word, found
        // by longest match in running text.
        let code = |c| by_code(c).unwrap();
        let d = builtin(code("en"), code("ja")).unwrap();
        let single = d.entries().iter().filter(|(_, t)| t.len() == 1).count();
        assert!(single * 100 >= d.len() * 99, "{single} of {}", d.len());
    }

    #[test]
    fn only_pairs_with_english_have_a_list() {
        let code = |c| by_code(c).unwrap();
        assert!(builtin(code("de"), code("fr")).is_none());
        assert!(builtin(code("ar"), code("es")).is_none());
        assert!(builtin(code("en"), &crate::lang::UNKNOWN).is_none());
    }

    #[test]
    fn two_listed_languages_pair_through_english() {
        let code = |c| by_code(c).unwrap();
        let d = pivot(code("de"), code("fr")).expect("German and French both have a list");
        let has = |a: &str, b: &str| d.entries().iter().any(|(s, t)| s == &[a] && t == &[b]);
        assert!(has("haus", "maison") && has("häuser", "maisons"));
        assert!(!has("haus", "house"), "English is only the pivot");
        assert!(std::ptr::eq(d, pivot(code("de"), code("fr")).unwrap()), "built once");
        assert!(
            pivot(code("fr"), code("de"))
                .unwrap()
                .entries()
                .iter()
                .any(|(s, t)| s == &["maison"] && t == &["haus"])
        );
        assert!(pivot(code("en"), code("fr")).is_none() && pivot(code("de"), code("de")).is_none());
        assert!(pivot(code("de"), &crate::lang::UNKNOWN).is_none());
    }
}
