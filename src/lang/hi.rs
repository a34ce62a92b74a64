//! Hindi, in Devanagari. Nouns and verbs change their endings (लड़का,
//! लड़के, लड़कों): a word not listed is looked up by its longest listed prefix.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "hi",
    script: Script::Other,
    non_final: &[
        "डॉ",
    ],
    before_number: &[],
    function_words: &[
        "एक", "और", "का", "कि", "की", "के", "को", "तो", "था", "थी", "थे", "नहीं", "ने", "पर", "भी",
        "में", "यह", "लिए", "वह", "से", "है", "हैं",
    ],
    number_words: &[
        ("अरब", 1000000000), ("अस्सी", 80), ("आठ", 8), ("करोड़", 10000000), ("चार", 4),
        ("चालीस", 40), ("छह", 6), ("तीन", 3), ("तीस", 30), ("दस", 10), ("दो", 2), ("नब्बे", 90),
        ("नौ", 9), ("पचास", 50), ("पाँच", 5), ("पांच", 5), ("बीस", 20), ("लाख", 100000),
        ("सत्तर", 70), ("साठ", 60), ("सात", 7), ("सौ", 100), ("हज़ार", 1000), ("हजार", 1000),
    ],
    number_joiners: &["और"],
    letters: "",
    prefix_lookup: 3,
};
