//! The benchmark material and `tandem bench`: the synthetic generator's
//! pairs and gold, the long pair of the shared data, and the table the
//! command prints (its shape and its F1, never its timings).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tandem::bench::{self, SyntheticPair};
use tandem::eval::Score;
use tandem::{Aligner, lang, segment};

fn tandem(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem")).args(args).output().expect("tandem runs")
}

fn shared_data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("data");
    p.is_dir().then_some(p)
}

/// The gold covers every sentence of both sides once, in order.
fn assert_gold_covers(p: &SyntheticPair) {
    let (mut s, mut t) = (0, 0);
    for (a, b) in &p.gold {
        assert!(!a.is_empty() || !b.is_empty());
        assert_eq!(*a, (s..s + a.len()).collect::<Vec<_>>());
        assert_eq!(*b, (t..t + b.len()).collect::<Vec<_>>());
        s += a.len();
        t += b.len();
    }
    assert_eq!((s, t), (p.src.len(), p.tgt.len()));
}

/// Strict F1 of the default aligner on a pair against its gold.
fn f1(p: &SyntheticPair) -> f64 {
    let (src, tgt) = p.documents().unwrap();
    let al = Aligner::default().align(&src, &tgt);
    let mut score = Score::default();
    score.add(&p.gold, &tandem::batch::index_beads(&al));
    score.prf().f1_strict
}

#[test]
fn synthetic_pairs_have_every_bead_type_both_digit_scripts_and_varied_lengths() {
    let p = SyntheticPair::generate(2000, 1);
    assert_eq!(p.src.len(), 2000);
    assert!(p.tgt.len().abs_diff(2000) < 200, "{}", p.tgt.len());
    assert_gold_covers(&p);
    let kinds: BTreeSet<(usize, usize)> = p.gold.iter().map(|(a, b)| (a.len(), b.len())).collect();
    assert_eq!(kinds, BTreeSet::from([(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)]));
    let ones = p.gold.iter().filter(|(a, b)| a.len() == 1 && b.len() == 1).count();
    assert!(ones * 100 > p.gold.len() * 80, "mostly 1-1: {ones} of {}", p.gold.len());
    let tgt = p.tgt.concat();
    assert!(tgt.contains(|c| ('\u{660}'..='\u{669}').contains(&c)), "Arabic-Indic digits");
    assert!(tgt.contains(|c: char| c.is_ascii_digit()), "Western digits on the Arabic side");
    let lens: Vec<usize> = p.src.iter().map(|s| s.chars().count()).collect();
    let (min, max) = (lens.iter().min().unwrap(), lens.iter().max().unwrap());
    assert!(*min < 30 && *max > 200, "lengths from {min} to {max}");
    // Deterministic: the same seed, the same pair.
    assert_eq!(p, SyntheticPair::generate(2000, 1));
}

#[test]
fn running_text_splits_back_into_the_generated_sentences() {
    let p = SyntheticPair::generate(300, 4);
    let en = segment::segment(&p.src_text(), lang::by_code("en").unwrap());
    let ar = segment::segment(&p.tgt_text(), lang::by_code("ar").unwrap());
    assert_eq!(en.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), p.src);
    assert_eq!(ar.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), p.tgt);
    assert_eq!(en.last().unwrap().para, p.paragraphs.len());
}

#[test]
fn the_aligner_scores_high_on_synthetic_pairs() {
    for seed in [1, 2, 3] {
        let score = f1(&SyntheticPair::generate(400, seed));
        assert!(score >= 0.95, "seed {seed}: strict F1 {score:.3}");
    }
}

#[test]
fn write_set_writes_a_manifest_with_gold() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = bench::write_set(dir.path(), 3, 25, 9).unwrap();
    let text = std::fs::read_to_string(&manifest).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id\tsrc\ttgt\tgold\tsrc_lang\ttgt_lang");
    assert_eq!(lines[1], "p0000\tp0000.en\tp0000.ar\tp0000.gold\ten\tar");
    assert_eq!(lines.len(), 4);
    let en = std::fs::read_to_string(dir.path().join("p0002.en")).unwrap();
    assert_eq!(en.lines().count(), 25);
    let gold = tandem::eval::read_beads(&dir.path().join("p0002.gold")).unwrap();
    assert_eq!(gold.iter().map(|b| b.0.len()).sum::<usize>(), 25);
}

/// The table's rows, split into cells, header first.
fn table(o: &Output) -> Vec<Vec<String>> {
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    out.lines().map(|l| l.split_whitespace().map(str::to_string).collect()).collect()
}

const HEADER: [&str; 9] =
    ["size", "threads", "pairs", "seconds", "sentences/s", "pairs/s", "peak_MB", "speed-up", "F1"];

#[test]
fn bench_prints_a_row_per_size_and_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    let o = tandem(&[
        "bench",
        "--sizes",
        "30,60",
        "--threads",
        "1,2",
        "--pairs",
        "3",
        "--dir",
        work.to_str().unwrap(),
        "-q",
    ]);
    let rows = table(&o);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 5, "{rows:?}");
    let want = [("30", "1"), ("30", "2"), ("60", "1"), ("60", "2")];
    for (row, (size, threads)) in rows[1..].iter().zip(want) {
        assert_eq!(row.len(), 9, "{row:?}");
        assert_eq!((row[0].as_str(), row[1].as_str(), row[2].as_str()), (size, threads, "3"));
        for cell in &row[3..6] {
            assert!(cell.parse::<f64>().unwrap() >= 0.0, "{row:?}");
        }
        if cfg!(target_os = "linux") {
            assert!(row[6].parse::<f64>().unwrap() > 0.0, "{row:?}");
        }
        if threads == "1" {
            assert_eq!(row[7], "1.00");
        } else {
            assert!(row[7].parse::<f64>().unwrap() > 0.0);
        }
        let f1: f64 = row[8].parse().unwrap();
        assert!(f1 >= 0.9, "F1 {f1} in {row:?}");
    }
    // The same seed gives the same F1 whatever the thread count.
    assert_eq!(rows[1][8], rows[2][8]);
    // --dir keeps the set and the outputs.
    assert!(work.join("set-60").join("pairs.tsv").is_file());
    assert!(work.join("out-60-2").join("summary.csv").is_file());
    assert!(work.join("out-30-1").join("p0002.tsv").is_file());
}

#[test]
fn bench_runs_a_given_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = bench::write_set(dir.path(), 4, 50, 3).unwrap();
    let o =
        tandem(&["bench", "--manifest", manifest.to_str().unwrap(), "--line-per-sentence", "-j", "1", "-q"]);
    let rows = table(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], HEADER);
    assert_eq!(&rows[1][..3], ["~50", "1", "4"]);
    assert!(rows[1][8].parse::<f64>().unwrap() >= 0.9, "{:?}", rows[1]);
    // Without a gold column there is no F1.
    let plain = dir.path().join("plain.tsv");
    std::fs::write(&plain, "src\ttgt\np0000.en\tp0000.ar\n").unwrap();
    let o = tandem(&["bench", "--manifest", plain.to_str().unwrap(), "--line-per-sentence", "-j", "1", "-q"]);
    let rows = table(&o);
    assert_eq!(rows[1][8], "n/a");
}

#[test]
fn bench_refuses_zero_threads_and_sizes_with_a_manifest() {
    let o = tandem(&["bench", "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 or more"));
    let o = tandem(&["bench", "--manifest", "x.tsv", "--sizes", "10"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn peak_memory_is_read_on_linux() {
    if cfg!(target_os = "linux") {
        assert!(bench::peak_memory().unwrap() > 0);
    } else {
        assert_eq!(bench::peak_memory(), None);
    }
}

#[test]
fn long_pair_of_the_shared_data() {
    let Some(data) = shared_data() else {
        eprintln!("skipped: ../shared/data is absent");
        return;
    };
    let manifest = data.join("ntrex-en-ar-edited").join("pairs.tsv");
    let once = SyntheticPair::concatenated(&manifest, 1).unwrap();
    let long = SyntheticPair::concatenated(&manifest, 10_000).unwrap();
    assert!(long.src.len() >= 10_000 && long.src.len() < 10_000 + once.src.len());
    assert_eq!(long.src.len() % once.src.len(), 0);
    assert_gold_covers(&long);
    assert_eq!(long.src[once.src.len()], once.src[0]);
}
