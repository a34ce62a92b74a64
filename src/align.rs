//! The search: a dynamic program over beads inside a band of cells, run in
//! two passes (a wide band around a length guide, then a narrow band around
//! the first path with the length model re-estimated), and bead posteriors by
//! forward–backward that become confidences.
//!
//! Costs come from [`CostModel`]; nothing here knows what a cost means.

use std::fmt;
use std::ops::Range;

use crate::config::AlignConfig;
use crate::score::{CostModel, LengthModel, SideStats};

/// Why a bead deserves a reviewer's look (a small bit set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u8);

impl Flags {
    /// Confidence below the review threshold.
    pub const LOW_CONFIDENCE: Flags = Flags(1);
    /// A sentence left without counterpart (1-0 or 0-1).
    pub const OMISSION: Flags = Flags(2);
    /// Lengths far from the pair's usual ratio.
    pub const LENGTH: Flags = Flags(4);
    /// A number on one side is missing on the other.
    pub const NUMBER: Flags = Flags(8);

    const NAMES: [(Flags, &'static str); 4] = [
        (Flags::LOW_CONFIDENCE, "low-confidence"),
        (Flags::OMISSION, "omission"),
        (Flags::LENGTH, "length"),
        (Flags::NUMBER, "number"),
    ];

    /// True when no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    /// Clears the flags of `other`.
    pub fn remove(&mut self, other: Flags) {
        self.0 &= !other.0;
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for (flag, name) in Flags::NAMES {
            if self.contains(flag) {
                write!(f, "{sep}{name}")?;
                sep = ",";
            }
        }
        Ok(())
    }
}

/// One bead of an alignment: which source and target sentences correspond.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Source sentence indices (0-based, half-open).
    pub src: Range<usize>,
    /// Target sentence indices (0-based, half-open).
    pub tgt: Range<usize>,
    /// Posterior probability that this bead is right, in [0, 1].
    pub confidence: f64,
    /// Review flags.
    pub flags: Flags,
}

impl Bead {
    /// The bead type as (source count, target count).
    pub fn kind(&self) -> (usize, usize) {
        (self.src.len(), self.tgt.len())
    }

    /// The confidence as every output prints it (three decimals). Filters and
    /// review flags use it, so that a bead shown as 0.900 passes
    /// `--min-confidence 0.9` and one shown as 0.950 is not flagged below 0.95.
    pub fn shown_confidence(&self) -> f64 {
        (self.confidence * 1000.0).round() / 1000.0
    }

    /// True for 1-0 and 0-1 beads.
    pub fn is_omission(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }
}

/// The result of aligning one document pair.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Beads in order; together they cover every sentence exactly once.
    pub beads: Vec<Bead>,
    /// The length model of the final pass.
    pub length: LengthModel,
    /// Total cost of the best path.
    pub cost: f64,
    /// DP cells evaluated over all passes (a measure of work).
    pub cells: usize,
}

/// The cells searched: for each row `i` (source sentences consumed), the
/// columns `lo[i]..=hi[i]` (target sentences consumed).
#[derive(Debug, Clone)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    m: usize,
}

impl Band {
    fn new(lo: Vec<usize>, hi: Vec<usize>, m: usize) -> Band {
        let mut offset = Vec::with_capacity(lo.len() + 1);
        let mut total = 0;
        for (l, h) in lo.iter().zip(&hi) {
            offset.push(total);
            total += h + 1 - l;
        }
        offset.push(total);
        Band { lo, hi, offset, m }
    }

    fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1], m)
    }

    /// Cells within `w` of a guide: `guide[i]` is the (fractional) target
    /// position where source row `i` is expected, non-decreasing from 0 to
    /// `m`. Row `i` spans the guide from `guide[i]` to `guide[i + 1]`, so
    /// consecutive rows overlap and the band is one connected strip.
    fn guided(guide: &[f64], m: usize, w: usize) -> Band {
        let n = guide.len() - 1;
        let (mut lo, mut hi) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        for i in 0..=n {
            let a = (guide[i].floor() as usize).min(m);
            let b = if i < n { (guide[i + 1].ceil() as usize).min(m) } else { m };
            lo.push(a.saturating_sub(w));
            hi.push(b.saturating_add(w).min(m));
        }
        lo[0] = 0;
        hi[n] = m;
        Band::new(lo, hi, m)
    }

    /// Cells within `w` of a path given as its states (i, j).
    fn around(states: &[(usize, usize)], n: usize, m: usize, w: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for pair in states.windows(2) {
            let ((i0, j0), (i1, j1)) = (pair[0], pair[1]);
            for i in i0..=i1 {
                lo[i] = lo[i].min(j0);
                hi[i] = hi[i].max(j1);
            }
        }
        // Widen by w rows and w columns, reading the path's own extent.
        let (path_lo, path_hi) = (lo.clone(), hi.clone());
        for i in 0..=n {
            let rows = i.saturating_sub(w)..=(i + w).min(n);
            lo[i] = path_lo[rows.clone()].iter().min().copied().unwrap_or(0).saturating_sub(w);
            hi[i] = (path_hi[rows].iter().max().copied().unwrap_or(m) + w).min(m);
        }
        Band::new(lo, hi, m)
    }

    fn cells(&self) -> usize {
        *self.offset.last().expect("offset has n+2 entries")
    }

    fn rows(&self) -> usize {
        self.lo.len()
    }

    #[inline]
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i] {
            Some(self.offset[i] + j - self.lo[i])
        } else {
            None
        }
    }

    /// True when the path runs along an edge of the band that is not an edge
    /// of the whole table: the best path may lie outside.
    fn touches_edge(&self, states: &[(usize, usize)]) -> bool {
        states.iter().any(|&(i, j)| (j == self.lo[i] && j > 0) || (j == self.hi[i] && j < self.m))
    }
}

/// Bead costs of every cell of a band, cached so that Viterbi, forward and
/// backward evaluate the model once: `cost[cell * kinds + k]` is the cost of
/// the bead of type `k` that ends at the cell (infinite where it cannot).
struct CostTable {
    cost: Vec<f32>,
    kinds: usize,
}

impl CostTable {
    fn new(model: &CostModel, band: &Band) -> CostTable {
        let kinds = model.kinds();
        let mut cost = vec![f32::INFINITY; band.cells() * kinds.len()];
        for i in 0..band.rows() {
            for j in band.lo[i]..=band.hi[i] {
                let cell = band.index(i, j).expect("in band");
                for (k, kind) in kinds.iter().enumerate() {
                    if kind.src <= i && kind.tgt <= j && band.index(i - kind.src, j - kind.tgt).is_some() {
                        cost[cell * kinds.len() + k] = model.cost(k, i - kind.src, j - kind.tgt) as f32;
                    }
                }
            }
        }
        CostTable { cost, kinds: kinds.len() }
    }
}

/// A path: its total cost, its states from (0,0) to (n,m), and the bead
/// type taken into each state after the first.
type Path = (f64, Vec<(usize, usize)>, Vec<usize>);

/// Best path through the band: its states from (0,0) to (n,m) and the bead
/// type taken to reach each state after the first. Costs are summed in f64.
/// `cost_of(cell, k, i, j, p, b)` is the cost of the bead of type `k` from
/// (i, j) into `cell`, reached at cost `p` while the cell's best is `b`; it
/// may be infinite when `p` plus it cannot be below `b`. `bound_of(k, i)` is
/// at most the cost of any bead of type `k` whose source sentences start at
/// `i`: a bead that cannot beat the best one found for its cell is not
/// costed.
fn viterbi(
    band: &Band,
    kinds: &[crate::config::BeadKind],
    cost_of: impl Fn(usize, usize, usize, usize, f64, f64) -> f64,
    bound_of: impl Fn(usize, usize) -> f64,
) -> Option<Path> {
    let mut best = vec![f64::INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    let mut bound = vec![f64::NEG_INFINITY; kinds.len()];
    best[0] = 0.0;
    for i in 0..band.rows() {
        for (k, kind) in kinds.iter().enumerate() {
            bound[k] = if kind.src <= i { bound_of(k, i - kind.src) } else { f64::NEG_INFINITY };
        }
        for j in band.lo[i]..=band.hi[i] {
            let cell = band.index(i, j).expect("in band");
            if cell == 0 && i == 0 && j == 0 {
                continue;
            }
            let (mut b, mut arg) = (f64::INFINITY, u8::MAX);
            for (k, kind) in kinds.iter().enumerate() {
                if kind.src > i || kind.tgt > j {
                    continue;
                }
                let Some(prev) = band.index(i - kind.src, j - kind.tgt) else { continue };
                let p = best[prev];
                // Only a strictly lower cost replaces the best, so a bead
                // whose bound is not lower is skipped without changing the
                // path (the bound is below the cost as computed, and adding
                // p keeps that order).
                if p.is_infinite() || p + bound[k] >= b {
                    continue;
                }
                let c = p + cost_of(cell, k, i - kind.src, j - kind.tgt, p, b);
                if c < b {
                    b = c;
                    arg = k as u8;
                }
            }
            best[cell] = b;
            back[cell] = arg;
        }
    }
    let n = band.rows() - 1;
    let end = band.index(n, band.m)?;
    if best[end].is_infinite() {
        return None;
    }
    let (mut states, mut path_kinds) = (vec![(n, band.m)], Vec::new());
    let (mut i, mut j) = (n, band.m);
    while i > 0 || j > 0 {
        let k = back[band.index(i, j).expect("on path")] as usize;
        path_kinds.push(k);
        i -= kinds[k].src;
        j -= kinds[k].tgt;
        states.push((i, j));
    }
    states.reverse();
    path_kinds.reverse();
    Some((best[end], states, path_kinds))
}

/// log-sum-exp accumulator.
#[derive(Clone, Copy)]
struct LogSum {
    max: f64,
    sum: f64,
}

impl LogSum {
    const EMPTY: LogSum = LogSum { max: f64::NEG_INFINITY, sum: 0.0 };

    #[inline]
    fn add(&mut self, v: f64) {
        if v == f64::NEG_INFINITY {
            return;
        }
        if v > self.max {
            self.sum = self.sum * (self.max - v).exp() + 1.0;
            self.max = v;
        } else if v > self.max - 40.0 {
            // (A term below e^-40 of the largest changes no printed digit.)
            self.sum += (v - self.max).exp();
        }
    }

    fn value(self) -> f64 {
        if self.sum == 0.0 { f64::NEG_INFINITY } else { self.max + self.sum.ln() }
    }
}

/// Posterior probability of each bead of `path` under all paths in the band.
fn posteriors(
    band: &Band,
    table: &CostTable,
    kinds: &[crate::config::BeadKind],
    states: &[(usize, usize)],
    path_kinds: &[usize],
    temperature: f64,
) -> Vec<f64> {
    let cells = band.cells();
    let kn = table.kinds;
    let score = |cell: usize, k: usize| -(table.cost[cell * kn + k] as f64) / temperature;
    let mut alpha = vec![f64::NEG_INFINITY; cells];
    alpha[0] = 0.0;
    for i in 0..band.rows() {
        for j in band.lo[i]..=band.hi[i] {
            let cell = band.index(i, j).expect("in band");
            if i == 0 && j == 0 {
                continue;
            }
            let mut acc = LogSum::EMPTY;
            for (k, kind) in kinds.iter().enumerate() {
                if kind.src > i || kind.tgt > j {
                    continue;
                }
                if let Some(prev) = band.index(i - kind.src, j - kind.tgt) {
                    acc.add(alpha[prev] + score(cell, k));
                }
            }
            alpha[cell] = acc.value();
        }
    }
    let n = band.rows() - 1;
    let mut beta = vec![f64::NEG_INFINITY; cells];
    let end = band.index(n, band.m).expect("end in band");
    beta[end] = 0.0;
    for i in (0..band.rows()).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let cell = band.index(i, j).expect("in band");
            if cell == end {
                continue;
            }
            let mut acc = LogSum::EMPTY;
            for (k, kind) in kinds.iter().enumerate() {
                if let Some(next) = band.index(i + kind.src, j + kind.tgt) {
                    acc.add(beta[next] + score(next, k));
                }
            }
            beta[cell] = acc.value();
        }
    }
    let z = alpha[end];
    // An omitted sentence is omitted wherever the other side stands: next to
    // another omission, 1-0 then 0-1 and 0-1 then 1-0 are two paths with the
    // same beads. So the confidence of a 1-0 bead is the posterior that its
    // source sentence is omitted at any column (and of a 0-1 bead, its target
    // sentence at any row), not of the one cell the best path went through.
    let omission = |src: usize, tgt: usize| kinds.iter().position(|k| (k.src, k.tgt) == (src, tgt));
    let (mut src_omitted, mut tgt_omitted) = (vec![0.0f64; band.rows()], vec![0.0f64; band.m + 1]);
    // i and j walk the band's cells; the sums they index are incidental.
    #[allow(clippy::needless_range_loop)]
    for (kind, (di, dj)) in [(omission(1, 0), (1, 0)), (omission(0, 1), (0, 1))] {
        let Some(k) = kind else { continue };
        for i in 0..band.rows() {
            for j in band.lo[i]..=band.hi[i] {
                let (from, Some(to)) = (band.index(i, j).expect("in band"), band.index(i + di, j + dj))
                else {
                    continue;
                };
                let p = (alpha[from] + score(to, k) + beta[to] - z).exp();
                if di == 1 { src_omitted[i] += p } else { tgt_omitted[j] += p }
            }
        }
    }
    states
        .windows(2)
        .zip(path_kinds)
        .map(|(w, &k)| {
            let p = match (kinds[k].src, kinds[k].tgt) {
                (1, 0) => src_omitted[w[0].0],
                (0, 1) => tgt_omitted[w[0].1],
                _ => {
                    let (from, to) = (
                        band.index(w[0].0, w[0].1).expect("on path"),
                        band.index(w[1].0, w[1].1).expect("on path"),
                    );
                    (alpha[from] + score(to, k) + beta[to] - z).exp()
                }
            };
            p.clamp(0.0, 1.0)
        })
        .collect()
}

/// Where each source boundary `i` is expected on the target side when
/// characters are translated at an even rate: the target position whose
/// share of the target's characters equals the share of the source's before
/// `i`. Omissions and merges shift the sentence counts but hardly the
/// characters, so this follows the true path more closely than the diagonal
/// and the first band rarely needs widening. The diagonal when a side has
/// no characters.
fn length_guide(src: &SideStats, tgt: &SideStats) -> Vec<f64> {
    let (n, m) = (src.len(), tgt.len());
    let (total_s, total_t) = (src.chars(0..n), tgt.chars(0..m));
    if total_s <= 0.0 || total_t <= 0.0 {
        return (0..=n).map(|i| (i * m) as f64 / n.max(1) as f64).collect();
    }
    let mut guide = Vec::with_capacity(n + 1);
    let mut j = 0;
    for i in 0..=n {
        let f = src.chars(0..i) / total_s * total_t;
        while j < m && tgt.chars(0..j + 1) <= f {
            j += 1;
        }
        guide.push(if j == m { m as f64 } else { j as f64 + (f - tgt.chars(0..j)) / tgt.chars(j..j + 1) });
    }
    guide[n] = m as f64;
    guide
}

/// Aligns two sides given their cost model: the two-pass banded search, then
/// posteriors. `n` and `m` are the sentence counts.
pub fn search(model: &mut CostModel, n: usize, m: usize, cfg: &AlignConfig) -> Alignment {
    let kinds = model.kinds().to_vec();
    let mut cells = 0;
    // Pass 1: full table when small, else a band around the length guide
    // that widens until the path no longer runs along its edge.
    let full = (n + 1).saturating_mul(m + 1) <= cfg.max_full_cells;
    let (src_stats, tgt_stats) = model.sides();
    let guide = if full { Vec::new() } else { length_guide(src_stats, tgt_stats) };
    let mut w = cfg.first_band.max(1);
    // The first pass only finds where the path runs: without the coverage
    // term, whose sentence pairs are compared only around that path.
    model.set_coverage_in_use(false);
    let first = loop {
        let band = if full { Band::full(n, m) } else { Band::guided(&guide, m, w) };
        cells += band.cells();
        let found = viterbi(
            &band,
            &kinds,
            |_, k, i, j, p, b| model.cost_unless(k, i, j, p, b),
            |k, i| model.lower_bound(k, i),
        );
        // Widening stops at the whole table, or at the cell budget: a pair
        // far off the guide then keeps the best path inside the budget
        // rather than growing to n×m cells.
        let whole = full
            || w >= n.max(m)
            || Band::guided(&guide, m, w.saturating_mul(2)).cells() > cfg.max_band_cells;
        match found {
            Some(f) if whole || !band.touches_edge(&f.1) => break f,
            _ if whole => unreachable!("a contiguous band from (0,0) to (n,m) always reaches its end"),
            _ => w *= 2,
        }
    };
    // Re-estimate the length model from the first pass's 1-1 beads.
    let pairs: Vec<(f64, f64)> = first
        .1
        .windows(2)
        .filter(|s| s[1].0 - s[0].0 == 1 && s[1].1 - s[0].1 == 1)
        .map(|s| (src_stats.chars(s[0].0..s[1].0), tgt_stats.chars(s[0].1..s[1].1)))
        .collect();
    model.reestimate(&pairs);
    // Pass 2: a narrow band around the first path, with cached costs. A
    // bead ending in the band spans source rows up to its longest side
    // before its end, so each row is compared with the columns of the rows
    // around it.
    let band = Band::around(&first.1, n, m, cfg.refine_band);
    let reach = kinds.iter().map(|k| k.src).max().unwrap_or(1);
    model.fill_coverage(|i| band.lo[i.saturating_sub(reach)]..band.hi[(i + reach).min(n)] + 1);
    model.reestimate_coverage(&first.1);
    model.set_coverage_in_use(true);
    cells += band.cells();
    let table = CostTable::new(model, &band);
    let kn = kinds.len();
    // The band holds every bead of the first path, so the end is reachable.
    let (cost, states, path_kinds) = viterbi(
        &band,
        &kinds,
        |cell, k, _, _, _, _| table.cost[cell * kn + k] as f64,
        |_, _| f64::NEG_INFINITY,
    )
    .expect("a band around a complete path reaches the end");
    let post = posteriors(&band, &table, &kinds, &states, &path_kinds, cfg.temperature);
    let beads = states
        .windows(2)
        .zip(post)
        .map(|(s, posterior)| Bead {
            src: s[0].0..s[1].0,
            tgt: s[0].1..s[1].1,
            confidence: calibrate(posterior, cfg),
            flags: Flags::default(),
        })
        .collect();
    Alignment { beads, length: model.length, cost, cells }
}

/// A bead's confidence from its posterior: linear in logit space, with a
/// steeper slope above a knee, so it keeps the posteriors' order (see
/// [`AlignConfig::temperature`]).
fn calibrate(posterior: f64, cfg: &AlignConfig) -> f64 {
    // Posteriors of exactly 0 or 1 (underflow) stay finite in logit space.
    let p = posterior.clamp(1e-12, 1.0 - 1e-12);
    let x = (p / (1.0 - p)).ln();
    let knee = cfg.calibration_knee;
    let z = cfg.calibration_offset
        + cfg.calibration_slope * x.min(knee)
        + cfg.calibration_slope_high * (x - knee).max(0.0);
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_keeps_the_order_of_posteriors() {
        let cfg = AlignConfig::default();
        let mut prev = 0.0;
        for k in 0..=1000 {
            let c = calibrate(k as f64 / 1000.0, &cfg);
            assert!((0.0..=1.0).contains(&c) && c >= prev, "{k}: {c}");
            prev = c;
        }
        let plain = AlignConfig {
            calibration_slope: 1.0,
            calibration_slope_high: 1.0,
            calibration_offset: 0.0,
            ..cfg
        };
        assert!((calibrate(0.3, &plain) - 0.3).abs() < 1e-12);
    }

    #[test]
    fn shown_confidence_is_what_outputs_print() {
        let bead = |c: f64| Bead { src: 0..1, tgt: 0..1, confidence: c, flags: Flags::default() };
        assert_eq!(bead(0.8996).shown_confidence(), 0.9);
        assert_eq!(format!("{:.3}", bead(0.8996).confidence), "0.900");
        assert_eq!(bead(0.9494).shown_confidence(), 0.949);
    }
}
