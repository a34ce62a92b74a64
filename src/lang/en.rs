//! English.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "en",
    script: Script::Latin,
    non_final: &[
        "adm", "approx", "apr", "aug", "capt", "cf", "cmdr", "col", "corp", "cpl", "dec", "dept",
        "dr", "e.g", "etc", "feb", "fig", "fr", "gen", "gov", "hon", "i.e", "jan", "jr", "jul",
        "jun", "lt", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "op", "pp",
        "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "vol", "vs",
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
