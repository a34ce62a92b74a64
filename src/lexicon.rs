//! Word lists built into tandem, used as dictionary anchors (see
//! [`crate::anchor`]) when no `--dict` is given, and beside it when one is.
//!
//! Length and anchors cannot see where a translator split a long sentence
//! or dropped one; common words can. Each list pairs a few thousand frequent
//! English words with their usual translations, written for tandem (the
//! third-party lexicons that would fit are under licences tandem cannot
//! carry). English lemmas only: lookup strips English inflections
//! ([`Dictionary::forms`]); the other side lists its inflected forms.
//! Two listed languages are not paired through English: German–French so
//! paired moved textberg by +0.001 at best, for 75,000–120,000 entries.

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
    fn only_pairs_with_english_have_a_list() {
        let code = |c| by_code(c).unwrap();
        assert!(builtin(code("de"), code("fr")).is_none());
        assert!(builtin(code("ar"), code("es")).is_none());
        assert!(builtin(code("en"), &crate::lang::UNKNOWN).is_none());
    }
}
