//! Portuguese, European and Brazilian spellings (dezasseis, dezesseis). "Um"
//! and "uma" are articles as often as numbers and are left out; "bilião"
//! is 10¹² in Portugal and is left out too.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "pt",
    script: Script::Latin,
    non_final: &[
        "dr", "dra", "eng", "exma", "exmo", "prof", "profa", "sr", "sra", "srs", "v.exa",
    ],
    before_number: &["art", "cap", "fig", "n", "p", "pág"],
    function_words: &[
        "a", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "em", "foi",
        "mais", "mas", "na", "nas", "no", "nos", "não", "o", "os", "para", "pela", "pelo", "por",
        "que", "se", "seu", "sua", "um", "uma", "é",
    ],
    number_words: &[
        ("bilhão", 1000000000), ("bilhões", 1000000000), ("catorze", 14), ("cem", 100),
        ("cento", 100), ("cinco", 5), ("cinquenta", 50), ("dez", 10), ("dezanove", 19),
        ("dezasseis", 16), ("dezassete", 17), ("dezenove", 19), ("dezesseis", 16),
        ("dezessete", 17), ("dezoito", 18), ("dois", 2), ("doze", 12), ("duas", 2),
        ("duzentas", 200), ("duzentos", 200), ("mil", 1000), ("milhão", 1000000),
        ("milhões", 1000000), ("nove", 9), ("novecentas", 900), ("novecentos", 900),
        ("noventa", 90), ("oitenta", 80), ("oito", 8), ("oitocentas", 800), ("oitocentos", 800),
        ("onze", 11), ("quarenta", 40), ("quatorze", 14), ("quatro", 4), ("quatrocentas", 400),
        ("quatrocentos", 400), ("quinhentas", 500), ("quinhentos", 500), ("quinze", 15),
        ("seis", 6), ("seiscentas", 600), ("seiscentos", 600), ("sessenta", 60), ("sete", 7),
        ("setecentas", 700), ("setecentos", 700), ("setenta", 70), ("treze", 13),
        ("trezentas", 300), ("trezentos", 300), ("trinta", 30), ("três", 3), ("vinte", 20),
    ],
    number_joiners: &["e"],
    letters: "áâãàçéêíóôõú",
    prefix_lookup: 0,
};
