//! Arabic. Arabic has no letter case, so the function words are what tell a
//! new sentence after an abbreviation or initial.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "ar",
    script: Script::Arabic,
    // د. (دكتور), أ. (أستاذ), م. (مهندس), ج. (جزء), ص. (صفحة) are single letters, handled as initials.
    non_final: &["أ.د", "ص.ب"],
    before_number: &["ت", "ق.م"],
    function_words: &[
        "أن", "إلى", "إن", "التي", "الذي", "على", "عن", "في", "قال", "كان", "كما", "لا", "لم",
        "ما", "مع", "من", "هذا", "هذه", "هو", "هي", "و", "وقال", "وكان",
    ],
};
