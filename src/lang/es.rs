//! Spanish.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "es",
    script: Script::Latin,
    non_final: &["dr", "dra", "sr", "sra", "srta", "ud", "uds"],
    before_number: &["núm", "pág"],
    function_words: &[
        "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "fue", "la", "las",
        "lo", "los", "más", "no", "para", "pero", "por", "que", "se", "su", "sus", "un", "una",
        "y",
    ],
    number_words: &[],
    number_joiners: &[],
};
