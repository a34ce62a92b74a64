//! Urdu. Written in Arabic letters with ٹ ڈ ڑ ں ے ھ; sentences
//! end at ۔ (UAX #29). Number words are stored normalised as
//! [`crate::anchor::normalise_arabic`] makes them; "نو" (nine, also "new")
//! and "اسی" (eighty, also "this") are left out.
use super::{LangRules, Script};

#[rustfmt::skip]
pub static RULES: LangRules = LangRules {
    code: "ur",
    script: Script::Arabic,
    non_final: &[],
    before_number: &[],
    function_words: &[
        "اس", "ان", "اور", "ایک", "بھی", "تھا", "تھی", "تھے", "جو", "سے", "لیے", "میں", "نہیں",
        "نے", "وہ", "پر", "کا", "کو", "کہ", "کی", "کے", "گیا", "ہیں", "ہے", "یہ",
    ],
    number_words: &[
        ("ارب", 1000000000), ("انيس", 19), ("ايك", 1), ("اٹھ", 8), ("اٹھاره", 18), ("باره", 12),
        ("بيس", 20), ("تيره", 13), ("تيس", 30), ("تين", 3), ("دس", 10), ("دو", 2), ("سات", 7),
        ("ساٹھ", 60), ("ستر", 70), ("ستره", 17), ("سو", 100), ("سوله", 16), ("كروڑ", 10000000),
        ("لاكھ", 100000), ("نوي", 90), ("هزار", 1000), ("پانچ", 5), ("پندره", 15), ("پچاس", 50),
        ("چار", 4), ("چاليس", 40), ("چوده", 14), ("چھ", 6), ("گياره", 11),
    ],
    number_joiners: &["اور"],
    letters: "",
    prefix_lookup: 0,
};
