//! The gold regression test: every pair of the shared evaluation sets,
//! aligned as `tandem align --line-per-sentence` aligns it, must keep each
//! set's strict F1 at or above the floor committed in `tests/floors.tsv`.
//!
//! Skipped, saying so, when `../shared/data/` is absent.

use std::fs;
use std::path::Path;
use std::time::Instant;

use tandem::eval::{self, IndexBead, Score};
use tandem::{Aligner, DocOptions, Document};

use crate::util::{root, shared_data};

/// The sets, in the order of `../shared/data/README.md`.
const SETS: [&str; 4] = ["alignar-ar-en", "ntrex-en-ar-edited", "ted-en-ar-edited", "textberg-de-fr"];

/// `tests/floors.tsv`: `#` comments, then `data/SET<TAB>floor` rows, the
/// layout `../shared/tools/eval_sets.py --floors` reads too.
fn floors() -> Vec<(String, f64)> {
    let path = root().join("tests").join("floors.tsv");
    let text = fs::read_to_string(&path).expect("tests/floors.tsv");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (key, f1) = l.split_once('\t').unwrap_or_else(|| panic!("floors.tsv: no tab in {l:?}"));
            let set =
                key.strip_prefix("data/").unwrap_or_else(|| panic!("floors.tsv: {key:?} is not data/SET"));
            (set.to_string(), f1.trim().parse().unwrap_or_else(|_| panic!("floors.tsv: bad floor in {l:?}")))
        })
        .collect()
}

/// The document pairs of a set: (src, tgt, gold) paths from `pairs.tsv`,
/// whose header names the columns.
fn pairs(set: &Path) -> Vec<[std::path::PathBuf; 3]> {
    let manifest = fs::read_to_string(set.join("pairs.tsv")).expect("pairs.tsv");
    let mut lines = manifest.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines.next().expect("a header").split('\t').map(str::trim).collect();
    let col =
        |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (s, t, g) = (col("src"), col("tgt"), col("gold"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').map(str::trim).collect();
            [set.join(f[s]), set.join(f[t]), set.join(f[g])]
        })
        .collect()
}

/// Aligns one pair as `tandem align --line-per-sentence` does.
fn align(src: &Path, tgt: &Path) -> Vec<IndexBead> {
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let src = Document::from_path(src, &opts).unwrap();
    let tgt = Document::from_path(tgt, &opts).unwrap();
    let al = Aligner::default().align(&src, &tgt);
    al.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect()
}

/// Strict F1 measured when the floors were last raised (each floor is 0.005
/// below, rounded down to three decimals, and never lowered: ted's stays at
/// 0.926 from an earlier 0.931); the test takes a few seconds in a debug
/// build:
///
/// | set | pairs | strict P / R / F1 | lax F1 |
/// |---|---|---|---|
/// | alignar-ar-en | 6 | 0.774 / 0.790 / 0.782 | 0.926 |
/// | ntrex-en-ar-edited | 20 | 0.960 / 0.957 / 0.959 | 0.990 |
/// | ted-en-ar-edited | 13 | 0.927 / 0.928 / 0.927 | 0.970 |
/// | textberg-de-fr | 5 | 0.874 / 0.878 / 0.876 | 0.975 |
#[test]
fn gold_sets_stay_above_their_floors() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    let floors = floors();
    let mut failures = Vec::new();
    for set in SETS {
        let floor = floors
            .iter()
            .find(|(name, _)| name == set)
            .unwrap_or_else(|| panic!("tests/floors.tsv has no floor for {set}"))
            .1;
        let started = Instant::now();
        let list = pairs(&shared.join(set));
        assert!(!list.is_empty(), "{set}: no pairs");
        let mut score = Score::default();
        for [src, tgt, gold] in &list {
            score.add(&eval::read_beads(gold).unwrap(), &align(src, tgt));
        }
        let prf = score.prf();
        let secs = started.elapsed().as_secs_f64();
        eprintln!("{set:20} pairs {:3} {secs:5.1}s  {prf}  (strict F1 {:.4})", list.len(), prf.f1_strict);
        if prf.f1_strict < floor {
            failures.push(format!("{set}: strict F1 {:.4} is below its floor {floor}", prf.f1_strict));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The library calls above give what the binary writes.
#[test]
fn library_alignment_is_the_binarys() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    for set in SETS {
        let list = pairs(&shared.join(set));
        let [src, tgt, _] = &list[0];
        let out = crate::util::TestCommand::new()
            .args(["align", "--line-per-sentence", "--format", "vecalign"])
            .args([src, tgt])
            .stdout();
        let from_binary = eval::parse_beads(&out, Path::new("stdout")).unwrap();
        assert!(from_binary == align(src, tgt), "{set}: {}", src.display());
    }
}

/// The two-pass banded search loses nothing against the full table: forcing
/// the band on every pair (max_full_cells = 0) scores exactly as the full
/// table does, on every shared set.
#[test]
fn banded_search_equals_the_full_table() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    let with =
        |cells: usize| Aligner::new(tandem::AlignConfig { max_full_cells: cells, ..Default::default() });
    let (banded, full) = (with(0), with(usize::MAX));
    for set in SETS {
        let b = eval::evaluate_set(&shared.join(set), &banded).unwrap();
        let f = eval::evaluate_set(&shared.join(set), &full).unwrap();
        assert_eq!(b.score, f.score, "{set}: banded {} vs full {}", b.score.prf(), f.score.prf());
    }
}

/// Confidence means something across the shared sets: beads at 0.9 or more
/// are right at least nine times in ten, each tenth of the range is right as
/// often as its middle says (within 0.1), and the expected calibration error
/// stays small (measured 0.013).
#[test]
fn confidence_is_calibrated_on_the_shared_sets() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    let aligner = Aligner::default();
    let judged: Vec<eval::Judged> =
        SETS.iter().flat_map(|set| eval::evaluate_set(&shared.join(set), &aligner).unwrap().judged).collect();
    let c = eval::calibration(&judged);
    eprintln!(
        "ECE {:.3}, precision at >= 0.9 {:.3}, review effort {:.3}",
        c.ece, c.precision_at_90, c.review_effort
    );
    assert!(c.precision_at_90 >= 0.95, "precision at confidence >= 0.9: {:.3}", c.precision_at_90);
    assert!(c.ece <= 0.03, "expected calibration error {:.3}", c.ece);
    // Ranking: a reviewer reading lowest confidence first finds 90% of the
    // wrong beads in 31% of the beads when written (45% with the cold
    // posterior this replaced).
    assert!(c.review_effort <= 0.34, "review effort {:.3}", c.review_effort);
    // Every tenth of the range holding enough beads to judge is right about
    // as often as its middle says.
    for (k, &(n, share)) in c.bands.iter().enumerate() {
        let middle = k as f64 / 10.0 + 0.05;
        assert!(n < 20 || (share - middle).abs() <= 0.1, "band {k}: {n} beads, {share:.2} correct");
    }
}

/// tandem's built-in English–Arabic word list lifts the Arabic sets and costs
/// none of them: alignar 0.821 → 0.864, TED 0.927 → 0.951, ntrex 0.957 →
/// 0.964 when written.
#[test]
fn the_built_in_word_list_helps_the_arabic_sets() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    let without = Aligner::default().without_lexicon();
    for (set, gain) in [("alignar-ar-en", 0.03), ("ted-en-ar-edited", 0.015), ("ntrex-en-ar-edited", 0.0)] {
        let f1 =
            |aligner: &Aligner| eval::evaluate_set(&shared.join(set), aligner).unwrap().score.prf().f1_strict;
        let (plain, helped) = (f1(&without), f1(&Aligner::default()));
        eprintln!("{set:20} strict F1 {plain:.4} without, {helped:.4} with the word list");
        assert!(
            helped >= plain + gain,
            "{set}: {plain:.4} -> {helped:.4}, expected a change of at least {gain}"
        );
    }
}

/// A general dictionary (FreeDict English–Arabic, installed by
/// `.ci/install-readers`, converted by `scripts/freedict_tsv.py`) in place of
/// the built-in word list lifts the Arabic sets at the default `dict_weight`
/// and costs none of them: alignar 0.821 → 0.846, TED 0.927 → 0.936, ntrex
/// 0.957 → 0.963 when written.
/// Skipped, saying why, without the shared data, the dictionaries or python3.
#[test]
fn a_general_dictionary_helps_the_arabic_sets() {
    let Some(shared) = shared_data() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    if !Path::new("/usr/share/dictd/freedict-eng-ara.index").exists() {
        eprintln!("skipped: FreeDict eng-ara not installed (bash .ci/install-readers)");
        return;
    }
    let script = root().join("scripts").join("freedict_tsv.py");
    let Ok(out) = std::process::Command::new("python3").arg(&script).args(["eng-ara", "ara-eng"]).output()
    else {
        eprintln!("skipped: python3 not found");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dict = tandem::Dictionary::parse(std::str::from_utf8(&out.stdout).unwrap(), &script).unwrap();
    assert!(dict.len() > 50_000, "{} pairs", dict.len());
    let without = Aligner::default().without_lexicon();
    let with = without.clone().with_dict(dict);
    for (set, gain) in [("alignar-ar-en", 0.02), ("ted-en-ar-edited", 0.005), ("ntrex-en-ar-edited", 0.0)] {
        let f1 =
            |aligner: &Aligner| eval::evaluate_set(&shared.join(set), aligner).unwrap().score.prf().f1_strict;
        let (plain, helped) = (f1(&without), f1(&with));
        eprintln!("{set:20} strict F1 {plain:.4} without, {helped:.4} with the dictionary");
        assert!(
            helped >= plain + gain,
            "{set}: {plain:.4} -> {helped:.4}, expected a change of at least {gain}"
        );
    }
}
