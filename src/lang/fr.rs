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
    number_words: &[
        ("cent", 100), ("cents", 100), ("cinq", 5), ("cinquante", 50), ("deux", 2), ("dix", 10),
        ("douze", 12), ("huit", 8), ("mille", 1000), ("milliard", 1000000000),
        ("milliards", 1000000000), ("million", 1000000), ("millions", 1000000), ("neuf", 9),
        ("onze", 11), ("quarante", 40), ("quatorze", 14), ("quatre", 4), ("quinze", 15),
        ("seize", 16), ("sept", 7), ("six", 6), ("soixante", 60), ("treize", 13), ("trente", 30),
        ("trois", 3), ("un", 1), ("vingt", 20), ("vingts", 20),
    ],
    number_joiners: &["et"],
    letters: "àâæçéèêëîïôœùûüÿ",
    prefix_lookup: 0,
};
