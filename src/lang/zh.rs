//! Chinese. No tables: sentences end at 。！？ (UAX #29), numbers are read
//! by rule ([`crate::numwords`]), and words are found in the built-in word
//! list by longest match ([`crate::lexical`]), as Chinese writes no spaces.
use super::{LangRules, Script};

pub static RULES: LangRules = LangRules {
    code: "zh",
    script: Script::Cjk,
    non_final: &[],
    before_number: &[],
    function_words: &[],
    number_words: &[],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};
