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
    number_words: &[
        ("acht", 8), ("achtzehn", 18), ("achtzig", 80), ("drei", 3), ("dreissig", 30),
        ("dreizehn", 13), ("dreißig", 30), ("eins", 1), ("elf", 11), ("fünf", 5), ("fünfzehn", 15),
        ("fünfzig", 50), ("hundert", 100), ("milliarde", 1000000000), ("milliarden", 1000000000),
        ("million", 1000000), ("millionen", 1000000), ("neun", 9), ("neunzehn", 19),
        ("neunzig", 90), ("sechs", 6), ("sechzehn", 16), ("sechzig", 60), ("sieben", 7),
        ("siebzehn", 17), ("siebzig", 70), ("tausend", 1000), ("vier", 4), ("vierzehn", 14),
        ("vierzig", 40), ("zehn", 10), ("zwanzig", 20), ("zwei", 2), ("zwo", 2), ("zwölf", 12),
    ],
    number_joiners: &[],
    letters: "äöüß",
    prefix_lookup: 0,
};
