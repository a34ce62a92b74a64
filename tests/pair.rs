//! `tandem pair`: pairing the documents of two folders by content, on the
//! shared NTREX pairing set (when present), on generated collections and on
//! small hand-written documents; `tandem eval --pairs`; `tandem batch --pair`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tandem::pair::{self, KeyKind, PairConfig, PairScore, Profile, synthetic};
use tandem::{Aligner, DocOptions, Document};

fn tandem(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem")).args(args).current_dir(dir).output().expect("tandem runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "tandem failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("tandem-pair-").tempdir().expect("temp dir")
}

fn shared_set() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/pairing-ntrex-en-ar");
    if p.join("gold.tsv").is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent (the shared evaluation data)", p.display());
        None
    }
}

/// Pairs two folders with the binary and scores the manifest against a gold
/// list with `tandem eval --pairs`.
fn pair_and_score(src: &Path, tgt: &Path, gold: &Path, extra: &[&str]) -> PairScore {
    let dir = tempdir();
    let manifest = dir.path().join("pairs.tsv");
    let mut args =
        vec!["pair", src.to_str().unwrap(), tgt.to_str().unwrap(), "-o", manifest.to_str().unwrap()];
    args.extend_from_slice(extra);
    ok(&tandem(&args, dir.path()));
    let out =
        ok(&tandem(&["eval", "--pairs", manifest.to_str().unwrap(), gold.to_str().unwrap()], dir.path()));
    eprintln!("{}: {}", src.display(), out.trim());
    PairScore::of(&pair::read_pairs(&manifest).unwrap(), &pair::read_pairs(gold).unwrap())
}

#[test]
fn shared_ntrex_set_one_sentence_a_line() {
    let Some(set) = shared_set() else { return };
    let s = pair_and_score(&set.join("en"), &set.join("ar"), &set.join("gold.tsv"), &["--line-per-sentence"]);
    // Measured: F1 1.000 (64 of 64 pairs, no orphan paired).
    assert!(s.f1() >= 0.98, "{s}");
}

#[test]
fn shared_ntrex_set_segmented() {
    let Some(set) = shared_set() else { return };
    let s = pair_and_score(&set.join("en"), &set.join("ar"), &set.join("gold.tsv"), &[]);
    // Measured: F1 1.000.
    assert!(s.f1() >= 0.98, "{s}");
}

/// Writes a generated collection to a temporary folder.
fn generated(spec: &synthetic::Spec) -> tempfile::TempDir {
    let dir = tempdir();
    synthetic::write(&synthetic::corpus(spec), dir.path()).unwrap();
    dir
}

fn score_generated(spec: &synthetic::Spec) -> PairScore {
    let dir = generated(spec);
    let d = dir.path();
    let s = pair_and_score(&d.join("en"), &d.join("ar"), &d.join("gold.tsv"), &["--line-per-sentence"]);
    let (n_en, n_ar) =
        (fs::read_dir(d.join("en")).unwrap().count(), fs::read_dir(d.join("ar")).unwrap().count());
    assert!(
        s.gold < n_en && s.gold < n_ar,
        "orphans on both sides: {} pairs, {n_en} + {n_ar} documents",
        s.gold
    );
    s
}

#[test]
fn generated_news_with_orphans_on_both_sides() {
    let s = score_generated(&synthetic::Spec { docs: 300, seed: 11, ..synthetic::Spec::default() });
    // Measured: F1 0.994.
    assert!(s.f1() >= 0.98, "{s}");
}

#[test]
fn generated_documents_without_numbers() {
    // Names and acronyms only: the skeletons, the Latin tokens and the
    // alignment check must carry the pairing.
    let spec = synthetic::Spec { docs: 200, numbers: 0.0, seed: 12, ..synthetic::Spec::default() };
    let s = score_generated(&spec);
    // Measured: F1 0.988.
    assert!(s.f1() >= 0.97, "{s}");
}

#[test]
fn generated_documents_with_few_anchors() {
    // A name in one sentence of five, no numbers, no acronyms.
    let spec = synthetic::Spec {
        docs: 200,
        numbers: 0.0,
        acronyms: 0.0,
        names: 0.2,
        seed: 13,
        ..synthetic::Spec::default()
    };
    let s = score_generated(&spec);
    // Measured: F1 0.926.
    assert!(s.f1() >= 0.9, "{s}");
}

/// Small documents written for this test: three English news items and
/// Arabic translations of two of them, plus an Arabic item with no English
/// counterpart.
const EN: &[(&str, &str)] = &[
    (
        "flood.txt",
        "Heavy rain flooded the town of Mosul on Tuesday.\nAbout 1,200 families left their homes, the ministry said.\nThe UNHCR sent 40 trucks of tents and blankets.\nSchools will stay closed until 15 March.\n",
    ),
    (
        "match.txt",
        "Barcelona beat Sevilla 3-1 in Madrid on Sunday.\nLionel Messi scored twice in the second half.\nThe win puts Barcelona four points clear at the top.\n",
    ),
    (
        "museum.txt",
        "A new museum opened in Amman after ten years of work.\nIt holds pottery from the Nabataean city of Petra.\nVisitors can book tickets at www.example.org.\n",
    ),
];

const AR: &[(&str, &str)] = &[
    (
        "a1.txt",
        "أغرقت أمطار غزيرة مدينة الموصل يوم الثلاثاء.\nوقالت الوزارة إن نحو ١٬٢٠٠ أسرة غادرت منازلها.\nوأرسلت المفوضية UNHCR أربعين شاحنة من الخيام والبطانيات.\nوستبقى المدارس مغلقة حتى ١٥ مارس.\n",
    ),
    (
        "b2.txt",
        "افتتح متحف جديد في عمان بعد عشر سنوات من العمل.\nويضم فخاراً من مدينة البتراء النبطية.\nويمكن للزوار حجز التذاكر على www.example.org.\n",
    ),
    (
        "c3.txt",
        "ارتفعت أسعار القمح في الأسواق المحلية هذا الأسبوع.\nوعزا التجار ذلك إلى قلة المعروض وارتفاع تكاليف النقل.\n",
    ),
];

fn write_docs(dir: &Path, docs: &[(&str, &str)]) {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in docs {
        fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn hand_written_documents_pair_and_orphans_stay_alone() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("en"), EN);
    write_docs(&d.join("ar"), AR);
    let out = ok(&tandem(&["pair", "en", "ar", "--line-per-sentence", "--unpaired", "unpaired.tsv"], d));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "src\ttgt\tscore");
    let mut pairs: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| r.split('\t'))
        .map(|mut c| (c.next().unwrap().into(), c.next().unwrap().into()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [("en/flood.txt".to_string(), "ar/a1.txt".to_string()), ("en/museum.txt".into(), "ar/b2.txt".into())],
        "{out}"
    );
    let unpaired = fs::read_to_string(d.join("unpaired.tsv")).unwrap();
    let listed: Vec<(&str, &str)> = unpaired
        .lines()
        .skip(1)
        .map(|l| l.split('\t'))
        .map(|mut c| (c.next().unwrap(), c.next().unwrap()))
        .collect();
    assert_eq!(listed, [("src", "en/match.txt"), ("tgt", "ar/c3.txt")], "{unpaired}");
}

#[test]
fn the_manifest_feeds_batch_with_paths_relative_to_it() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("in/en"), EN);
    write_docs(&d.join("in/ar"), AR);
    ok(&tandem(&["pair", "in/en", "in/ar", "--line-per-sentence", "-o", "lists/pairs.tsv"], d));
    let manifest = fs::read_to_string(d.join("lists/pairs.tsv")).unwrap();
    assert!(manifest.contains("../in/en/flood.txt\t../in/ar/a1.txt\t"), "{manifest}");
    ok(&tandem(&["batch", "lists/pairs.tsv", "--out", "aligned", "--line-per-sentence", "-q"], d));
    assert!(d.join("aligned/in_en_flood.tsv").is_file() || d.join("aligned/flood.tsv").is_file());
    let summary = fs::read_to_string(d.join("aligned/summary.csv")).unwrap();
    assert_eq!(summary.lines().filter(|l| l.contains(",ok,")).count(), 3, "{summary}");
}

#[test]
fn batch_pair_chains_pairing_and_alignment() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("en"), EN);
    write_docs(&d.join("ar"), AR);
    ok(&tandem(
        &[
            "batch",
            "--src-dir",
            "en",
            "--tgt-dir",
            "ar",
            "--pair",
            "--out",
            "out",
            "--line-per-sentence",
            "-q",
        ],
        d,
    ));
    assert!(d.join("out/flood.tsv").is_file());
    assert!(d.join("out/museum.tsv").is_file());
    assert!(!d.join("out/match.tsv").exists());
    let unpaired = fs::read_to_string(d.join("out/unpaired.tsv")).unwrap();
    assert!(unpaired.contains("match.txt") && unpaired.contains("c3.txt"), "{unpaired}");
    let flood = fs::read_to_string(d.join("out/flood.tsv")).unwrap();
    assert!(flood.lines().nth(1).is_some_and(|l| l.starts_with("1\t1\t1-1\t")), "{flood}");
}

#[test]
fn eval_pairs_reports_precision_recall_f1() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(d.join("gold.tsv"), "en\tar\nen/a.txt\tar/x.txt\nen/b.txt\tar/y.txt\nen/c.txt\tar/z.txt\n")
        .unwrap();
    // Folders differ, file names decide; one right, one wrong, one missing.
    fs::write(d.join("pred.tsv"), "src\ttgt\tscore\n../en/a.txt\t../ar/x.txt\t9.1\nb.txt\tz.txt\t2.0\n")
        .unwrap();
    let out = ok(&tandem(&["eval", "--pairs", "pred.tsv", "gold.tsv"], d));
    assert_eq!(out.trim(), "pairs: P 0.5000 R 0.3333 F1 0.4000 (1 correct of 2 predicted, 3 gold)");
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = generated(&synthetic::Spec { docs: 120, seed: 5, ..synthetic::Spec::default() });
    let d = dir.path();
    let run = |j: &str| ok(&tandem(&["pair", "en", "ar", "-j", j, "--unpaired", "/dev/stdout", "-q"], d));
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("1"));
}

#[test]
fn links_are_not_followed_unless_asked() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("en"), EN);
    write_docs(&d.join("ar"), &AR[1..]);
    fs::write(d.join("elsewhere.txt"), AR[0].1).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("elsewhere.txt"), d.join("ar/a1.txt")).unwrap();
    #[cfg(not(unix))]
    return;
    let out = ok(&tandem(&["pair", "en", "ar", "--line-per-sentence", "--unpaired", "u.tsv"], d));
    assert!(!out.contains("a1.txt"), "{out}");
    let unpaired = fs::read_to_string(d.join("u.tsv")).unwrap();
    assert!(unpaired.contains("ar/a1.txt\t\tunreadable: a symbolic link"), "{unpaired}");
    let out = ok(&tandem(&["pair", "en", "ar", "--line-per-sentence", "--follow-symlinks"], d));
    assert!(out.contains("en/flood.txt\tar/a1.txt"), "{out}");
}

#[test]
fn unreadable_and_empty_documents_are_left_unpaired() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("en"), EN);
    write_docs(&d.join("ar"), AR);
    fs::write(d.join("ar/empty.txt"), "  \n").unwrap();
    fs::write(d.join("en/latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    let out = ok(&tandem(&["pair", "en", "ar", "--unpaired", "u.tsv"], d));
    assert_eq!(out.lines().count(), 3, "{out}");
    let unpaired = fs::read_to_string(d.join("u.tsv")).unwrap();
    assert!(unpaired.contains("ar/empty.txt\t\tunreadable: "), "{unpaired}");
    assert!(unpaired.contains("en/latin1.txt\t\tunreadable: "), "{unpaired}");
}

#[test]
fn profiles_normalise_anchors_across_scripts() {
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let doc = |text: &str| Profile::of(&Document::from_text(text.into(), Path::new("t"), &opts).unwrap());
    let en = doc("On 29 September 2018, 6,000 people met the FBI in Baghdad (see www.example.org/news).\n");
    let ar =
        doc("في ٢٩ سبتمبر ٢٠١٨ التقى ٦٬٠٠٠ شخص بمكتبFBI في بغداد (انظر https://www.example.org/news/).\n");
    let shared = Profile {
        keys: en.keys.iter().filter(|k| ar.keys.binary_search(k).is_ok()).copied().collect(),
        ..Profile::default()
    };
    // 29, 2018, 6000; the day and the month with its year; FBI (glued to
    // Arabic letters) and the URL's words; Baghdad; the URL.
    assert_eq!(shared.count(KeyKind::Number), 3, "{shared:?}");
    assert_eq!(shared.count(KeyKind::Date), 2);
    assert_eq!(shared.count(KeyKind::Token), 5);
    assert!(shared.count(KeyKind::Name) >= 1);
    assert_eq!(shared.count(KeyKind::Url), 1);
    assert_eq!((en.sentences, ar.sentences), (1, 1));
}

#[test]
fn pairing_in_memory_matches_generated_gold() {
    let corpus = synthetic::corpus(&synthetic::Spec { docs: 80, seed: 3, ..synthetic::Spec::default() });
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let docs = |side: &[(String, String)]| -> Vec<Document> {
        side.iter().map(|(n, t)| Document::from_text(t.clone(), Path::new(n), &opts).unwrap()).collect()
    };
    let (src, tgt) = (docs(&corpus.src), docs(&corpus.tgt));
    let m = pair::pair_documents(&src, &tgt, &PairConfig::default(), &Aligner::default());
    let mut found: Vec<(usize, usize)> = m.pairs.iter().map(|&(i, j, _)| (i, j)).collect();
    found.sort_unstable();
    let mut gold = corpus.gold.clone();
    gold.sort_unstable();
    let right = found.iter().filter(|p| gold.binary_search(p).is_ok()).count();
    assert!(
        right as f64 >= 0.95 * gold.len() as f64 && right as f64 >= 0.95 * found.len() as f64,
        "{right} of {} found, {} gold",
        found.len(),
        gold.len()
    );
    assert_eq!(m.unpaired_src.len() + found.len(), src.len());
    assert_eq!(m.unpaired_tgt.len() + found.len(), tgt.len());
}

#[test]
fn a_fixed_threshold_overrides_the_calibration() {
    let dir = tempdir();
    let d = dir.path();
    write_docs(&d.join("en"), EN);
    write_docs(&d.join("ar"), AR);
    let out = ok(&tandem(&["pair", "en", "ar", "--line-per-sentence", "--threshold", "1e9"], d));
    assert_eq!(out, "src\ttgt\tscore\n");
}
