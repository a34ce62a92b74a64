//! `tandem eval` and `tandem::eval`: strict and lax figures worked out by
//! hand, vecalign's bead syntax, agreement with the shared scorer
//! `score.py`, and calibration of a tandem TSV.

use std::path::{Path, PathBuf};
use std::process::Command;

use tandem::eval::{self, IndexBead, Score};

use crate::util::{Dir, TestCommand, data, root, shared_data};

const GOLD: &str = "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[4]:[2,3]\n[]:[4]\n[5]:[5]\n";

/// Against `GOLD`: two exact 1-1 beads, an exact 1-0 and an exact 0-1, a
/// half of the 2-1 and a half of the 1-2 (lax matches), and a 1-0 and a
/// 0-1 made of the other halves (no lax match: a side is empty).
const PRED: &str = "[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[]\n[4]:[2]\n[]:[3]\n[]:[4]\n[5]:[5]\n";

/// Worked out by hand. Precision counts all 8 predicted beads: strict 4
/// exact ([0]:[0], [3]:[], []:[4], [5]:[5]) → 0.5; lax adds [1]:[1] and
/// [4]:[2] → 6/8 = 0.75. Recall counts the 4 gold beads with both sides:
/// strict 2 found exactly ([0]:[0], [5]:[5]) → 0.5; lax all 4 overlap a
/// prediction → 1.0. F1 strict 0.5; lax 2·0.75·1/1.75 = 0.857.
const LINE: &str = "strict P 0.500 R 0.500 F1 0.500 | lax P 0.750 R 1.000 F1 0.857";

fn parse(text: &str) -> Vec<IndexBead> {
    eval::parse_beads(text, Path::new("t")).unwrap()
}

fn eval_line(dir: &Dir, pred: &str, gold: &str) -> String {
    dir.command().args(["eval", pred, gold]).stdout()
}

#[test]
fn hand_made_strict_and_lax_figures() {
    let dir = Dir::new();
    dir.write("gold.txt", GOLD);
    dir.write("pred.txt", PRED);
    eqnice!(format!("{LINE}\n"), eval_line(&dir, "pred.txt", "gold.txt"));

    let mut s = Score::default();
    s.add(&parse(GOLD), &parse(PRED));
    let prf = s.prf();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(prf.p_strict, 0.5) && close(prf.r_strict, 0.5) && close(prf.f1_strict, 0.5), "{prf:?}");
    assert!(close(prf.p_lax, 0.75) && close(prf.r_lax, 1.0) && close(prf.f1_lax, 1.5 / 1.75), "{prf:?}");
    eqnice!(LINE, prf.to_string());
}

#[test]
fn perfect_and_empty_predictions() {
    let dir = Dir::new();
    dir.write("gold.txt", GOLD);
    eqnice!(
        "strict P 1.000 R 1.000 F1 1.000 | lax P 1.000 R 1.000 F1 1.000\n",
        eval_line(&dir, "gold.txt", "gold.txt")
    );
    // 0/0 is 0
    let mut s = Score::default();
    s.add(&parse(GOLD), &[]);
    eqnice!("strict P 0.000 R 0.000 F1 0.000 | lax P 0.000 R 0.000 F1 0.000", s.prf().to_string());
    // everything shifted by one: nothing exact, nothing overlapping
    dir.write("shifted.txt", "[0]:[1]\n[1]:[2]\n[2]:[3]\n");
    dir.write("diag.txt", "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    eqnice!(
        "strict P 0.000 R 0.000 F1 0.000 | lax P 0.000 R 0.000 F1 0.000\n",
        eval_line(&dir, "shifted.txt", "diag.txt")
    );
}

#[test]
fn counts_are_summed_over_files_before_dividing() {
    // file A: 3 beads, all right; file B: 1 bead, wrong. Micro-averaged
    // precision is 3/4, not the mean (1 + 0)/2 of the two files.
    let a = parse("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    let (b_gold, b_pred) = (parse("[0]:[0]\n"), parse("[0]:[1]\n"));
    let mut s = Score::default();
    s.add(&a, &a);
    s.add(&b_gold, &b_pred);
    let prf = s.prf();
    assert!((prf.p_strict - 0.75).abs() < 1e-12, "{prf:?}");
    assert!((prf.r_strict - 0.75).abs() < 1e-12, "{prf:?}");
    assert_eq!(s.precision.tp_strict, 3);
    assert_eq!(s.precision.fp_strict, 1);
}

#[test]
fn gold_lines_may_hold_spaces() {
    let dir = Dir::new();
    let spaced = " [0] : [0]\n[1, 2]:[1]\n  [3]:[ ]\n[4] :[2, 3]\n[] : [4]\n\n[5]:[5]  \n";
    dir.write("gold.txt", spaced);
    dir.write("pred.txt", PRED);
    eqnice!(format!("{LINE}\n"), eval_line(&dir, "pred.txt", "gold.txt"));
    assert_eq!(parse(spaced), parse(GOLD));
    assert_eq!(parse(" [3] : [4, 5]\n"), vec![(vec![3], vec![4, 5])]);
    // spaced predictions too
    dir.write("pred-spaced.txt", PRED.replace(':', " : ").replace(',', ", "));
    eqnice!(format!("{LINE}\n"), eval_line(&dir, "pred-spaced.txt", "gold.txt"));
}

#[test]
fn bad_bead_lines_name_file_and_line() {
    let dir = Dir::new();
    dir.write("gold.txt", GOLD);
    dir.write("bad.txt", "[0]:[0]\n[1]:[x]\n");
    let err = dir.command().args(["eval", "bad.txt", "gold.txt"]).error();
    assert!(err.contains("bad.txt:line 2"), "{err}");
    let err = dir.command().args(["eval", "gold.txt", "bad.txt"]).error();
    assert!(err.contains("bad.txt:line 2"), "{err}");
    dir.write("nocolon.txt", "[0]:[0]\n\n[1] [1]\n");
    let err = dir.command().args(["eval", "nocolon.txt", "gold.txt"]).error();
    assert!(err.contains("nocolon.txt:line 3"), "{err}");
    let err = dir.command().args(["eval", "missing.txt", "gold.txt"]).error();
    assert!(err.contains("missing.txt"), "{err}");
}

/// The shared scorer, when python3 and `../shared/tools/score.py` exist.
fn score_py() -> Option<PathBuf> {
    let script = root().join("../shared/tools/score.py");
    if !script.is_file() {
        eprintln!("skipped: {} not found", script.display());
        return None;
    }
    match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => Some(script),
        _ => {
            eprintln!("skipped: python3 not found");
            None
        }
    }
}

#[test]
fn same_line_as_score_py() {
    let Some(script) = score_py() else { return };
    let dir = Dir::new();
    dir.write("gold.txt", GOLD);
    dir.write("pred.txt", PRED);
    dir.write("gold-spaced.txt", " [0] : [0]\n[1, 2]:[1]\n[3]:[]\n[4] :[2, 3]\n[] : [4]\n[5]:[5]\n");
    dir.write("diag.txt", "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5]\n");
    dir.write("merged.txt", "[0,1,2]:[0,1]\n[3,4]:[2,3,4]\n[5]:[]\n[]:[5]\n");
    // the sample, aligned by tandem, against its gold
    let sample = TestCommand::new()
        .args(["align", "-f", "vecalign", "data/sample.en.txt", "data/sample.ar.txt"])
        .stdout();
    dir.write("sample.pred", sample);
    let sample_gold = data("sample.gold");
    let sample_gold = sample_gold.to_str().unwrap();
    let mut pairs: Vec<(String, String)> = Vec::new();
    // and, when the shared corpora are there, two real pairs of each kind
    if let Some(shared) = shared_data() {
        for (set, names) in
            [("ntrex-en-ar-edited", ["bbc.381790+3", "upi.176249+3"]), ("textberg-de-fr", ["dev", "test0"])]
        {
            let folder = shared.join(set);
            for name in names {
                let (src, tgt, gold) = if set == "textberg-de-fr" {
                    (format!("{name}.de"), format!("{name}.fr"), format!("{name}.defr"))
                } else {
                    (format!("{name}.en"), format!("{name}.ar"), format!("{name}.gold"))
                };
                let (src, tgt, gold) = (folder.join(src), folder.join(tgt), folder.join(gold));
                if !(src.is_file() && tgt.is_file() && gold.is_file()) {
                    eprintln!("skipped {}: not found", gold.display());
                    continue;
                }
                let pred = TestCommand::new()
                    .args(["align", "--line-per-sentence", "-f", "vecalign"])
                    .args([&src, &tgt])
                    .stdout();
                let pred_name = format!("{set}-{name}.pred");
                dir.write(&pred_name, pred);
                pairs.push((pred_name, gold.to_string_lossy().into_owned()));
            }
        }
    }
    for (pred, gold) in [
        ("pred.txt", "gold.txt"),
        ("gold.txt", "pred.txt"),
        ("pred.txt", "gold-spaced.txt"),
        ("diag.txt", "gold.txt"),
        ("merged.txt", "gold.txt"),
        ("gold.txt", "merged.txt"),
        ("sample.pred", sample_gold),
        ("diag.txt", sample_gold),
    ]
    .into_iter()
    .chain(pairs.iter().map(|(p, g)| (p.as_str(), g.as_str())))
    {
        let ours = eval_line(&dir, pred, gold);
        let out = Command::new("python3")
            .arg(&script)
            .args(["-t", pred, "-g", gold])
            .current_dir(dir.path())
            .output()
            .expect("run score.py");
        assert!(out.status.success(), "score.py {pred} {gold}: {}", String::from_utf8_lossy(&out.stderr));
        eqnice!(String::from_utf8_lossy(&out.stdout), ours, "tandem eval {pred} {gold}");
    }
}

#[test]
fn tsv_predictions_get_a_calibration_line() {
    let dir = Dir::new();
    for (name, extra) in [("plain.tsv", &[][..]), ("bom.tsv", &["--bom"]), ("explain.tsv", &["--explain"])] {
        TestCommand::new()
            .args(["align", "data/sample.en.txt", "data/sample.ar.txt", "-o"])
            .arg(dir.join(name))
            .args(extra)
            .stdout();
    }
    let vec = TestCommand::new()
        .args(["align", "-f", "vecalign", "data/sample.en.txt", "data/sample.ar.txt"])
        .stdout();
    dir.write("pred.vecalign", vec);
    let gold = data("sample.gold");
    let gold = gold.to_str().unwrap();
    let plain = eval_line(&dir, "pred.vecalign", gold);
    assert_eq!(plain.lines().count(), 1, "no calibration without confidences: {plain}");
    let mut first = None;
    for name in ["plain.tsv", "bom.tsv", "explain.tsv"] {
        let out = eval_line(&dir, name, gold);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{name}: {out}");
        // the same beads as the vecalign output
        assert_eq!(format!("{}\n", lines[0]), plain, "{name}");
        let cal = lines[1];
        let rest = cal.strip_prefix("calibration: ECE ").unwrap_or_else(|| panic!("{name}: {cal}"));
        let figures: Vec<f64> = rest
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|s| s.len() == 5 && s.contains('.'))
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(figures.len(), 3, "{cal}");
        assert!(figures.iter().all(|f| (0.0..=1.0).contains(f)), "{cal}");
        assert!(
            cal.contains("| precision at confidence >= 0.9 ") && cal.contains("| review effort "),
            "{cal}"
        );
        assert_eq!(*first.get_or_insert_with(|| cal.to_string()), cal, "{name}");
    }
}

#[test]
fn an_empty_prediction_scores_zero() {
    let dir = Dir::new();
    dir.write("gold.txt", GOLD);
    dir.write("empty.txt", "");
    eqnice!(
        "strict P 0.000 R 0.000 F1 0.000 | lax P 0.000 R 0.000 F1 0.000\n",
        eval_line(&dir, "empty.txt", "gold.txt")
    );
}
