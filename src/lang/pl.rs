//! Polish. Nouns take seven cases: a word not listed is looked up by its
//! longest listed prefix (domach → dom).
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "pl",
    script: Script::Latin,
    non_final: &[
        "dr", "inż", "m.in", "mgr", "np", "prof", "tj", "tzw", "ul", "św",
    ],
    before_number: &["art", "nr", "pkt", "rozdz", "s", "ust"],
    function_words: &[
        "a", "aby", "ale", "co", "czy", "dla", "do", "i", "jak", "jego", "jest", "już", "na",
        "nie", "o", "od", "oraz", "po", "przez", "się", "są", "tak", "to", "tylko", "w", "we", "z",
        "za", "ze", "że",
    ],
    number_words: &[
        ("czterdzieści", 40), ("czternaście", 14), ("cztery", 4), ("czterysta", 400), ("dwa", 2),
        ("dwadzieścia", 20), ("dwanaście", 12), ("dwie", 2), ("dwieście", 200), ("dziesięć", 10),
        ("dziewiętnaście", 19), ("dziewięć", 9), ("dziewięćdziesiąt", 90), ("dziewięćset", 900),
        ("jedenaście", 11), ("miliard", 1000000000), ("miliardy", 1000000000),
        ("miliardów", 1000000000), ("milion", 1000000), ("miliony", 1000000),
        ("milionów", 1000000), ("osiem", 8), ("osiemdziesiąt", 80), ("osiemnaście", 18),
        ("osiemset", 800), ("piętnaście", 15), ("pięć", 5), ("pięćdziesiąt", 50), ("pięćset", 500),
        ("siedem", 7), ("siedemdziesiąt", 70), ("siedemnaście", 17), ("siedemset", 700),
        ("sto", 100), ("szesnaście", 16), ("sześć", 6), ("sześćdziesiąt", 60), ("sześćset", 600),
        ("trzy", 3), ("trzydzieści", 30), ("trzynaście", 13), ("trzysta", 300), ("tysiąc", 1000),
        ("tysiące", 1000), ("tysięcy", 1000),
    ],
    number_joiners: &[],
    letters: "ąćęłńóśźż",
    prefix_lookup: 4,
};
