//! Word lists built into tandem, used as dictionary anchors (see
//! [`crate::anchor`]) when no `--dict` is given, and beside it when one is.
//!
//! Length and anchors cannot see where a translator split a long sentence
//! or dropped one; common words can. Each list pairs a few thousand frequent
//! English words with their usual translations, written for tandem (the
//! third-party lexicons that would fit are under licences tandem cannot
//! carry). English lemmas only: lookup strips English inflections
//! ([`Dictionary::forms`]); the other side lists its inflected forms.
//! Two languages that both have a list are paired through English.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::dict::Dictionary;
use crate::lang::LangRules;

/// The lists: English against each of these languages.
const LISTS: [(&str, &str); 4] = [
    ("ar", include_str!("lexicon/en-ar.tsv")),
    ("de", include_str!("lexicon/en-de.tsv")),
    ("es", include_str!("lexicon/en-es.tsv")),
    ("fr", include_str!("lexicon/en-fr.tsv")),
];
const N: usize = LISTS.len();

/// The built-in word list for a pair of languages, either way round, if
/// there is one: English against a listed language, or two listed
/// languages through English.
pub fn builtin(a: &LangRules, b: &LangRules) -> Option<&'static Dictionary> {
    static DIRECT: [OnceLock<Dictionary>; N] = [const { OnceLock::new() }; N];
    static PIVOT: [OnceLock<Dictionary>; N * N] = [const { OnceLock::new() }; N * N];
    let listed = |code: &str| LISTS.iter().position(|&(c, _)| c == code);
    let direct = |k: usize| DIRECT[k].get_or_init(|| parse(LISTS[k].1, LISTS[k].0));
    match (a.code, b.code) {
        ("en", other) | (other, "en") => listed(other).map(direct),
        (x, y) => {
            let (x, y) = (listed(x)?, listed(y)?);
            if x == y {
                return None;
            }
            let (x, y) = (x.min(y), x.max(y));
            Some(PIVOT[x * N + y].get_or_init(|| pivot(direct(x), direct(y))))
        }
    }
}

fn parse(text: &str, code: &str) -> Dictionary {
    Dictionary::parse(text, Path::new(&format!("built-in word list en-{code}")))
        .expect("the built-in word lists parse (tested)")
}

/// Pairs every translation of an English word in `x` with every one in `y`.
fn pivot(x: &Dictionary, y: &Dictionary) -> Dictionary {
    let mut by_english: HashMap<&[String], Vec<&Vec<String>>> = HashMap::new();
    for (en, word) in y.entries() {
        by_english.entry(en.as_slice()).or_default().push(word);
    }
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for (en, xw) in x.entries() {
        for &yw in by_english.get(en.as_slice()).into_iter().flatten() {
            if seen.insert((xw, yw)) {
                entries.push((xw.clone(), yw.clone()));
            }
        }
    }
    Dictionary::pivoted(entries)
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
    fn two_listed_languages_pair_through_english() {
        let (de, fr) = (by_code("de").unwrap(), by_code("fr").unwrap());
        let d = builtin(de, fr).expect("German–French through English");
        assert!(std::ptr::eq(d, builtin(fr, de).unwrap()));
        let has = |a: &str, b: &str| {
            d.entries().iter().any(|(s, t)| (s[0] == a && t[0] == b) || (s[0] == b && t[0] == a))
        };
        assert!(has("haus", "maison"), "house");
        assert!(has("berg", "montagne"), "mountain");
    }
}
