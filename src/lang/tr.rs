//! Turkish. Words take suffix after suffix (evlerimizden), more than a list
//! spells out: a word not listed is looked up by its longest listed prefix.
//! "Bir" (one, a) is left out of the number words.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "tr",
    script: Script::Latin,
    non_final: &[
        "doç", "dr", "prof", "sn", "vb", "vs",
    ],
    before_number: &["md", "no", "s"],
    function_words: &[
        "ama", "bir", "bu", "da", "daha", "de", "en", "gibi", "her", "ile", "ise", "için", "kadar",
        "ki", "mi", "ne", "o", "olan", "olarak", "sonra", "ve", "veya", "çok", "şu",
    ],
    number_words: &[
        ("altmış", 60), ("altı", 6), ("beş", 5), ("bin", 1000), ("doksan", 90), ("dokuz", 9),
        ("dört", 4), ("elli", 50), ("iki", 2), ("kırk", 40), ("milyar", 1000000000),
        ("milyon", 1000000), ("on", 10), ("otuz", 30), ("sekiz", 8), ("seksen", 80), ("yedi", 7),
        ("yetmiş", 70), ("yirmi", 20), ("yüz", 100), ("üç", 3),
    ],
    number_joiners: &[],
    letters: "âçğıîöşûü",
    prefix_lookup: 3,
};
