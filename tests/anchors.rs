//! Anchors through the library: numbers in every digit script, Latin tokens
//! left in Arabic text, names matched through transliteration, and
//! dictionary pairs.

use std::path::Path;

use tandem::anchor::{self, AnchorKind, Anchors};
use tandem::config::AnchorConfig;
use tandem::lang;
use tandem::segment::Sentence;
use tandem::{Aligner, DocOptions, Document, Error, ErrorKind};

fn sents(texts: &[&str]) -> Vec<Sentence> {
    texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, para: 0 }).collect()
}

/// Anchors between `src` (in language `sl`) and `tgt` (in `tl`).
fn find(
    src: &[Sentence],
    sl: &'static lang::LangRules,
    tgt: &[Sentence],
    tl: &'static lang::LangRules,
    dict: Option<&tandem::Dictionary>,
) -> Anchors {
    let (ss, ts) = (tandem::numwords::per_sentence(src, sl), tandem::numwords::per_sentence(tgt, tl));
    anchor::find(
        &anchor::Side { sents: src, lang: sl, spelled: &ss },
        &anchor::Side { sents: tgt, lang: tl, spelled: &ts },
        dict.as_slice(),
        &AnchorConfig::default(),
    )
}

/// Anchors between `src` (in language `sl`) and `tgt` (in `tl`), no dictionary.
fn anchors(src: &[&str], sl: &str, tgt: &[&str], tl: &str) -> Anchors {
    find(&sents(src), lang::by_code(sl).unwrap(), &sents(tgt), lang::by_code(tl).unwrap(), None)
}

fn used(a: &Anchors, kind: AnchorKind) -> usize {
    a.used.get(&kind).copied().unwrap_or(0)
}

/// Each source sentence is tied to the target sentence with the same index
/// and to no other.
fn assert_diagonal(a: &Anchors, n: usize) {
    for i in 0..n {
        assert!(a.shared(i..i + 1, i..i + 1) > 0.0, "sentence {i} has no anchor on its partner");
        for j in (0..n).filter(|&j| j != i) {
            assert_eq!(a.shared(i..i + 1, j..j + 1), 0.0, "sentence {i} is tied to {j}");
        }
    }
}

#[test]
fn numbers_are_the_same_in_every_digit_script() {
    assert_eq!(anchor::numbers("6,000 and ٦٬٠٠٠ and ۶۰۰۰ and 6000 and ６０００ and ६०००"), ["6000"; 6]);
    assert_eq!(anchor::numbers("3.5% ٣٫٥٪ ۳٫۵ 3,5"), ["3.5"; 4]);
    assert_eq!(anchor::numbers("1,234,567.89 = ١٬٢٣٤٬٥٦٧٫٨٩"), ["1234567.89"; 2]);
    assert_eq!(anchor::numbers("in 2019/2020, No. 007 and F-16"), ["2019", "2020", "7", "16"]);
    assert_eq!(anchor::numbers("ends with 5. And ١٤."), ["5", "14"]);
    assert!(anchor::numbers("no digits here; لا أرقام").is_empty());
    for (c, v) in [('٧', 7), ('۹', 9), ('३', 3), ('7', 7), ('x', 99)] {
        assert_eq!(anchor::digit_value(c).unwrap_or(99), v, "{c}");
    }
}

#[test]
fn numbers_tie_sentences_across_scripts() {
    let en = ["About 6,000 families left.", "Prices rose 3.5% in 2019.", "Nothing else happened."];
    let ar = ["غادرت نحو ٦٬٠٠٠ أسرة.", "ارتفعت الأسعار ٣٫٥٪ في ٢٠١٩.", "لم يحدث شيء آخر."];
    let a = anchors(&en, "en", &ar, "ar");
    assert_eq!(used(&a, AnchorKind::Number), 3);
    assert!(a.shared(0..1, 0..1) > 0.0);
    assert!(a.shared(1..2, 1..2) > a.shared(0..1, 0..1), "two numbers weigh more than one");
    assert_eq!(a.shared(0..1, 1..3), 0.0);
    assert_eq!(a.shared(2..3, 0..3), 0.0);
    assert_eq!(a.mass_src[2], 0.0);
    assert_eq!(a.mass_tgt[2], 0.0);
}

#[test]
fn numbers_spelled_out_tie_to_digits() {
    let en = [
        "The provisions of Articles 61 and 63 apply.",
        "The board shall meet within sixty days.",
        "Nothing else happened.",
    ];
    let ar = [
        "تسري أحكام المادتين (الحادية والستين) و(الثالثة والستين).",
        "يجتمع المجلس خلال ٦٠ يوماً.",
        "لم يحدث شيء آخر.",
    ];
    let a = anchors(&en, "en", &ar, "ar");
    assert_eq!(used(&a, AnchorKind::Number), 3, "61, 63 and 60");
    assert!(a.shared(0..1, 0..1) > a.shared(0..1, 1..2));
    assert!(a.shared(1..2, 1..2) > 0.0);
    assert_eq!(a.shared(0..1, 1..3), 0.0);
}

#[test]
fn cognates_tie_two_latin_languages() {
    let de = ["Die Expedition erreichte den Gipfel.", "Am Abend regnete es.", "Niemand sprach."];
    let fr = ["L'expédition atteignit le sommet.", "Le soir, il a plu.", "Personne ne parlait."];
    let a = anchors(&de, "de", &fr, "fr");
    assert_eq!(used(&a, AnchorKind::Cognate), 1, "expedition/expédition; short words are not cognates");
    assert!(a.shared(0..1, 0..1) > 0.0);
    assert_eq!(a.shared(1..3, 0..3), 0.0);
    // Not between Latin and Arabic script, where names are matched instead.
    let ar = ["وصلت البعثة إلى القمة.", "في المساء أمطرت.", "لم يتكلم أحد."];
    assert_eq!(used(&anchors(&de, "de", &ar, "ar"), AnchorKind::Cognate), 0);
}

#[test]
fn frequent_or_one_sided_numbers_are_not_anchors() {
    // 5 appears in more sentences than max_count (4) on both sides
    let en: Vec<String> = (0..6).map(|i| format!("Group {} got 5 tents.", i + 10)).collect();
    let ar: Vec<String> = (0..6).map(|i| format!("حصلت المجموعة {} على ٥ خيام.", i + 10)).collect();
    let en: Vec<&str> = en.iter().map(String::as_str).collect();
    let ar: Vec<&str> = ar.iter().map(String::as_str).collect();
    let a = anchors(&en, "en", &ar, "ar");
    // only the group numbers 10..15 remain
    assert_eq!(used(&a, AnchorKind::Number), 6);
    assert_diagonal(&a, 6);
    // a number on one side only ties nothing
    let a = anchors(&["It had 77 rooms."], "en", &["كان فيه غرف كثيرة."], "ar");
    assert_eq!(used(&a, AnchorKind::Number), 0);
    assert_eq!(a.mass_src[0], 0.0);
}

#[test]
fn latin_tokens_left_in_arabic_are_anchors() {
    let en = ["The WFP sent food.", "The FBI said nothing.", "UN staff left.", "It went to iPhone users."];
    let ar =
        ["أرسل برنامج WFP الغذاء.", "لم يقل مكتب FBI شيئاً.", "غادر موظفو UN.", "ذهب إلى مستخدمي iPhone."];
    let a = anchors(&en, "en", &ar, "ar");
    assert_eq!(used(&a, AnchorKind::Token), 4);
    assert_diagonal(&a, 4);
    // case does not matter; a two-letter token must be all capitals
    let a = anchors(&["Unicef came.", "We go."], "en", &["جاءت UNICEF.", "نحن go."], "ar");
    assert_eq!(used(&a, AnchorKind::Token), 1);
    assert!(a.shared(0..1, 0..1) > 0.0);
    assert_eq!(a.shared(1..2, 1..2), 0.0);
}

#[test]
fn skeletons_of_transliterated_names_match() {
    // (repeated consonants collapse even across a vowel, on both sides)
    assert_eq!(anchor::latin_skeleton("Baghdad"), "bgd");
    assert_eq!(anchor::arabic_skeleton("بغداد"), anchor::latin_skeleton("Baghdad"));
    assert_eq!(anchor::latin_skeleton("Iraq"), anchor::arabic_skeleton("عراق"));
    assert!(anchor::arabic_forms("العراق").contains(&"عراق".to_string()));
    let (w_en, w_ar) = (anchor::latin_skeleton("Washington"), anchor::arabic_skeleton("واشنطن"));
    assert_eq!(w_en, "sngtn");
    assert!(w_ar == "sntn" || w_ar == "snt", "{w_ar}");
    assert!(strsim::jaro_winkler(&w_en, &w_ar) >= AnchorConfig::default().name_similarity);
    // unrelated words stay apart
    assert!(
        strsim::jaro_winkler(&anchor::latin_skeleton("Baghdad"), &anchor::arabic_skeleton("مدرسة")) < 0.7
    );
    // normalisation: diacritics, tatweel and alef forms do not matter
    assert_eq!(anchor::normalise_arabic("إِسْـــرائيل"), anchor::normalise_arabic("اسرائيل"));
}

#[test]
fn names_tie_english_to_arabic_sentences() {
    let en = [
        "Officials met in Baghdad on Sunday.",
        "The talks then moved to Washington.",
        "Aid for Iraq will arrive soon.",
        "The weather was cold and wet.",
    ];
    let ar = [
        "اجتمع المسؤولون في بغداد يوم الأحد.",
        "ثم انتقلت المحادثات إلى واشنطن.",
        "ستصل المساعدات إلى العراق قريباً.",
        "كان الطقس بارداً وممطراً.",
    ];
    let a = anchors(&en, "en", &ar, "ar");
    assert_eq!(used(&a, AnchorKind::Name), 3, "Baghdad, Washington and Iraq");
    assert_eq!(used(&a, AnchorKind::Number) + used(&a, AnchorKind::Token), 0);
    for i in 0..3 {
        assert!(a.shared(i..i + 1, i..i + 1) > 0.0, "name of sentence {i}");
        assert_eq!(a.shared(i..i + 1, 0..4), a.shared(i..i + 1, i..i + 1), "sentence {i} tied elsewhere");
    }
    assert_eq!(a.mass_src[3], 0.0);

    // the same with Arabic as the source side
    let b = anchors(&ar, "ar", &en, "en");
    assert_eq!(used(&b, AnchorKind::Name), 3);
    for i in 0..3 {
        assert!(b.shared(i..i + 1, i..i + 1) > 0.0, "name of sentence {i}, Arabic first");
    }

    // a capitalised word also seen in lower case is not a name
    let c = anchors(&["Bread was short.", "They baked bread."], "en", &["نقص الخبز بريد.", "خبزوا."], "ar");
    assert_eq!(used(&c, AnchorKind::Name), 0);
    // and names are only looked for between Latin and Arabic script
    let d = anchors(&["Officials met in Baghdad."], "en", &["Les officiels à Bagdad."], "fr");
    assert_eq!(used(&d, AnchorKind::Name), 0);
}

#[test]
fn names_tie_english_to_russian_and_greek_sentences() {
    let en =
        ["Putin arrived in Berlin on Monday.", "The weather was cold and wet.", "Macron stayed in Paris."];
    let ru =
        ["Путин прибыл в Берлин в понедельник.", "Погода была холодной и сырой.", "Макрон остался в Париже."];
    // Russian has no table: its side is known by its script alone.
    let en_rules = lang::by_code("en").unwrap();
    let a = find(&sents(&en), en_rules, &sents(&ru), &lang::UNKNOWN, None);
    assert_eq!(used(&a, AnchorKind::Name), 4, "Putin, Berlin, Macron and Paris (Париже, inflected)");
    for i in [0, 2] {
        assert!(a.shared(i..i + 1, i..i + 1) > 0.0, "name of sentence {i}");
        assert_eq!(a.shared(i..i + 1, 0..3), a.shared(i..i + 1, i..i + 1), "sentence {i} tied elsewhere");
    }
    assert_eq!(a.mass_src[1], 0.0);
    // Russian first, and Greek
    let b = find(&sents(&ru), &lang::UNKNOWN, &sents(&en), en_rules, None);
    assert_eq!(used(&b, AnchorKind::Name), 4);
    let el = ["Ο Μητσοτάκης έφτασε στην Αθήνα.", "Ο καιρός ήταν κρύος."];
    let c = find(
        &sents(&["Mitsotakis arrived in Athina.", "The weather was cold."]),
        en_rules,
        &sents(&el),
        &lang::UNKNOWN,
        None,
    );
    assert_eq!(used(&c, AnchorKind::Name), 2);
    assert!(c.shared(0..1, 0..1) > 0.0 && c.mass_src[1] == 0.0);
    // a capitalised Russian word also written in lower case is not a name
    let d = find(
        &sents(&["Dawn came.", "Putin spoke."]),
        en_rules,
        &sents(&["Пришёл рассвет.", "Путин выступил. путин"]),
        &lang::UNKNOWN,
        None,
    );
    assert_eq!(used(&d, AnchorKind::Name), 0);
}

#[test]
fn dictionary_parses_both_formats() {
    let text = "# comment\nنهر @ river\n\nchildren\tأطفال\nالأمم المتحدة @ United Nations\n";
    let d = tandem::Dictionary::parse(text, Path::new("d.txt")).unwrap();
    assert_eq!(d.len(), 3);
    assert_eq!(d.entries()[0], (vec!["river".to_string()], vec!["نهر".to_string()]));
    // Arabic entries are normalised like the text they are looked up in
    assert_eq!(d.entries()[1], (vec!["children".to_string()], vec![anchor::normalise_arabic("أطفال")]));
    assert_eq!(d.entries()[1].1, ["اطفال"]);
    assert_eq!(d.entries()[2].0, ["united", "nations"]);
    assert_eq!(d.entries()[2].1.len(), 2);
    assert!(tandem::Dictionary::parse("# only a comment\n\n", Path::new("e")).unwrap().is_empty());
}

#[test]
fn dictionary_errors_name_file_and_line() {
    let err: Error =
        tandem::Dictionary::parse("نهر @ river\nriver نهر\n", Path::new("dict.txt")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Parse { .. }), "{err:?}");
    assert!(err.to_string().starts_with("dict.txt:line 2:"), "{err}");
    let err = tandem::Dictionary::parse("ok\tنعم\n\t!!!\n", Path::new("d.tsv")).unwrap_err();
    assert!(err.to_string().starts_with("d.tsv:line 2:"), "{err}");
}

/// Three English sentences against two Arabic ones of equal length: either
/// the first two English sentences merge, or the last two, and length alone
/// cannot tell which. The middle English sentence mentions a river and
/// children; the first Arabic one the river, the second the children.
fn river_pair() -> (Document, Document) {
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let en: Vec<String> = [
        "The farmers waited near the old stone bridge.",
        "The river took the children by surprise.",
        "The police closed all the roads at noon.",
    ]
    .map(String::from)
    .to_vec();
    let ar: Vec<String> = [
        "انتظر المزارعون قرب الجسر الحجري القديم عند النهر الذي فاض فجأة.",
        "أغلقت الشرطة جميع الطرق عند الظهر خوفاً على الأطفال الصغار.",
    ]
    .map(String::from)
    .to_vec();
    (
        Document::from_sentences(&en, Path::new("en"), &opts).unwrap(),
        Document::from_sentences(&ar, Path::new("ar"), &opts).unwrap(),
    )
}

fn beads_with(dict: Option<&str>) -> Vec<(Vec<usize>, Vec<usize>)> {
    let (en, ar) = river_pair();
    // Without the built-in word list, which knows both river and children.
    let mut aligner = Aligner::default().without_lexicon();
    if let Some(text) = dict {
        aligner = aligner.with_dict(tandem::Dictionary::parse(text, Path::new("dict")).unwrap());
    }
    aligner.align(&en, &ar).beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect()
}

/// The river pair with its middle English sentence replaced.
fn river_pair_with_middle(middle: &str) -> (Document, Document) {
    let (en, ar) = river_pair();
    let mut lines: Vec<String> = en.sentences.iter().map(|s| s.text.clone()).collect();
    lines[1] = middle.to_string();
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    (Document::from_sentences(&lines, Path::new("en"), &opts).unwrap(), ar)
}

#[test]
fn the_built_in_word_list_decides_an_ambiguous_merge() {
    let first_merged = vec![(vec![0, 1], vec![0]), (vec![2], vec![1])];
    let last_merged = vec![(vec![0], vec![0]), (vec![1, 2], vec![1])];
    let beads = |aligner: &Aligner, middle: &str| {
        let (en, ar) = river_pair_with_middle(middle);
        let al = aligner.align(&en, &ar);
        al.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect::<Vec<_>>()
    };
    // Same length, one word apart: only the word list can tell.
    let (river, kids) = ("The river rose high in the dark night.", "The young children were all afraid.");
    eqnice!(first_merged, beads(&Aligner::default(), river));
    eqnice!(last_merged, beads(&Aligner::default(), kids));
    let plain = Aligner::default().without_lexicon();
    assert_eq!(beads(&plain, river), beads(&plain, kids), "without the list the words do not matter");
}

#[test]
fn dictionary_anchors_decide_an_ambiguous_merge() {
    let first_merged = vec![(vec![0, 1], vec![0]), (vec![2], vec![1])];
    let last_merged = vec![(vec![0], vec![0]), (vec![1, 2], vec![1])];
    let plain = beads_with(None);
    assert!(plain == first_merged || plain == last_merged, "{plain:?}");
    // hunalign format: target @ source
    eqnice!(first_merged, beads_with(Some("نهر @ river\n")));
    // two-column format: source<TAB>target
    eqnice!(last_merged, beads_with(Some("children\tأطفال\n")));
    // a dictionary whose words are absent changes nothing
    eqnice!(plain, beads_with(Some("bread\tخبز\n")));
}

#[test]
fn dictionary_anchors_are_counted() {
    let (en, ar) = river_pair();
    let dict = tandem::Dictionary::parse("river\tنهر\nchildren @ غائب\n", Path::new("d")).unwrap();
    let a = find(&en.sentences, en.lang, &ar.sentences, ar.lang, Some(&dict));
    assert_eq!(used(&a, AnchorKind::Dict), 1);
    assert!(a.shared(1..2, 0..1) > 0.0);
    assert_eq!(a.shared(1..2, 1..2), 0.0);
}

#[test]
fn a_dictionary_written_the_other_way_round_is_turned() {
    // An Arabic–English dictionary for an English–Arabic pair.
    let (en, ar) = river_pair();
    let dict = tandem::Dictionary::parse("نهر\triver\nجسر\tbridge\nشرطة\tpolice\n", Path::new("d")).unwrap();
    let a = find(&en.sentences, en.lang, &ar.sentences, ar.lang, Some(&dict));
    assert_eq!(used(&a, AnchorKind::Dict), 3, "river, bridge, police");
    assert!(a.shared(2..3, 1..2) > 0.0, "police ~ الشرطة");
    assert_eq!(a.shared(2..3, 0..1), 0.0);
}

/// Beads of a pair given one sentence per line, as (source, target) lists.
fn beads_of(src: &[&str], tgt: &[&str]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let doc = |lines: &[&str], name: &str| {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        Document::from_sentences(&lines, Path::new(name), &opts).unwrap()
    };
    let al = Aligner::default().align(&doc(src, "src"), &doc(tgt, "tgt"));
    al.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect()
}

#[test]
fn latin_tokens_inside_chinese_text_are_anchors() {
    // Chinese writes no spaces: "NASA" is a word only once the Han letters
    // around it are cut off.
    let en = ["The report came out on Monday.", "It said NASA had cut the budget.", "The BBC asked why."];
    let zh = ["报告于周一发表。", "报告称NASA削减了预算。", "BBC问为什么。"];
    let chinese = lang::detect(zh[1]);
    assert_eq!(chinese.code, "zh");
    let a = find(&sents(&en), lang::by_code("en").unwrap(), &sents(&zh), chinese, None);
    assert_eq!(used(&a, AnchorKind::Token), 2);
    assert!(a.shared(1..2, 1..2) > 0.0 && a.shared(2..3, 2..3) > 0.0);
    assert_eq!(a.shared(0..1, 0..3), 0.0);
    assert_eq!(a.shared(1..2, 2..3), 0.0);
}

#[test]
fn a_greek_semicolon_is_a_question_mark() {
    let first_merged = vec![(vec![0, 1], vec![0]), (vec![2], vec![1])];
    let last_merged = vec![(vec![0], vec![0]), (vec![1, 2], vec![1])];
    let en = [
        "The farmers waited near the old bridge.",
        "Who left the door open?",
        "The police closed all the roads.",
    ];
    // Two Greek sentences of the same length; only the question moves.
    let (a, b) = ("Οι αγρότες περίμεναν κοντά στη γέφυρα", "Η αστυνομία έκλεισε τους δρόμους νωρί");
    assert_eq!(a.chars().count(), b.chars().count());
    eqnice!(first_merged, beads_of(&en, &[&format!("{a};"), &format!("{b}.")]));
    eqnice!(last_merged, beads_of(&en, &[&format!("{a}."), &format!("{b};")]));
}

#[test]
fn chinese_numerals_tie_to_digits_and_scale_words() {
    let en = [
        "The company employed five thousand people in Beijing.",
        "The project cost 150 million yuan.",
        "In 2019 it hired 300 more.",
    ];
    let zh = ["这家公司在北京雇用了五千名员工。", "这个项目花了1.5亿元。", "二〇一九年又招了三百人。"];
    let chinese = lang::detect(zh[0]);
    assert_eq!(chinese.code, "zh");
    let a = find(&sents(&en), lang::by_code("en").unwrap(), &sents(&zh), chinese, None);
    assert_diagonal(&a, 3);
    assert_eq!(used(&a, AnchorKind::Number), 4);
}

#[test]
fn digits_with_a_scale_word_match_once() {
    // Both sides read "2 billion" as 2000000000: had they kept the bare 2
    // as well, the pair would share two anchors where it shares one number.
    let scaled = anchors(
        &["Exports reached 2 billion dollars.", "Imports fell."],
        "en",
        &["بلغت الصادرات 2 مليار دولار.", "انخفضت الواردات."],
        "ar",
    );
    let plain = anchors(
        &["Exports reached 2000 dollars.", "Imports fell."],
        "en",
        &["بلغت الصادرات 2000 دولار.", "انخفضت الواردات."],
        "ar",
    );
    assert_eq!(used(&scaled, AnchorKind::Number), 1);
    assert_eq!(scaled.shared(0..1, 0..1), plain.shared(0..1, 0..1));
    // A language tandem has no number words for still matches the digits.
    let da = ["Eksporten nåede 2 milliarder kroner.", "Importen faldt."];
    let und = lang::detect(da[0]);
    assert_eq!(und.code, "und");
    let en = ["Exports reached 2 billion kroner.", "Imports fell."];
    let a = find(&sents(&en), lang::by_code("en").unwrap(), &sents(&da), und, None);
    assert!(a.shared(0..1, 0..1) > 0.0);
}

#[test]
fn names_tie_english_to_hebrew_sentences() {
    // Hebrew, like Arabic, has no capitals, and glues its particles to the
    // name: לוושינגטון is "to Washington".
    let en = [
        "Netanyahu met the officials on Sunday.",
        "The weather was cold and wet.",
        "David then flew to Washington.",
    ];
    let he = ["נתניהו נפגש עם הפקידים ביום ראשון.", "מזג האוויר היה קר ורטוב.", "דוד טס אחר כך לוושינגטון."];
    let hebrew = lang::detect(he[0]);
    assert_eq!(hebrew.code, "he");
    let a = find(&sents(&en), lang::by_code("en").unwrap(), &sents(&he), hebrew, None);
    assert_eq!(used(&a, AnchorKind::Name), 3, "Netanyahu, David and Washington");
    for i in [0, 2] {
        assert!(a.shared(i..i + 1, i..i + 1) > 0.0, "name of sentence {i}");
        assert_eq!(a.shared(i..i + 1, 0..3), a.shared(i..i + 1, i..i + 1), "sentence {i} tied elsewhere");
    }
    assert_eq!(a.mass_src[1], 0.0);
    let b = find(&sents(&he), hebrew, &sents(&en), lang::by_code("en").unwrap(), None);
    assert_eq!(used(&b, AnchorKind::Name), 3);
}
