//! Japanese. No tables: sentences end at 。！？ (UAX #29), numerals are read
//! by rule ([`crate::numwords`]), and words are found in the built-in word
//! list by longest match ([`crate::lexical`]), as Japanese writes no spaces.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "ja",
    script: Script::Cjk,
    non_final: &[],
    before_number: &[],
    function_words: &[],
    number_words: &[],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};
