//! French.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "fr",
    script: Script::Latin,
    non_final: &[
        "av", "bd", "c.-à-d", "cf", "dr", "ex", "m", "mgr", "mlle", "mm", "mme", "p.ex", "pr", "st",
        "ste",
    ],
    before_number: &["no", "p"],
    function_words: &[
        "au", "aux", "avec", "ce", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et",
        "il", "ils", "je", "la", "le", "les", "leur", "mais", "nous", "on", "ont", "par", "pas",
        "pour", "qu", "que", "qui", "sa", "se", "son", "sont", "sur", "un", "une",
    ],
    number_words: &[],
    number_joiners: &[],
};
