//! Texts shared by the test modules: English sentences with their Arabic
//! translations, and documents built from them with known alignments.

use std::ops::Range;

/// English sentences and their Arabic translations, each pair with its own
/// number (written in Arabic-Indic digits on the Arabic side), so that
/// numbers tie every English sentence to its translation and to nothing else.
pub const PAIRS: &[(&str, &str)] = &[
    (
        "The committee approved 4,512 new building permits for the northern district.",
        "وافقت اللجنة على ٤٬٥١٢ تصريح بناء جديد للمنطقة الشمالية.",
    ),
    (
        "The rain reached 87 millimetres in a single afternoon.",
        "بلغ هطول الأمطار ٨٧ مليمتراً في فترة بعد ظهر واحدة.",
    ),
    ("The hospital treated 316 patients during the first week.", "عالج المستشفى ٣١٦ مريضاً خلال الأسبوع الأول."),
    (
        "The engineers inspected 29 bridges along the main highway.",
        "فحص المهندسون ٢٩ جسراً على طول الطريق السريع الرئيسي.",
    ),
    ("The school reopened after 45 days of repairs.", "أعيد فتح المدرسة بعد ٤٥ يوماً من الإصلاحات."),
    (
        "The farmers lost about 1,750 hectares of wheat this season.",
        "خسر المزارعون نحو ١٬٧٥٠ هكتاراً من القمح هذا الموسم.",
    ),
    ("The ministry hired 230 new teachers in the spring.", "عينت الوزارة ٢٣٠ معلماً جديداً في الربيع."),
    ("A convoy of 64 trucks crossed the border at dawn.", "عبرت قافلة من ٦٤ شاحنة الحدود عند الفجر."),
    ("The electricity was cut for 18 hours in three towns.", "انقطعت الكهرباء لمدة ١٨ ساعة في ثلاث بلدات."),
    ("The market sold 9,300 tonnes of dates last year.", "باع السوق ٩٬٣٠٠ طن من التمور العام الماضي."),
    ("The volunteers planted 5,600 trees along the river banks.", "زرع المتطوعون ٥٬٦٠٠ شجرة على ضفاف النهر."),
    ("The airport handled 72 flights on the busiest day.", "استقبل المطار ٧٢ رحلة في أكثر الأيام ازدحاماً."),
    ("The police arrested 11 suspects after the riot.", "اعتقلت الشرطة ١١ مشتبهاً بهم بعد أعمال الشغب."),
    ("The factory produced 840 cars in the last quarter.", "أنتج المصنع ٨٤٠ سيارة في الربع الأخير."),
    ("The city council met 26 times to discuss the budget.", "اجتمع مجلس المدينة ٢٦ مرة لمناقشة الميزانية."),
    ("The new clinic has 58 beds and two operating rooms.", "تضم العيادة الجديدة ٥٨ سريراً وغرفتي عمليات."),
    ("The exports of olive oil grew by 13 percent.", "نمت صادرات زيت الزيتون بنسبة ١٣ في المئة."),
    (
        "The water network now reaches 3,400 homes in the valley.",
        "تصل شبكة المياه الآن إلى ٣٬٤٠٠ منزل في الوادي.",
    ),
    ("The train line will be extended by 95 kilometres.", "سيمدد خط القطار مسافة ٩٥ كيلومتراً."),
    ("The museum received 7,200 visitors during the holiday.", "استقبل المتحف ٧٬٢٠٠ زائر خلال العطلة."),
    ("The storm damaged 410 tents in the eastern camp.", "ألحقت العاصفة أضراراً بـ٤١٠ خيمة في المخيم الشرقي."),
    ("The bakery now makes 2,600 loaves of bread every morning.", "يصنع المخبز الآن ٢٬٦٠٠ رغيف خبز كل صباح."),
    ("The fishermen returned with 37 boxes of fish.", "عاد الصيادون ومعهم ٣٧ صندوقاً من السمك."),
    ("The library lent 1,180 books to children in the summer.", "أعارت المكتبة ١٬١٨٠ كتاباً للأطفال في الصيف."),
    ("The court heard 67 cases before the end of the month.", "نظرت المحكمة في ٦٧ قضية قبل نهاية الشهر."),
    (
        "The road between the two villages took 19 months to build.",
        "استغرق بناء الطريق بين القريتين ١٩ شهراً.",
    ),
];

/// A document pair built from a plan of bead types, and the beads a correct
/// alignment has.
pub struct Case {
    /// English sentences.
    pub en: Vec<String>,
    /// Arabic sentences.
    pub ar: Vec<String>,
    /// The correct beads, as vecalign writes them.
    pub gold: Vec<String>,
}

/// Builds a case from bead types, consuming `PAIRS` in order. `(1,0)` keeps
/// a pair's English only, `(0,1)` its Arabic only; merges join the
/// sentences of consecutive pairs on one side; `(2,2)` takes three pairs and
/// splits them differently on the two sides (`e1 e2 | e3` and `a1 | a2 a3`),
/// so that no smaller beads fit.
pub fn case(plan: &[(usize, usize)]) -> Case {
    let mut next = 0;
    let mut take = |n: usize| {
        let p = &PAIRS[next..next + n];
        next += n;
        (p.iter().map(|p| p.0).collect::<Vec<_>>(), p.iter().map(|p| p.1).collect::<Vec<_>>())
    };
    let (mut en, mut ar, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for &kind in plan {
        let (e, a): (Vec<String>, Vec<String>) = match kind {
            (1, 1) => {
                let (e, a) = take(1);
                (vec![e[0].into()], vec![a[0].into()])
            }
            (1, 0) => (vec![take(1).0[0].into()], vec![]),
            (0, 1) => (vec![], vec![take(1).1[0].into()]),
            (n, 1) => {
                let (e, a) = take(n);
                (e.iter().map(|s| s.to_string()).collect(), vec![a.join(" ")])
            }
            (1, n) => {
                let (e, a) = take(n);
                (vec![e.join(" ")], a.iter().map(|s| s.to_string()).collect())
            }
            (2, 2) => {
                let (e, a) = take(3);
                (
                    vec![format!("{} {}", e[0], e[1]), e[2].into()],
                    vec![a[0].into(), format!("{} {}", a[1], a[2])],
                )
            }
            _ => panic!("no recipe for {kind:?}"),
        };
        gold.push(vecalign(&(en.len()..en.len() + e.len()), &(ar.len()..ar.len() + a.len())));
        en.extend(e);
        ar.extend(a);
    }
    Case { en, ar, gold }
}

/// A bead as vecalign writes it: `[0,1]:[2]`.
pub fn vecalign(src: &Range<usize>, tgt: &Range<usize>) -> String {
    let list = |r: &Range<usize>| r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    format!("[{}]:[{}]", list(src), list(tgt))
}

/// Every bead type with 1-1 beads between them.
pub const EVERY_TYPE: &[(usize, usize)] = &[
    (1, 1),
    (1, 1),
    (2, 1),
    (1, 1),
    (1, 0),
    (1, 1),
    (1, 1),
    (1, 2),
    (1, 1),
    (0, 1),
    (1, 1),
    (2, 2),
    (1, 1),
    (1, 1),
    (1, 3),
    (1, 1),
    (3, 1),
    (1, 1),
];

impl Case {
    /// Writes the two sides one sentence a line, and the gold beads, into
    /// `dir` as `en.txt`, `ar.txt` and `gold.txt`.
    pub fn write(&self, dir: &crate::util::Dir) {
        dir.write("en.txt", lines(&self.en));
        dir.write("ar.txt", lines(&self.ar));
        dir.write("gold.txt", lines(&self.gold));
    }
}

/// Strings one a line, each line ended by a newline.
pub fn lines(v: &[String]) -> String {
    v.iter().map(|s| format!("{s}\n")).collect()
}
