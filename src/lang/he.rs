//! Hebrew, without vowel points. Particles (ו ה ב ל מ ש כ) are written
//! onto the next word; word lookup strips them ([`crate::dict::Dictionary::forms`]).
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "he",
    script: Script::Hebrew,
    non_final: &[

    ],
    before_number: &[],
    function_words: &[
        "אבל", "או", "אין", "אל", "אם", "אני", "את", "גם", "הוא", "היא", "הם", "זה", "יש", "כי",
        "כל", "כמו", "לא", "עד", "על", "עם", "של",
    ],
    number_words: &[
        ("אלף", 1000), ("אלפים", 1000), ("ארבע", 4), ("ארבעה", 4), ("ארבעים", 40), ("חמישה", 5),
        ("חמישים", 50), ("חמש", 5), ("מאה", 100), ("מאות", 100), ("מיליארד", 1000000000),
        ("מיליון", 1000000), ("עשר", 10), ("עשרה", 10), ("עשרים", 20), ("שבע", 7), ("שבעה", 7),
        ("שבעים", 70), ("שישה", 6), ("שישים", 60), ("שלוש", 3), ("שלושה", 3), ("שלושים", 30),
        ("שמונה", 8), ("שמונים", 80), ("שני", 2), ("שניים", 2), ("שש", 6), ("שתי", 2),
        ("שתיים", 2), ("תשע", 9), ("תשעה", 9), ("תשעים", 90),
    ],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};
