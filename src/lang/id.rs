//! Indonesian. Tens are written with a word for ten (dua puluh, 20) that
//! the number reader does not compose, so only ten, eleven and the scale
//! words are listed: "2 juta" and "seratus" read, "dua puluh" does not.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "id",
    script: Script::Latin,
    non_final: &[
        "dr", "drs", "ir", "jl", "no", "prof",
    ],
    before_number: &["hal", "no"],
    function_words: &[
        "ada", "adalah", "akan", "atau", "dalam", "dan", "dari", "dengan", "di", "ini", "itu",
        "juga", "karena", "ke", "oleh", "pada", "saat", "sebagai", "sudah", "telah", "tersebut",
        "tidak", "untuk", "yang",
    ],
    number_words: &[
        ("juta", 1000000), ("miliar", 1000000000), ("ratus", 100), ("ribu", 1000), ("sebelas", 11),
        ("sejuta", 1000000), ("sepuluh", 10), ("seratus", 100), ("seribu", 1000),
    ],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};
