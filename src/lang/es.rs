//! Spanish.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "es",
    script: Script::Latin,
    non_final: &["dr", "dra", "etc", "pág", "sr", "sra", "srta", "ud", "uds"],
    function_words: &[
        "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "fue", "la", "las",
        "lo", "los", "más", "no", "para", "pero", "por", "que", "se", "su", "sus", "un", "una",
        "y",
    ],
};
