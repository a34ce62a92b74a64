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
    number_words: &[
        ("catorce", 14), ("cien", 100), ("ciento", 100), ("cinco", 5), ("cincuenta", 50),
        ("cuarenta", 40), ("cuatro", 4), ("cuatrocientas", 400), ("cuatrocientos", 400),
        ("diecinueve", 19), ("dieciocho", 18), ("diecisiete", 17), ("dieciséis", 16), ("diez", 10),
        ("doce", 12), ("dos", 2), ("doscientas", 200), ("doscientos", 200), ("mil", 1000),
        ("millones", 1000000), ("millón", 1000000), ("novecientas", 900), ("novecientos", 900),
        ("noventa", 90), ("nueve", 9), ("ochenta", 80), ("ocho", 8), ("ochocientas", 800),
        ("ochocientos", 800), ("once", 11), ("quince", 15), ("quinientas", 500),
        ("quinientos", 500), ("seis", 6), ("seiscientas", 600), ("seiscientos", 600),
        ("sesenta", 60), ("setecientas", 700), ("setecientos", 700), ("setenta", 70), ("siete", 7),
        ("trece", 13), ("treinta", 30), ("tres", 3), ("trescientas", 300), ("trescientos", 300),
        ("uno", 1), ("veinte", 20),
    ],
    number_joiners: &["y"],
    letters: "áéíóúüñ",
    prefix_lookup: 0,
};
