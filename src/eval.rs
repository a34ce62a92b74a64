//! Scoring alignments against gold, with the definitions of vecalign's
//! `score.py`: strict = exact bead match, lax = the bead overlaps a gold bead
//! on both sides; precision counts every bead not empty on both sides,
//! recall ignores beads with an empty side; counts are summed over files
//! before dividing (micro average), and 0/0 is 0.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::error::{Error, Position, Result};

/// A bead as lists of sentence indices, the way vecalign files write it.
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// Parses vecalign bead lines such as `[0,1]:[2]`, ` [3] : [4, 5]` or `[]:[6]`.
pub fn parse_beads(text: &str, path: &Path) -> Result<Vec<IndexBead>> {
    let mut beads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let pos = || Position::file(path).with_line(n + 1);
        let (left, right) =
            line.split_once(':').ok_or_else(|| Error::parse(pos(), "expected a bead `[i,...]:[j,...]`"))?;
        // Columns after the bead (a score, as vecalign prints) are ignored.
        let right = right.trim();
        let right = right.find(']').map_or(right, |e| &right[..=e]);
        beads.push((parse_list(left, &pos)?, parse_list(right, &pos)?));
    }
    Ok(beads)
}

fn parse_list(text: &str, pos: &dyn Fn() -> Position) -> Result<Vec<usize>> {
    let inner = text.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).ok_or_else(|| {
        Error::parse(pos(), format!("expected a list like [0, 1], found {:?}", text.trim()))
    })?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| Error::parse(pos(), format!("{s:?} is not a sentence number"))))
        .collect()
}

/// Reads a vecalign-format file.
pub fn read_beads(path: &Path) -> Result<Vec<IndexBead>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_beads(&text, path)
}

/// What in a gold alignment no monotone aligner can reproduce, one phrase
/// per kind and side ("target sentence 54 is in 2 beads", "2 beads start
/// before an earlier bead ends on the target side, at 56, 123"; sentences
/// numbered from 0 as in the file).
/// Such beads count as errors of every aligner, and the confident ones
/// weigh on the review effort; a reader of the figures should know.
pub fn gold_problems(gold: &[IndexBead]) -> Vec<String> {
    let mut out = Vec::new();
    for (side, name) in [(0, "source"), (1, "target")] {
        let mut seen: HashMap<usize, usize> = HashMap::new();
        let (mut crossings, mut last): (Vec<usize>, Option<usize>) = (Vec::new(), None);
        for bead in gold {
            let ids = if side == 0 { &bead.0 } else { &bead.1 };
            for &i in ids {
                *seen.entry(i).or_default() += 1;
            }
            if let (Some(&first), Some(prev)) = (ids.first(), last)
                && first < prev
            {
                crossings.push(first);
            }
            if let Some(&end) = ids.iter().max() {
                last = Some(last.map_or(end, |l| l.max(end)));
            }
        }
        let mut repeated: Vec<(usize, usize)> = seen.into_iter().filter(|&(_, n)| n > 1).collect();
        repeated.sort_unstable();
        for (i, n) in repeated {
            out.push(format!("{name} sentence {i} is in {n} beads"));
        }
        if !crossings.is_empty() {
            let at: Vec<String> = crossings.iter().map(usize::to_string).collect();
            let n = crossings.len();
            let verb = if n == 1 { "bead starts" } else { "beads start" };
            out.push(format!(
                "{n} {verb} before an earlier bead ends on the {name} side, at {}",
                at.join(", ")
            ));
        }
    }
    out
}

/// True and false positive counts, strict and lax.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Exact matches.
    pub tp_strict: usize,
    /// Not exact matches.
    pub fp_strict: usize,
    /// Overlapping a gold bead.
    pub tp_lax: usize,
    /// Overlapping none.
    pub fp_lax: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp_strict += o.tp_strict;
        self.fp_strict += o.fp_strict;
        self.tp_lax += o.tp_lax;
        self.fp_lax += o.fp_lax;
    }
}

fn counts(gold: &[IndexBead], test: &[IndexBead]) -> Counts {
    let nonempty = |b: &&IndexBead| !b.0.is_empty() || !b.1.is_empty();
    let gold: HashSet<&IndexBead> = gold.iter().filter(nonempty).collect();
    let test: HashSet<&IndexBead> = test.iter().filter(nonempty).collect();
    let mut tgt_of: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (gs, gt) in &gold {
        for s in gs {
            tgt_of.entry(*s).or_default().extend(gt.iter().copied());
        }
    }
    let mut c = Counts::default();
    for bead in test {
        if gold.contains(bead) {
            c.tp_strict += 1;
            c.tp_lax += 1;
        } else {
            c.fp_strict += 1;
            let overlap =
                bead.0.iter().filter_map(|s| tgt_of.get(s)).any(|t| bead.1.iter().any(|j| t.contains(j)));
            if overlap {
                c.tp_lax += 1;
            } else {
                c.fp_lax += 1;
            }
        }
    }
    c
}

/// Precision and recall counts accumulated over files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Counts for precision (predicted beads against gold).
    pub precision: Counts,
    /// Counts for recall (gold beads against predicted).
    pub recall: Counts,
}

/// Precision, recall and F1, strict and lax.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Strict precision.
    pub p_strict: f64,
    /// Strict recall.
    pub r_strict: f64,
    /// Strict F1.
    pub f1_strict: f64,
    /// Lax precision.
    pub p_lax: f64,
    /// Lax recall.
    pub r_lax: f64,
    /// Lax F1.
    pub f1_lax: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if a + b == 0 { 0.0 } else { a as f64 / (a + b) as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

impl Score {
    /// Adds one file's gold and predicted beads.
    pub fn add(&mut self, gold: &[IndexBead], test: &[IndexBead]) {
        self.precision += counts(gold, test);
        let both = |b: &&IndexBead| !b.0.is_empty() && !b.1.is_empty();
        let test2: Vec<IndexBead> = test.iter().filter(both).cloned().collect();
        let gold2: Vec<IndexBead> = gold.iter().filter(both).cloned().collect();
        self.recall += counts(&test2, &gold2);
    }

    /// The figures.
    pub fn prf(&self) -> Prf {
        let (p, r) = (&self.precision, &self.recall);
        let (ps, rs) = (ratio(p.tp_strict, p.fp_strict), ratio(r.tp_strict, r.fp_strict));
        let (pl, rl) = (ratio(p.tp_lax, p.fp_lax), ratio(r.tp_lax, r.fp_lax));
        Prf { p_strict: ps, r_strict: rs, f1_strict: f1(ps, rs), p_lax: pl, r_lax: rl, f1_lax: f1(pl, rl) }
    }
}

impl fmt::Display for Prf {
    /// The same line as `shared/tools/score.py`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "strict P {:.3} R {:.3} F1 {:.3} | lax P {:.3} R {:.3} F1 {:.3}",
            self.p_strict, self.r_strict, self.f1_strict, self.p_lax, self.r_lax, self.f1_lax
        )
    }
}

/// A predicted bead with its confidence, judged against gold.
#[derive(Debug, Clone, Copy)]
pub struct Judged {
    /// The bead's confidence.
    pub confidence: f64,
    /// Whether it is strictly correct.
    pub correct: bool,
}

/// Judges each predicted bead (omissions included) strictly against gold.
pub fn judge(gold: &[IndexBead], test: &[IndexBead], confidences: &[f64]) -> Vec<Judged> {
    let gold: HashSet<&IndexBead> = gold.iter().collect();
    test.iter()
        .zip(confidences)
        .filter(|(b, _)| !b.0.is_empty() || !b.1.is_empty())
        .map(|(b, &confidence)| Judged { confidence, correct: gold.contains(b) })
        .collect()
}

/// How well confidences predict correctness.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// Per tenth of the confidence range: (beads, share correct).
    pub bands: Vec<(usize, f64)>,
    /// Expected calibration error: the bead-weighted mean of
    /// |share correct − mean confidence| over the tenths.
    pub ece: f64,
    /// Share of beads with confidence ≥ 0.9 that are correct.
    pub precision_at_90: f64,
    /// Share of all beads a reviewer reads, lowest confidence first, to
    /// find 90% of the wrong ones.
    pub review_effort: f64,
    /// The confidence below which (inclusive) 90% of the wrong beads lie: the
    /// review threshold that achieves that effort.
    pub threshold_90: f64,
}

/// Calibration of judged beads.
pub fn calibration(judged: &[Judged]) -> Calibration {
    let mut bins = vec![(0usize, 0usize, 0.0f64); 10];
    for j in judged {
        let b = ((j.confidence * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += usize::from(j.correct);
        bins[b].2 += j.confidence;
    }
    let total = judged.len().max(1) as f64;
    let ece = bins
        .iter()
        .filter(|b| b.0 > 0)
        .map(|b| (b.1 as f64 / b.0 as f64 - b.2 / b.0 as f64).abs() * b.0 as f64)
        .sum::<f64>()
        / total;
    let bands = bins.iter().map(|b| (b.0, if b.0 == 0 { 0.0 } else { b.1 as f64 / b.0 as f64 })).collect();
    let high: Vec<_> = judged.iter().filter(|j| j.confidence >= 0.9).collect();
    let precision_at_90 = if high.is_empty() {
        0.0
    } else {
        high.iter().filter(|j| j.correct).count() as f64 / high.len() as f64
    };
    let mut order: Vec<&Judged> = judged.iter().collect();
    order.sort_by(|a, b| a.confidence.total_cmp(&b.confidence));
    let wrong = judged.iter().filter(|j| !j.correct).count();
    let need = (0.9 * wrong as f64).ceil() as usize;
    let mut found = 0;
    let mut read = 0;
    for j in &order {
        if found >= need {
            break;
        }
        read += 1;
        found += usize::from(!j.correct);
    }
    let mut wrong_conf: Vec<f64> = judged.iter().filter(|j| !j.correct).map(|j| j.confidence).collect();
    wrong_conf.sort_by(f64::total_cmp);
    let threshold_90 = if need == 0 { 0.0 } else { wrong_conf[need - 1] };
    Calibration { bands, ece, precision_at_90, review_effort: read as f64 / total, threshold_90 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &[usize], t: &[usize]) -> IndexBead {
        (s.to_vec(), t.to_vec())
    }

    #[test]
    fn parses_spaced_and_empty_beads() {
        let beads = parse_beads(" [0] : [0, 1]\n[]:[2]\n[1,2]:[]\n\n[3]:[3] 0.25\n", Path::new("g")).unwrap();
        assert_eq!(beads, vec![b(&[0], &[0, 1]), b(&[], &[2]), b(&[1, 2], &[]), b(&[3], &[3])]);
        let err = parse_beads("[0]:[x]\n", Path::new("g.txt")).unwrap_err();
        assert!(err.to_string().starts_with("g.txt:line 1:"), "{err}");
        assert!(parse_beads("nonsense\n", Path::new("g")).is_err());
    }

    #[test]
    fn strict_and_lax() {
        let gold = vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[]), b(&[4], &[2])];
        let test = vec![b(&[0], &[0]), b(&[1], &[1]), b(&[2], &[]), b(&[3], &[]), b(&[4], &[2])];
        let mut s = Score::default();
        s.add(&gold, &test);
        let prf = s.prf();
        // precision: 5 beads, 3 exact ([0]:[0], [3]:[], [4]:[2]); lax adds [1]:[1]
        assert!((prf.p_strict - 3.0 / 5.0).abs() < 1e-9);
        assert!((prf.p_lax - 4.0 / 5.0).abs() < 1e-9);
        // recall: 3 gold beads with both sides, 2 found exactly, 3 overlapping
        assert!((prf.r_strict - 2.0 / 3.0).abs() < 1e-9);
        assert!((prf.r_lax - 1.0).abs() < 1e-9);
        let perfect = {
            let mut s = Score::default();
            s.add(&gold, &gold);
            s.prf()
        };
        assert_eq!(perfect.f1_strict, 1.0);
    }

    #[test]
    fn gold_that_repeats_or_crosses_is_described() {
        assert!(gold_problems(&[b(&[0], &[0]), b(&[1], &[1, 2]), b(&[], &[3])]).is_empty());
        assert_eq!(
            gold_problems(&[b(&[0], &[0, 1]), b(&[1], &[1, 2]), b(&[2], &[3])]),
            ["target sentence 1 is in 2 beads"]
        );
        // Sentences 2 and 3 of the source swapped in translation.
        assert_eq!(
            gold_problems(&[b(&[0, 1], &[0]), b(&[3], &[1]), b(&[2], &[2])]),
            ["1 bead starts before an earlier bead ends on the source side, at 2"]
        );
    }

    #[test]
    fn review_effort_reads_lowest_first() {
        let j = |c: f64, ok: bool| Judged { confidence: c, correct: ok };
        let judged =
            vec![j(0.1, false), j(0.2, false), j(0.95, true), j(0.97, true), j(0.99, true), j(0.3, true)];
        let c = calibration(&judged);
        assert!((c.review_effort - 2.0 / 6.0).abs() < 1e-9);
        assert_eq!(c.precision_at_90, 1.0);
    }
}

/// The result of aligning and scoring one evaluation set.
#[derive(Debug, Clone)]
pub struct SetReport {
    /// The set's folder name.
    pub name: String,
    /// Document pairs in it.
    pub pairs: usize,
    /// Strict and lax counts.
    pub score: Score,
    /// Every predicted bead, judged.
    pub judged: Vec<Judged>,
    /// Gold files with beads no monotone aligner can produce, and what they
    /// are ([`gold_problems`]).
    pub gold_problems: Vec<(std::path::PathBuf, Vec<String>)>,
}

/// Aligns every pair of an evaluation set (a folder with `pairs.tsv`:
/// header `src<TAB>tgt<TAB>gold`, one sentence per line) and scores it.
pub fn evaluate_set(dir: &Path, aligner: &crate::Aligner) -> Result<SetReport> {
    let manifest = dir.join("pairs.tsv");
    let text = std::fs::read_to_string(&manifest).map_err(|e| Error::io(&manifest, e))?;
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines.next().map(|(_, l)| l.split('\t').collect()).unwrap_or_default();
    let col = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            Error::parse(Position::file(&manifest).with_line(1), format!("no `{name}` column in the header"))
        })
    };
    let (cs, ct, cg) = (col("src")?, col("tgt")?, col("gold")?);
    let opts = crate::DocOptions { line_per_sentence: true, ..Default::default() };
    let mut report = SetReport {
        name: dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned()),
        pairs: 0,
        score: Score::default(),
        judged: Vec::new(),
        gold_problems: Vec::new(),
    };
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let field = |c: usize| {
            fields.get(c).map(|f| dir.join(f.trim())).ok_or_else(|| {
                Error::parse(Position::file(&manifest).with_line(n + 1), "fewer columns than the header")
            })
        };
        let src = crate::Document::from_path(&field(cs)?, &opts)?;
        let tgt = crate::Document::from_path(&field(ct)?, &opts)?;
        let gold_path = field(cg)?;
        let gold = read_beads(&gold_path)?;
        let problems = gold_problems(&gold);
        if !problems.is_empty() {
            report.gold_problems.push((gold_path, problems));
        }
        let al = aligner.align(&src, &tgt);
        let pred: Vec<IndexBead> =
            al.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect();
        let conf: Vec<f64> = al.beads.iter().map(|b| b.confidence).collect();
        report.score.add(&gold, &pred);
        report.judged.extend(judge(&gold, &pred, &conf));
        report.pairs += 1;
    }
    Ok(report)
}
