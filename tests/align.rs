//! The search on hand-made document pairs: every bead type the README
//! lists, the invariants every alignment keeps, and a property test on
//! random sentence lists.

use std::path::Path;

use proptest::prelude::*;
use tandem::config::BeadKind;
use tandem::{AlignConfig, Aligner, Alignment, DocOptions, Document, Flags};

use crate::hay::{Case, EVERY_TYPE, PAIRS, case, vecalign};

/// A case of twelve 1-1 beads around `middle`, which comes after the
/// sixth. (With fewer than ten 1-1 beads the length model keeps its wide
/// initial variance, and an omission is cheaper merged into a neighbour.)
fn around(middle: &[(usize, usize)]) -> Case {
    let mut plan = vec![(1, 1); 6];
    plan.extend_from_slice(middle);
    plan.extend([(1, 1); 6]);
    case(&plan)
}

fn docs(en: &[String], ar: &[String]) -> (Document, Document) {
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    (
        Document::from_sentences(en, Path::new("en"), &opts).expect("English document"),
        Document::from_sentences(ar, Path::new("ar"), &opts).expect("Arabic document"),
    )
}

fn index_beads(al: &Alignment) -> Vec<String> {
    al.beads.iter().map(|b| vecalign(&b.src, &b.tgt)).collect()
}

/// The invariants of every alignment: beads cover each sentence of both
/// sides once, in order; each has a configured type; confidences are
/// probabilities; omissions and only omissions carry the omission flag.
fn check_invariants(al: &Alignment, n: usize, m: usize, kinds: &[BeadKind]) -> Result<(), String> {
    let (mut i, mut j) = (0, 0);
    for (k, b) in al.beads.iter().enumerate() {
        if b.src.start != i || b.tgt.start != j {
            return Err(format!("bead {k} {:?}:{:?} does not start at ({i}, {j})", b.src, b.tgt));
        }
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(format!("bead {k} is empty"));
        }
        if !kinds.iter().any(|t| (t.src, t.tgt) == b.kind()) {
            return Err(format!("bead {k} has type {:?}, not configured", b.kind()));
        }
        if !(0.0..=1.0).contains(&b.confidence) {
            return Err(format!("bead {k} has confidence {}", b.confidence));
        }
        if b.flags.contains(Flags::OMISSION) != b.is_omission() {
            return Err(format!("bead {k} {:?}:{:?} has flags {}", b.src, b.tgt, b.flags));
        }
        (i, j) = (b.src.end, b.tgt.end);
    }
    if (i, j) != (n, m) {
        return Err(format!("the beads end at ({i}, {j}), not ({n}, {m})"));
    }
    Ok(())
}

/// Aligns a case with the default aligner, checks the invariants and
/// compares with the case's gold beads.
fn check_case(c: &Case) -> Alignment {
    let (en, ar) = docs(&c.en, &c.ar);
    let aligner = Aligner::default();
    let al = aligner.align(&en, &ar);
    check_invariants(&al, c.en.len(), c.ar.len(), &aligner.config().beads).unwrap();
    eqnice!(c.gold, index_beads(&al));
    al
}

#[test]
fn one_to_one() {
    let al = check_case(&case(&[(1, 1); 14]));
    // Only the review threshold (0.87, set for nine errors in ten on the
    // shared sets) may flag a bead of a clean 1-1 text; nothing else may.
    let others = |b: &tandem::Bead| {
        let mut f = b.flags;
        f.remove(tandem::Flags::LOW_CONFIDENCE);
        f
    };
    assert!(al.beads.iter().all(|b| others(b).is_empty() && b.confidence > 0.5), "{:?}", al.beads);
}

#[test]
fn one_to_zero() {
    let al = check_case(&around(&[(1, 0)]));
    let omitted = &al.beads[6];
    assert!(omitted.flags.contains(Flags::OMISSION));
    assert!(omitted.flags.to_string().split(',').any(|f| f == "omission"), "{}", omitted.flags);
}

#[test]
fn zero_to_one() {
    let al = check_case(&around(&[(0, 1)]));
    assert!(al.beads[6].flags.contains(Flags::OMISSION));
}

#[test]
fn two_to_one() {
    check_case(&around(&[(2, 1)]));
}

#[test]
fn one_to_two() {
    check_case(&around(&[(1, 2)]));
}

#[test]
fn two_to_two() {
    check_case(&around(&[(2, 2)]));
}

#[test]
fn one_to_three() {
    check_case(&around(&[(1, 3)]));
}

#[test]
fn three_to_one() {
    check_case(&around(&[(3, 1)]));
}

#[test]
fn every_bead_type_in_one_document() {
    let al = check_case(&case(EVERY_TYPE));
    let kinds: Vec<(usize, usize)> = al.beads.iter().map(|b| b.kind()).collect();
    eqnice!(EVERY_TYPE.to_vec(), kinds);
}

#[test]
fn merged_numbers_are_not_flagged_but_missing_ones_are() {
    // the 2-1 bead holds both numbers on both sides: no number flag
    let al = check_case(&around(&[(2, 1)]));
    assert!(!al.beads[6].flags.contains(Flags::NUMBER), "{}", al.beads[6].flags);
    // a translation that lost its number is flagged
    let mut c = case(&[(1, 1); 12]);
    c.ar[6] = "عينت الوزارة معلمين جدداً في فصل الربيع.".into();
    let (en, ar) = docs(&c.en, &c.ar);
    let al = Aligner::default().align(&en, &ar);
    eqnice!(c.gold, index_beads(&al));
    assert!(al.beads[6].flags.contains(Flags::NUMBER), "{}", al.beads[6].flags);
    assert!(al.beads.iter().enumerate().all(|(k, b)| k == 6 || !b.flags.contains(Flags::NUMBER)));
}

#[test]
fn numbers_written_otherwise_are_not_flagged() {
    // The same numbers in words, numerals or with a scale word agree; a
    // number that is really missing is still flagged.
    let en = [
        "The project cost 150 million yuan.",
        "Within sixty days the court ruled on Article 61.",
        "The company employed 5,000 people.",
        "It paid 300 dollars for the permit.",
    ];
    let other = [
        "这个项目花了1.5亿元。",
        "وخلال ستين يوماً حكمت المحكمة في المادة (الحادية والستين).",
        "这家公司雇用了五千名员工。",
        "It paid a fee for the permit.",
    ];
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    for k in 0..4 {
        let en = Document::from_sentences(&s(&en[k..k + 1]), Path::new("en"), &opts).unwrap();
        let other = Document::from_sentences(&s(&other[k..k + 1]), Path::new("other"), &opts).unwrap();
        let al = Aligner::default().align(&en, &other);
        assert_eq!(al.beads.len(), 1);
        assert_eq!(al.beads[0].flags.contains(Flags::NUMBER), k == 3, "sentence {k}: {}", al.beads[0].flags);
    }
}

#[test]
fn a_single_sentence_on_each_side() {
    let (en, ar) = docs(&[PAIRS[0].0.into()], &[PAIRS[0].1.into()]);
    let al = Aligner::default().align(&en, &ar);
    eqnice!(["[0]:[0]"], index_beads(&al));
}

#[test]
fn a_restricted_bead_list_is_respected() {
    // without 2-1 beads, a merge can only be matched by other means
    let c = around(&[(2, 1)]);
    let (en, ar) = docs(&c.en, &c.ar);
    let mut cfg = AlignConfig::default();
    cfg.beads.retain(|k| (k.src, k.tgt) != (2, 1));
    let aligner = Aligner::new(cfg);
    let al = aligner.align(&en, &ar);
    check_invariants(&al, c.en.len(), c.ar.len(), &aligner.config().beads).unwrap();
    assert!(al.beads.iter().all(|b| b.kind() != (2, 1)));
}

#[test]
fn the_banded_search_finds_the_same_beads() {
    let c = case(EVERY_TYPE);
    let (en, ar) = docs(&c.en, &c.ar);
    let cfg = AlignConfig { max_full_cells: 0, first_band: 1, refine_band: 2, ..AlignConfig::default() };
    let aligner = Aligner::new(cfg);
    let banded = aligner.align(&en, &ar);
    check_invariants(&banded, c.en.len(), c.ar.len(), &aligner.config().beads).unwrap();
    eqnice!(c.gold, index_beads(&banded));
    let full = Aligner::default().align(&en, &ar);
    assert!(banded.cells < full.cells, "banded {} cells, full {}", banded.cells, full.cells);
}

#[test]
#[ignore = "bug: a number found on one side only adds no cost, so in a short document an untranslated sentence is merged into its neighbour"]
fn an_untranslated_sentence_in_a_short_document_is_an_omission() {
    // five 1-1 beads on each side of an English sentence (with the number
    // 1,750) that the Arabic leaves out
    let mut plan = vec![(1, 1); 5];
    plan.push((1, 0));
    plan.extend([(1, 1); 5]);
    check_case(&case(&plan));
}

#[test]
fn from_sentences_keeps_every_sentence() {
    let given: Vec<String> = ["One.", "", "Two.", ""].map(String::from).to_vec();
    let (doc, _) = docs(&given, &given);
    let got: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    eqnice!(given, got);
}

#[test]
fn bead_types_that_cannot_cover_both_sides_do_not_panic() {
    let (en, ar) = docs(&[PAIRS[0].0.into(), PAIRS[1].0.into()], &[PAIRS[0].1.into()]);
    let cfg = AlignConfig { beads: vec![BeadKind { src: 1, tgt: 1, prior: 1.0 }], ..AlignConfig::default() };
    let result = std::panic::catch_unwind(|| Aligner::new(cfg).align(&en, &ar).beads.len());
    assert!(result.is_ok(), "the search panicked");
}

/// A random sentence: words of Latin or Arabic letters and numbers, or
/// now and then nothing at all.
fn sentence() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => "[a-z]{1,9}",
        3 => "[\u{0627}-\u{064A}]{1,8}",
        2 => "[0-9]{1,5}",
        1 => "[\u{0660}-\u{0669}]{1,4}",
        1 => "[A-Z]{2,4}",
        1 => "[?!\"():;%]",
    ];
    prop_oneof![
        12 => prop::collection::vec(token, 1..25).prop_map(|t| t.join(" ") + "."),
        1 => Just(String::new()),
    ]
}

fn side() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 1..30).prop_map(|mut v| {
        if v.iter().all(|s| s.is_empty()) {
            v[0] = "x.".into();
        }
        v
    })
}

/// Some bead types, always with 1-0 and 0-1 so that a path exists.
fn bead_list() -> impl Strategy<Value = Vec<BeadKind>> {
    prop::collection::vec(any::<bool>(), tandem::config::DEFAULT_BEADS.len()).prop_map(|keep| {
        tandem::config::DEFAULT_BEADS
            .iter()
            .zip(keep)
            .filter(|(k, keep)| *keep || k.src == 0 || k.tgt == 0)
            .map(|(k, _)| *k)
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn alignments_cover_every_sentence_once_in_order(
        src in side(),
        tgt in side(),
        beads in bead_list(),
        banded in any::<bool>(),
    ) {
        let (a, b) = docs(&src, &tgt);
        let mut cfg = AlignConfig { beads, ..AlignConfig::default() };
        if banded {
            cfg.max_full_cells = 0;
            cfg.first_band = 1;
            cfg.refine_band = 1;
        }
        let aligner = Aligner::new(cfg);
        let (al, terms) = aligner.align_explained(&a, &b);
        prop_assert_eq!(terms.len(), al.beads.len());
        prop_assert!(al.cost.is_finite());
        // (a document keeps a trailing empty sentence only when another
        // follows it, see `from_sentences_keeps_every_sentence`)
        if let Err(e) = check_invariants(&al, a.sentences.len(), b.sentences.len(), &aligner.config().beads) {
            return Err(TestCaseError::fail(e));
        }
    }

    #[test]
    fn default_alignments_cover_every_sentence_once_in_order(src in side(), tgt in side()) {
        let (a, b) = docs(&src, &tgt);
        let aligner = Aligner::default();
        let al = aligner.align(&a, &b);
        // (a document keeps a trailing empty sentence only when another
        // follows it, see `from_sentences_keeps_every_sentence`)
        if let Err(e) = check_invariants(&al, a.sentences.len(), b.sentences.len(), &aligner.config().beads) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// Which English sentences go with each sentence of the other side.
fn merges(en: &[&str], other: &[&str], cfg: AlignConfig) -> Vec<String> {
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let en = Document::from_sentences(&s(en), Path::new("en"), &opts).unwrap();
    let other = Document::from_sentences(&s(other), Path::new("other"), &opts).unwrap();
    index_beads(&Aligner::new(cfg).align(&en, &other))
}

#[test]
fn dictionary_coverage_places_a_sentence_that_length_puts_in_the_wrong_merge() {
    // The translator joined the first two sentences and wrote the third at
    // length: by length alone the second goes with the third, but its
    // words (children, playing, garden) are in the first sentence of the
    // translation. Found through each built-in word list (English against
    // every listed language but German and Spanish, whose lists were written
    // the same way as French).
    let en = [
        "The old farmer walked slowly to the village market with his horse.",
        "The children were playing in the garden.",
        "His wife baked bread.",
    ];
    let fr = [
        "Le vieux fermier alla au marché du village avec son cheval, les enfants jouaient dans le jardin.",
        "Pendant ce temps, sa femme faisait cuire le pain dans la cuisine.",
    ];
    let ar = [
        "مشى المزارع العجوز ببطء إلى سوق القرية مع حصانه، وكان الأطفال يلعبون في الحديقة.",
        "وفي تلك الأثناء كانت زوجته تخبز الخبز في المطبخ.",
    ];
    // Russian inflects: "лошадью" (with the horse) meets "лошадь" at their stem.
    let ru = [
        "Старый фермер медленно шёл на рынок с лошадью, дети играли в саду.",
        "Тем временем его жена пекла свежий хлеб на маленькой кухне.",
    ];
    let it = [
        "Il vecchio contadino andò lentamente al mercato con il cavallo, i bambini giocavano in giardino.",
        "Nel frattempo sua moglie cuoceva il pane fresco in cucina.",
    ];
    // Chinese and Japanese write no spaces: their words are found by longest
    // match.
    let pt = [
        "O velho agricultor caminhava devagar até o mercado com o cavalo, as crianças brincavam no jardim.",
        "Enquanto isso, a sua mulher assava o pão fresco na pequena cozinha.",
    ];
    let nl = [
        "De oude boer liep langzaam met zijn paard naar de markt van het dorp, de kinderen speelden in de tuin.",
        "Ondertussen bakte zijn vrouw vers brood in de kleine keuken.",
    ];
    let hi = [
        "बूढ़ा किसान धीरे धीरे अपने घोड़े के साथ गाँव के बाज़ार गया, बच्चे बगीचे में खेल रहे थे।",
        "इस बीच उसकी पत्नी घर की छोटी रसोई में ताज़ी रोटी पका रही थी।",
    ];
    let el = [
        "Ο γέρος αγρότης περπάτησε αργά με το άλογο στην αγορά του χωριού, τα παιδιά έπαιξαν στον κήπο.",
        "Στο μεταξύ, η γυναίκα του έψησε ψωμί στη μικρή κουζίνα.",
    ];
    // Hebrew writes its particles onto the word: הזקן, לשוק, בגן.
    let he = [
        "האיכר הזקן הלך לאט עם הסוס שלו לשוק של הכפר, הילדים שיחקו בגן.",
        "בינתיים אשתו אפתה לחם טרי במטבח הקטן של הבית.",
    ];
    // Korean writes its particles onto the word too: 시장에, 정원에서.
    let ko = [
        "늙은 농부는 말을 데리고 천천히 마을 시장에 갔고, 아이들은 정원에서 놀았다.",
        "그동안 그의 아내는 작은 부엌에서 빵을 구웠다.",
    ];
    // Turkish piles suffixes on the listed stem: atıyla, pazarına, oynuyordu.
    let tr = [
        "Yaşlı çiftçi atıyla yavaşça köy pazarına yürüdü ve çocuklar bahçede oynuyordu.",
        "Bu arada karısı küçük mutfakta ekmek pişirdi.",
    ];
    let pl = [
        "Stary rolnik szedł powoli z koniem na targ we wsi, a dzieci bawiły się w ogrodzie.",
        "W tym czasie jego żona piekła chleb w małej kuchni.",
    ];
    let uk = [
        "Старий фермер повільно йшов з конем на ринок у селі, а діти гралися в саду.",
        "Тим часом його дружина пекла хліб на маленькій кухні.",
    ];
    let id = [
        "Petani tua itu berjalan pelan dengan kudanya ke pasar desa, dan anak-anak bermain di kebun.",
        "Sementara itu istrinya memanggang roti di dapur yang kecil.",
    ];
    let ja = [
        "年老いた農民は馬とゆっくり村の市場へ行き、子供たちは庭で遊んでいた。",
        "その間、妻は小さな台所でパンを焼いていた。",
    ];
    let zh =
        ["老农民牵着他的马慢慢地走到村里的市场，孩子们在花园里玩耍。", "与此同时，他的妻子在厨房里烤面包。"];
    let gold = ["[0,1]:[0]", "[2]:[1]"];
    for other in [&fr, &ar, &ru, &it, &pt, &nl, &hi, &el, &he, &tr, &pl, &uk, &id, &zh, &ja, &ko] {
        eqnice!(gold, merges(&en, other, AlignConfig::default()));
        let no_coverage = AlignConfig { lexical_weight: 0.0, ..AlignConfig::default() };
        assert_ne!(merges(&en, other, no_coverage), gold, "length alone cuts elsewhere: {other:?}");
    }
}
