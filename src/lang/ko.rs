//! Korean. Particles and endings are written onto the word (학교에서): words
//! are found in the built-in word list by longest match from the start of
//! each Hangul run ([`crate::lexical`]), as for Chinese and Japanese.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "ko",
    script: Script::Cjk,
    non_final: &[

    ],
    before_number: &[],
    function_words: &[

    ],
    number_words: &[

    ],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};
