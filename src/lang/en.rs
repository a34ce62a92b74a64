//! English.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "en",
    script: Script::Latin,
    non_final: &[
        "adm", "approx", "capt", "cf", "cmdr", "col", "cpl", "dr", "e.g", "fr", "gen", "gov", "hon",
        "i.e", "lt", "maj", "mr", "mrs", "ms", "mt", "pres", "prof", "rep", "rev", "sen", "sgt",
        "st", "supt", "vs",
    ],
    before_number: &[
        "apr", "art", "aug", "ch", "dec", "feb", "fig", "jan", "jul", "jun", "mar", "no", "nos",
        "nov", "oct", "op", "p", "pp", "sec", "sep", "sept", "vol",
    ],
    function_words: &[
        "a", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by",
        "for", "from", "had", "has", "have", "he", "her", "his", "however", "i", "if", "in",
        "into", "is", "it", "its", "meanwhile", "more", "not", "of", "on", "one", "or", "our",
        "she", "so", "some", "than", "that", "the", "their", "there", "these", "they", "this",
        "those", "to", "was", "we", "were", "what", "when", "which", "while", "who", "will",
        "with", "would", "you",
    ],
};
