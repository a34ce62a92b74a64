//! Word lists built into tandem, used as dictionary anchors (see
//! [`crate::anchor`]) when no `--dict` is given, and beside it when one is.
//!
//! Length and anchors cannot see where a translator split a long sentence
//! or dropped one; common words can. Each list is a few thousand frequent
//! words written for tandem (no third-party lexicon: those that fit are
//! under licences tandem cannot carry), lemmas only: lookup strips
//! inflections ([`Dictionary::forms`]).

use std::path::Path;
use std::sync::OnceLock;

use crate::dict::Dictionary;
use crate::lang::LangRules;

const EN_AR: &str = include_str!("lexicon/en-ar.tsv");

/// The built-in word list for a pair of languages, either way round, if
/// there is one.
pub fn builtin(a: &LangRules, b: &LangRules) -> Option<&'static Dictionary> {
    static EN_AR_DICT: OnceLock<Dictionary> = OnceLock::new();
    match (a.code, b.code) {
        ("en", "ar") | ("ar", "en") => Some(EN_AR_DICT.get_or_init(|| parse(EN_AR, "en-ar"))),
        _ => None,
    }
}

fn parse(text: &str, name: &str) -> Dictionary {
    Dictionary::parse(text, Path::new(&format!("built-in word list {name}")))
        .expect("the built-in word lists parse (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::by_code;

    #[test]
    fn the_lists_parse_and_serve_both_directions() {
        let (en, ar, de) = (by_code("en").unwrap(), by_code("ar").unwrap(), by_code("de").unwrap());
        let d = builtin(en, ar).expect("an English–Arabic list");
        assert!(d.len() > 1000, "{} entries", d.len());
        assert!(std::ptr::eq(d, builtin(ar, en).unwrap()));
        assert!(builtin(en, de).is_none());
        // Stored as lookup forms: English lower case, Arabic normalised.
        for (s, t) in d.entries() {
            assert!(s.iter().all(|w| w.chars().all(|c| !c.is_uppercase())), "{s:?}");
            assert!(t.iter().all(|w| Dictionary::forms(w)[0] == *w), "{t:?}");
        }
    }
}
