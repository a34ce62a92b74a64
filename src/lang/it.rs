//! Italian. Numbers from 21 to 99 are one word (ventitré, trentotto): all are
//! listed.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "it",
    script: Script::Latin,
    non_final: &[
        "avv", "dott", "dott.ssa", "ecc.ma", "egr", "gent", "ing", "on", "p.es", "prof",
        "prof.ssa", "sig", "sig.na", "sig.ra", "sigg",
    ],
    before_number: &["art", "cap", "fig", "n", "pag", "tab", "vol"],
    function_words: &[
        "a", "al", "alla", "anche", "che", "ci", "come", "con", "da", "dei", "del", "della",
        "delle", "di", "e", "gli", "ha", "il", "in", "la", "le", "lo", "ma", "nel", "nella", "non",
        "per", "più", "si", "sono", "su", "un", "una", "è",
    ],
    number_words: &[
        ("cento", 100), ("cinquanta", 50), ("cinquantacinque", 55), ("cinquantadue", 52),
        ("cinquantanove", 59), ("cinquantaquattro", 54), ("cinquantasei", 56),
        ("cinquantasette", 57), ("cinquantatré", 53), ("cinquantotto", 58), ("cinquantuno", 51),
        ("cinque", 5), ("cinquecento", 500), ("cinquemila", 5000), ("diciannove", 19),
        ("diciassette", 17), ("diciotto", 18), ("dieci", 10), ("dodici", 12), ("due", 2),
        ("duecento", 200), ("duemila", 2000), ("mila", 1000), ("miliardi", 1000000000),
        ("miliardo", 1000000000), ("milione", 1000000), ("milioni", 1000000), ("mille", 1000),
        ("novanta", 90), ("novantacinque", 95), ("novantadue", 92), ("novantanove", 99),
        ("novantaquattro", 94), ("novantasei", 96), ("novantasette", 97), ("novantatré", 93),
        ("novantotto", 98), ("novantuno", 91), ("nove", 9), ("novecento", 900), ("novemila", 9000),
        ("ottanta", 80), ("ottantacinque", 85), ("ottantadue", 82), ("ottantanove", 89),
        ("ottantaquattro", 84), ("ottantasei", 86), ("ottantasette", 87), ("ottantatré", 83),
        ("ottantotto", 88), ("ottantuno", 81), ("otto", 8), ("ottocento", 800), ("ottomila", 8000),
        ("quaranta", 40), ("quarantacinque", 45), ("quarantadue", 42), ("quarantanove", 49),
        ("quarantaquattro", 44), ("quarantasei", 46), ("quarantasette", 47), ("quarantatré", 43),
        ("quarantotto", 48), ("quarantuno", 41), ("quattordici", 14), ("quattro", 4),
        ("quattrocento", 400), ("quattromila", 4000), ("quindici", 15), ("sedici", 16), ("sei", 6),
        ("seicento", 600), ("seimila", 6000), ("sessanta", 60), ("sessantacinque", 65),
        ("sessantadue", 62), ("sessantanove", 69), ("sessantaquattro", 64), ("sessantasei", 66),
        ("sessantasette", 67), ("sessantatré", 63), ("sessantotto", 68), ("sessantuno", 61),
        ("settanta", 70), ("settantacinque", 75), ("settantadue", 72), ("settantanove", 79),
        ("settantaquattro", 74), ("settantasei", 76), ("settantasette", 77), ("settantatré", 73),
        ("settantotto", 78), ("settantuno", 71), ("sette", 7), ("settecento", 700),
        ("settemila", 7000), ("tre", 3), ("trecento", 300), ("tredici", 13), ("tremila", 3000),
        ("trenta", 30), ("trentacinque", 35), ("trentadue", 32), ("trentanove", 39),
        ("trentaquattro", 34), ("trentasei", 36), ("trentasette", 37), ("trentatré", 33),
        ("trentotto", 38), ("trentuno", 31), ("undici", 11), ("venti", 20), ("venticinque", 25),
        ("ventidue", 22), ("ventinove", 29), ("ventiquattro", 24), ("ventisei", 26),
        ("ventisette", 27), ("ventitré", 23), ("ventotto", 28), ("ventuno", 21),
    ],
    number_joiners: &["e"],
    letters: "àèéìíîòóùú",
    prefix_lookup: 0,
};
