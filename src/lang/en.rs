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
    number_words: &[
        ("billion", 1000000000), ("eight", 8), ("eighteen", 18), ("eighteenth", 18), ("eighth", 8),
        ("eightieth", 80), ("eighty", 80), ("eleven", 11), ("eleventh", 11), ("fifteen", 15),
        ("fifteenth", 15), ("fifth", 5), ("fiftieth", 50), ("fifty", 50), ("first", 1),
        ("five", 5), ("fortieth", 40), ("forty", 40), ("four", 4), ("fourteen", 14),
        ("fourteenth", 14), ("fourth", 4), ("hundred", 100), ("hundredth", 100),
        ("million", 1000000), ("nine", 9), ("nineteen", 19), ("nineteenth", 19), ("ninetieth", 90),
        ("ninety", 90), ("ninth", 9), ("one", 1), ("second", 2), ("seven", 7), ("seventeen", 17),
        ("seventeenth", 17), ("seventh", 7), ("seventieth", 70), ("seventy", 70), ("six", 6),
        ("sixteen", 16), ("sixteenth", 16), ("sixth", 6), ("sixtieth", 60), ("sixty", 60),
        ("ten", 10), ("tenth", 10), ("third", 3), ("thirteen", 13), ("thirteenth", 13),
        ("thirtieth", 30), ("thirty", 30), ("thousand", 1000), ("thousandth", 1000), ("three", 3),
        ("twelfth", 12), ("twelve", 12), ("twentieth", 20), ("twenty", 20), ("two", 2),
    ],
    number_joiners: &["and"],
    letters: "",
    prefix_lookup: 0,
};
