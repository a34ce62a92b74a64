//! German.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "de",
    script: Script::Latin,
    non_final: &[
        "bzw", "d.h", "dr", "evtl", "frl", "hr", "hrn", "inkl", "prof", "sog", "u.a", "vgl", "z.b",
        "z.t",
    ],
    before_number: &["abb", "ca", "jh", "nr", "s", "str"],
    function_words: &[
        "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "die", "ein", "eine",
        "einem", "einen", "einer", "er", "es", "für", "ich", "im", "ist", "mit", "nach", "nicht",
        "sich", "sie", "sind", "und", "von", "war", "wir", "wird", "wurde", "zu", "zum", "zur",
    ],
    number_words: &[],
    number_joiners: &[],
};
