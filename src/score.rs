//! Bead costs, computed apart from the search: the DP in [`crate::align`]
//! only asks [`CostModel::cost`]. Every term of the cost formula is written
//! once, in [`CostModel::terms`], which `--explain` also prints.

use std::ops::Range;

use crate::anchor::{Anchors, after_greek, punct_class_after};
use crate::config::AlignConfig;
use crate::lexical::Coverage;
use crate::numwords::SpelledNumber;
use crate::segment::Sentence;

/// Classes counted per bead: the marks of [`punct_class`], then sentences
/// that end without a mark (headings, and segment ends in text whose
/// translation units were stored without their final stop): such an end on
/// one side lines up with one on the other.
const PUNCT_CLASSES: usize = crate::anchor::PUNCT_CLASSES + 1;
const UNTERMINATED: usize = PUNCT_CLASSES - 1;

/// Per-side prefix sums, so that a bead's totals cost O(1).
#[derive(Debug, Clone)]
pub struct SideStats {
    cum_chars: Vec<f64>,
    cum_punct: Vec<[u32; PUNCT_CLASSES]>,
    cum_clause: Vec<f64>,
    cum_outsider: Vec<u32>,
    para_end: Vec<bool>,
    paragraphs: usize,
}

/// Characters that count for length: everything but white space, so that
/// tokenised text ("l' aube ( il") and running text weigh alike.
pub fn char_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

impl SideStats {
    /// Prefix sums of one side's sentences; `outsider[i]` marks sentence `i`
    /// as debris or foreign text (see [`crate::outsider`]), `spelled[i]` are
    /// the numbers spelled out in it.
    pub fn new(sents: &[Sentence], outsider: &[bool], spelled: &[Vec<SpelledNumber>]) -> SideStats {
        let mut cum_outsider = Vec::with_capacity(sents.len() + 1);
        cum_outsider.push(0);
        for i in 0..sents.len() {
            let prev = cum_outsider[i];
            cum_outsider.push(prev + u32::from(outsider.get(i).copied().unwrap_or(false)));
        }
        let mut cum_chars = Vec::with_capacity(sents.len() + 1);
        let mut cum_punct = Vec::with_capacity(sents.len() + 1);
        let (mut chars, mut punct) = (0.0, [0u32; PUNCT_CLASSES]);
        let (mut clause, mut cum_clause) = (0.0, vec![0.0]);
        cum_chars.push(chars);
        cum_punct.push(punct);
        for (i, s) in sents.iter().enumerate() {
            let mut greek = false;
            for c in s.text.chars() {
                if !c.is_whitespace() {
                    chars += 1.0;
                }
                if let Some(k) = punct_class_after(c, greek) {
                    punct[k] += 1;
                }
                greek = after_greek(greek, c);
                if is_clause_mark(c) {
                    clause += 1.0;
                }
            }
            // A number is as long as its digits, spelled out or not: Arabic
            // law writes "(الحادية والستين)" for "61", and the length model
            // would take the difference for untranslated text.
            for n in spelled.get(i).into_iter().flatten() {
                chars -= char_len(&s.text[n.span.clone()]) as f64 - decimal_digits(n.value);
            }
            if is_unterminated(&s.text) {
                punct[UNTERMINATED] += 1;
            }
            cum_clause.push(clause);
            cum_chars.push(chars);
            cum_punct.push(punct);
        }
        let para_end = (0..sents.len())
            .map(|i| sents.get(i + 1).is_none_or(|next| next.para != sents[i].para))
            .collect();
        let paragraphs = sents.last().map_or(0, |s| s.para + 1);
        SideStats { cum_chars, cum_punct, cum_clause, cum_outsider, para_end, paragraphs }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.cum_chars.len() - 1
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Characters in sentences `r`.
    #[inline]
    pub fn chars(&self, r: Range<usize>) -> f64 {
        self.cum_chars[r.end] - self.cum_chars[r.start]
    }

    /// Punctuation counts of sentences `r`, by class.
    #[inline]
    fn punct(&self, r: Range<usize>) -> [i64; PUNCT_CLASSES] {
        let (a, b) = (&self.cum_punct[r.start], &self.cum_punct[r.end]);
        std::array::from_fn(|k| b[k] as i64 - a[k] as i64)
    }

    /// Sentences without a closing mark strictly inside `r` (not empty),
    /// and whether `r` ends with one.
    #[inline]
    fn unterminated_ends(&self, r: Range<usize>) -> (usize, bool) {
        let count = |i: usize| self.cum_punct[i][UNTERMINATED];
        let ends = count(r.end) > count(r.end - 1);
        ((count(r.end) - count(r.start)) as usize - usize::from(ends), ends)
    }

    fn total_punct(&self, k: usize) -> u32 {
        self.cum_punct[self.len()][k]
    }

    /// Paragraph breaks strictly inside `r`, and whether `r` ends one.
    #[inline]
    fn para_breaks(&self, r: Range<usize>) -> (usize, bool) {
        if r.is_empty() {
            return (0, false);
        }
        let inside = self.para_end[r.start..r.end - 1].iter().filter(|&&e| e).count();
        (inside, self.para_end[r.end - 1])
    }
}

/// How far a bead is from keeping units (paragraphs, unterminated
/// sentences) whole, given for each side the unit ends strictly inside it
/// and whether it ends one: it should end a unit on both sides or on
/// neither, and hold no unit end inside.
fn unit_end_mismatches((inside_s, end_s): (usize, bool), (inside_t, end_t): (usize, bool)) -> usize {
    inside_s + inside_t + usize::from(end_s != end_t)
}

fn decimal_digits(v: u64) -> f64 {
    (v.max(1).ilog10() + 1) as f64
}

/// A sentence whose last visible character is a letter or digit.
fn is_unterminated(text: &str) -> bool {
    text.trim_end().chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Marks that end a clause or a sentence: translators move clause
/// boundaries between commas and full stops, but keep their number. With
/// the marks of Chinese and Japanese (full width, 、), Devanagari (।),
/// Ethiopic, Armenian, Greek, Myanmar and Khmer.
fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | '،'
            | '.'
            | '!'
            | '?'
            | '؟'
            | ';'
            | '؛'
            | ':'
            | '۔'
            | '，'
            | '。'
            | '、'
            | '！'
            | '？'
            | '；'
            | '：'
            | '｡'
            | '､'
            | '।'
            | '॥'
            | '።'
            | '፣'
            | '፤'
            | '፥'
            | '፧'
            | '։'
            | '\u{0387}'
            | '\u{037E}'
            | '၊'
            | '။'
            | '។'
            | '៕'
    )
}

/// The Gale–Church length model: target length over source length has mean
/// `ratio` and a variance proportional to length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance per character (in source units).
    pub variance: f64,
}

impl LengthModel {
    /// The standardised difference of a bead's lengths.
    #[inline]
    pub fn residual(&self, src_chars: f64, tgt_chars: f64) -> f64 {
        let t = tgt_chars / self.ratio;
        let mean = ((src_chars + t) * 0.5).max(1.0);
        (t - src_chars) / (self.variance * mean).sqrt()
    }

    /// `-ln P(|Z| >= |z|)` for a standard normal `Z`: the Gale–Church cost.
    /// Read from a table with linear interpolation: the logarithm was a
    /// sixth of the search's time. Past the table (|z| ≥ 12, a cost above
    /// 75 that no bead with a rival is chosen at) it grows as z²/2, which
    /// leaves out a term of ln(|z|/12): long merges of mismatched lengths
    /// reach there often, and the logarithm was 7% of the time.
    #[inline]
    pub fn tail_cost(z: f64) -> f64 {
        let x = z.abs() * TAIL_STEPS_PER_UNIT;
        let table = tail_table();
        if x >= (TAIL_TABLE_LEN - 1) as f64 {
            const END: f64 = (TAIL_TABLE_LEN - 1) as f64 / TAIL_STEPS_PER_UNIT;
            return table[TAIL_TABLE_LEN - 1] + 0.5 * (z * z - END * END);
        }
        let k = x as usize;
        let f = x - k as f64;
        table[k] + (table[k + 1] - table[k]) * f
    }
}

const TAIL_STEPS_PER_UNIT: f64 = 64.0;
const TAIL_TABLE_LEN: usize = 64 * 12 + 1;

fn tail_table() -> &'static [f64; TAIL_TABLE_LEN] {
    static TABLE: std::sync::OnceLock<[f64; TAIL_TABLE_LEN]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0.0; TAIL_TABLE_LEN];
        for (k, v) in t.iter_mut().enumerate() {
            *v = neg_ln_erfc(k as f64 / TAIL_STEPS_PER_UNIT / std::f64::consts::SQRT_2);
        }
        t
    })
}

/// `-ln erfc(x)` for x ≥ 0, by Abramowitz & Stegun 7.1.26, written in log
/// form so that it does not underflow far in the tail.
#[inline]
fn neg_ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    x * x - poly.ln()
}

/// Bead priors tilted so that the expected target sentences per source
/// sentence equal the pair's own ratio `r` (the maximum-entropy change of
/// the configured priors that meets that constraint): a translation with
/// twice as many sentences favours 1-2 beads. `strength` scales the tilt.
pub(crate) fn tilted_priors(beads: &[crate::config::BeadKind], r: f64, strength: f64) -> Vec<f64> {
    let tilt = |theta: f64| -> Vec<f64> {
        let w: Vec<f64> =
            beads.iter().map(|b| b.prior * (theta * (b.tgt as f64 - r * b.src as f64)).exp()).collect();
        let z: f64 = w.iter().sum();
        w.iter().map(|x| x / z).collect()
    };
    if strength <= 0.0 || !r.is_finite() || r <= 0.0 {
        return tilt(0.0);
    }
    // E[tgt - r src] is increasing in theta: bisect for zero.
    let excess = |theta: f64| {
        tilt(theta).iter().zip(beads).map(|(p, b)| p * (b.tgt as f64 - r * b.src as f64)).sum::<f64>()
    };
    let (mut lo, mut hi) = (-20.0, 20.0);
    if excess(lo) > 0.0 || excess(hi) < 0.0 {
        return tilt(0.0);
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if excess(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    tilt(strength * 0.5 * (lo + hi))
}

/// The cost of a bead, term by term (all in nats, lower is better).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CostTerms {
    /// `-ln` prior of the bead type.
    pub prior: f64,
    /// Gale–Church length cost.
    pub length: f64,
    /// Anchor cost: negative when anchors match inside the bead.
    pub anchor: f64,
    /// Dictionary coverage ([`crate::lexical`]): negative when the words of
    /// each side have their translations on the other more often than
    /// chance would give them.
    pub lexical: f64,
    /// Punctuation disagreement.
    pub punct: f64,
    /// Paragraph disagreement.
    pub para: f64,
    /// Debris or foreign sentences: a bonus when left out, a penalty when
    /// matched.
    pub outsider: f64,
}

impl CostTerms {
    /// The sum of the terms.
    #[inline]
    pub fn total(&self) -> f64 {
        self.prior + self.length + self.anchor + self.lexical + self.punct + self.para + self.outsider
    }
}

/// Everything needed to cost a bead of one document pair.
pub struct CostModel<'a> {
    src: &'a SideStats,
    tgt: &'a SideStats,
    anchors: &'a Anchors,
    cfg: &'a AlignConfig,
    /// The length model in use.
    pub length: LengthModel,
    neg_ln_prior: Vec<f64>,
    active_punct: [bool; PUNCT_CLASSES],
    use_para: bool,
    clause_ratio: f64,
    /// Whether [`CostModel::lower_bound`] holds: no weight is negative.
    bounded: bool,
    /// Dictionary coverage, when a dictionary applies.
    coverage_given: Option<Coverage>,
    /// Whether the coverage term is in use ([`CostModel::set_coverage_in_use`]).
    coverage_on: bool,
    /// The share of known words a true bead covers, source side and target
    /// side ([`CostModel::reestimate_coverage`]).
    kappa: (f64, f64),
    /// Log-likelihood ratios of a covered and of an uncovered word, by the
    /// other side's known words in the bead (up to [`MAX_OTHER`]), for
    /// source and target words: the hot loop takes no logarithm.
    llr: [Vec<(f64, f64)>; 2],
}

/// Known words on the other side of a bead beyond which the chance that
/// one translates a word no longer changes the cost's table (π is then
/// near its cap).
const MAX_OTHER: usize = 1024;

impl<'a> CostModel<'a> {
    /// A model with the length ratio estimated from the document totals.
    pub fn new(src: &'a SideStats, tgt: &'a SideStats, anchors: &'a Anchors, cfg: &'a AlignConfig) -> Self {
        let (ls, lt) = (src.chars(0..src.len()), tgt.chars(0..tgt.len()));
        let ratio = if ls > 0.0 && lt > 0.0 { lt / ls } else { 1.0 };
        let mut active_punct = [false; PUNCT_CLASSES];
        for (k, active) in active_punct.iter_mut().enumerate() {
            let (a, b) = (src.total_punct(k) as f64, tgt.total_punct(k) as f64);
            *active = a > 0.0 && b > 0.0 && a.max(b) <= cfg.punct_ratio * a.min(b);
        }
        let (pa, pb) = (src.paragraphs as f64, tgt.paragraphs as f64);
        let use_para = pa > 1.0 && pb > 1.0 && pa.max(pb) <= 2.0 * pa.min(pb);
        let (cs, ct) = (src.cum_clause[src.len()], tgt.cum_clause[tgt.len()]);
        let clause_ratio = if cs > 0.0 && ct > 0.0 { ct / cs } else { 0.0 };
        let weights = [
            cfg.omission_cost,
            cfg.punct_weight,
            cfg.clause_weight,
            cfg.para_weight,
            cfg.anchor_miss,
            cfg.anchor_match,
            cfg.outsider_penalty,
        ];
        CostModel {
            bounded: weights.iter().all(|&w| w >= 0.0),
            clause_ratio,
            src,
            tgt,
            anchors,
            cfg,
            length: LengthModel { ratio, variance: cfg.initial_variance },
            neg_ln_prior: tilted_priors(
                &cfg.beads,
                tgt.len() as f64 / src.len().max(1) as f64,
                cfg.prior_tilt,
            )
            .iter()
            .map(|p| -p.ln())
            .collect(),
            active_punct,
            use_para,
            coverage_given: None,
            coverage_on: false,
            kappa: (cfg.lexical_kappa, cfg.lexical_kappa),
            llr: [Vec::new(), Vec::new()],
        }
    }

    /// Adds the dictionary coverage term ([`crate::lexical`]), unless its
    /// weight is 0. The term can lower a bead's cost by any amount, so the
    /// search no longer skips beads by [`CostModel::lower_bound`].
    pub fn with_coverage(mut self, cov: Coverage) -> Self {
        if self.cfg.lexical_weight > 0.0 && !cov.is_empty() {
            self.coverage_given = Some(cov);
            self.coverage_on = true;
            self.llr_tables();
        }
        self
    }

    /// The coverage term's data, when the term is in use.
    #[inline]
    fn coverage(&self) -> Option<&Coverage> {
        if self.coverage_on { self.coverage_given.as_ref() } else { None }
    }

    /// Compares the sentence pairs the coverage term may need (see
    /// [`Coverage::fill`]).
    pub fn fill_coverage(&mut self, targets: impl Fn(usize) -> Range<usize>) {
        if let Some(cov) = self.coverage_given.as_mut() {
            cov.fill(targets);
        }
    }

    /// Turns the coverage term on or off (when it was given): the search's
    /// first pass, which only finds where the path runs, goes without it.
    pub fn set_coverage_in_use(&mut self, on: bool) {
        self.coverage_on = on;
    }

    /// Fills [`CostModel::llr`] for the current κ.
    fn llr_tables(&mut self) {
        let Some(cov) = self.coverage_given.as_ref() else { return };
        let table = |kappa: f64| -> Vec<(f64, f64)> {
            (0..=MAX_OTHER)
                .map(|other| {
                    let pi = (1.0 - (1.0 - cov.rho).powi(other as i32)).clamp(1e-4, 0.95);
                    let kappa = kappa.max(pi);
                    ((kappa / pi).ln(), ((1.0 - kappa) / (1.0 - pi)).ln())
                })
                .collect()
        };
        self.llr = [table(self.kappa.0), table(self.kappa.1)];
    }

    /// The coverage term: a log-likelihood ratio over the known words of
    /// the bead. A word of a true bead has a translation on the other side
    /// with probability κ (estimated, [`CostModel::reestimate_coverage`]);
    /// of an unrelated bead, with the chance π that one of the other side's
    /// known words translates it (ρ per word, [`Coverage::rho`]). Words are
    /// not independent evidence, hence the weight below 1.
    #[inline]
    fn lexical(&self, rs: Range<usize>, rt: Range<usize>) -> f64 {
        let Some(cov) = self.coverage() else { return 0.0 };
        if rs.is_empty() || rt.is_empty() {
            return 0.0;
        }
        let (ks, cs, kt, ct) = cov.of(rs, rt);
        let llr = |side: usize, k: u32, c: u32, other: u32| -> f64 {
            let (covered, uncovered) = self.llr[side][(other as usize).min(MAX_OTHER)];
            c as f64 * covered + (k - c) as f64 * uncovered
        };
        -self.cfg.lexical_weight * (llr(0, ks, cs, kt) + llr(1, kt, ct, ks))
    }

    /// The lowest the coverage term of a bead can be: every known word
    /// covered. `ks` and `kt` are the bead's known words.
    #[inline]
    fn lexical_floor(&self, ks: u32, kt: u32) -> f64 {
        if self.coverage().is_none() || ks == 0 || kt == 0 {
            return 0.0;
        }
        let covered = |side: usize, other: u32| self.llr[side][(other as usize).min(MAX_OTHER)].0;
        -self.cfg.lexical_weight * (ks as f64 * covered(0, kt) + kt as f64 * covered(1, ks))
    }

    /// The two sides' statistics.
    pub fn sides(&self) -> (&'a SideStats, &'a SideStats) {
        (self.src, self.tgt)
    }

    /// The bead types, as configured.
    pub fn kinds(&self) -> &[crate::config::BeadKind] {
        &self.cfg.beads
    }

    /// Each term of the cost of the bead of type `kind` whose source
    /// sentences start at `i` and target sentences at `j`.
    #[inline]
    pub fn terms(&self, kind: usize, i: usize, j: usize) -> CostTerms {
        self.terms_unless(kind, i, j, 0.0, f64::INFINITY).expect("no cost reaches infinity")
    }

    /// The total cost of a bead, or infinity when `base` plus the cost is
    /// sure to be at least `limit` once the prior and length terms are
    /// known (see [`CostModel::lower_bound`] for the other terms): the
    /// search then skips the anchor, punctuation and paragraph terms of a
    /// bead that cannot beat the best one found.
    #[inline]
    pub fn cost_unless(&self, kind: usize, i: usize, j: usize, base: f64, limit: f64) -> f64 {
        self.terms_unless(kind, i, j, base, limit).map_or(f64::INFINITY, |t| t.total())
    }

    /// [`CostModel::terms`], or `None` when `base` plus their total is sure
    /// to be at least `limit`.
    #[inline]
    fn terms_unless(&self, kind: usize, i: usize, j: usize, base: f64, limit: f64) -> Option<CostTerms> {
        let k = &self.cfg.beads[kind];
        let (rs, rt) = (i..i + k.src, j..j + k.tgt);
        let (ls, lt) = (self.src.chars(rs.clone()), self.tgt.chars(rt.clone()));
        // The Gale–Church tail of an omitted sentence grows with its length
        // far beyond any 1-1 bead, so that omissions would never be chosen;
        // it is capped: a short fragment costs little, a whole sentence a
        // fixed amount.
        let tail = LengthModel::tail_cost(self.length.residual(ls, lt));
        let length = if k.src == 0 || k.tgt == 0 { tail.min(self.cfg.omission_cost) } else { tail };

        let (ms, mt) = (
            self.anchor_mass(&self.anchors.mass_src, rs.clone()),
            self.anchor_mass(&self.anchors.mass_tgt, rt.clone()),
        );
        let src_outsiders = self.src.cum_outsider[rs.end] - self.src.cum_outsider[rs.start];
        let known = self.neg_ln_prior[kind] + length;
        let lexical = match self.coverage() {
            Some(cov) if k.src > 0 && k.tgt > 0 => {
                // First the floor (every known word covered), from counts
                // alone; then the term itself, which can be far below zero.
                let floor = self.lexical_floor(cov.known_in_src(rs.clone()), cov.known_in_tgt(rt.clone()));
                if limit < f64::INFINITY
                    && base + self.bound_after(kind, known + floor, ms, src_outsiders) >= limit
                {
                    return None;
                }
                self.lexical(rs.clone(), rt.clone())
            }
            _ => 0.0,
        };
        if limit < f64::INFINITY && base + self.bound_after(kind, known + lexical, ms, src_outsiders) >= limit
        {
            return None;
        }
        let mut anchor = if ms == 0.0 || mt == 0.0 {
            self.cfg.anchor_miss * (ms + mt)
        } else {
            let shared = self.anchors.shared(rs.clone(), rt.clone()).min(ms).min(mt);
            self.cfg.anchor_miss * (ms + mt - 2.0 * shared) - self.cfg.anchor_match * shared
        };
        // What a bead shares is worth only what it shares above chance: a
        // bead of more sentence pairs shares more by chance alone.
        anchor += (2.0 * self.cfg.anchor_miss + self.cfg.anchor_match)
            * self.anchors.background
            * (k.src * k.tgt) as f64;

        let mut punct = 0.0;
        // (No class in use, as in text without punctuation: nothing to read.)
        if k.src > 0 && k.tgt > 0 && self.active_punct.contains(&true) {
            // Summed as integers in one branch-free pass over the classes:
            // the same value as adding them up as floats, found faster.
            let (ps, pt) = (self.src.punct(rs.clone()), self.tgt.punct(rt.clone()));
            let diff: i64 =
                (0..UNTERMINATED).map(|c| (ps[c] - pt[c]).abs() * i64::from(self.active_punct[c])).sum();
            punct = diff as f64;
            if self.active_punct[UNTERMINATED] {
                // Like a paragraph end.
                let ends = (self.src.unterminated_ends(rs.clone()), self.tgt.unterminated_ends(rt.clone()));
                punct += unit_end_mismatches(ends.0, ends.1) as f64;
            }
        }
        if k.src > 0 && k.tgt > 0 && self.clause_ratio > 0.0 && self.cfg.clause_weight > 0.0 {
            let cs = self.src.cum_clause[rs.end] - self.src.cum_clause[rs.start];
            let ct = (self.tgt.cum_clause[rt.end] - self.tgt.cum_clause[rt.start]) / self.clause_ratio;
            punct += self.cfg.clause_weight / self.cfg.punct_weight.max(1e-9) * (ct - cs).abs()
                / (cs + ct + 1.0).sqrt();
        }
        let mut para = 0.0;
        if self.use_para && k.src > 0 && k.tgt > 0 {
            let mismatches =
                unit_end_mismatches(self.src.para_breaks(rs.clone()), self.tgt.para_breaks(rt.clone()));
            para = self.cfg.para_weight * mismatches as f64;
        }
        let outsiders = src_outsiders + (self.tgt.cum_outsider[rt.end] - self.tgt.cum_outsider[rt.start]);
        let outsider = if outsiders == 0 {
            0.0
        } else if k.src == 0 || k.tgt == 0 {
            -self.cfg.outsider_bonus
        } else {
            self.cfg.outsider_penalty * outsiders as f64
        };
        Some(CostTerms {
            outsider,
            prior: self.neg_ln_prior[kind],
            length,
            anchor,
            lexical,
            punct: self.cfg.punct_weight * punct,
            para,
        })
    }

    /// A bound below the cost of every bead of type `kind` whose source
    /// sentences start at `i`, whatever its target sentences, so that the
    /// search can skip a bead that cannot beat the best one found without
    /// costing it. It holds because the length, punctuation and paragraph
    /// terms are never negative, anchors remove at most `anchor_match` times
    /// the source's anchor weight, and outsiders at most `outsider_bonus`.
    /// Minus infinity (no bound) when a weight is set negative.
    pub fn lower_bound(&self, kind: usize, i: usize) -> f64 {
        let k = &self.cfg.beads[kind];
        let rs = i..i + k.src;
        let ms = self.anchor_mass(&self.anchors.mass_src, rs.clone());
        let outsiders = self.src.cum_outsider[rs.end] - self.src.cum_outsider[rs.start];
        // The coverage term, whatever the target sentences: a covered word
        // gains at most what it gains against one known word, an uncovered
        // one costs at least nothing, and each source sentence covers at
        // most as many words of a target sentence as it does of any.
        let floor = match self.coverage() {
            Some(cov) if k.src > 0 && k.tgt > 0 => {
                let ks = cov.known_in_src(rs.clone());
                let (cs, ct) = cov.most_covered(rs.clone(), k.tgt);
                let gain = |side: usize, other: u32| self.llr[side][(other as usize).min(MAX_OTHER)].0;
                -self.cfg.lexical_weight * (cs.min(ks) as f64 * gain(0, 1) + ct as f64 * gain(1, ks))
            }
            _ => 0.0,
        };
        self.bound_after(kind, self.neg_ln_prior[kind] + floor, ms, outsiders)
    }

    /// A bound below the cost of a bead of type `kind` whose source
    /// sentences hold anchor weight `ms` and `src_outsiders` outsiders,
    /// given `known`, the sum of its first terms (the prior, then the
    /// length): the anchor term is at least `-anchor_match * ms`, outsiders
    /// remove at most their bonus, the other terms are never negative.
    #[inline]
    fn bound_after(&self, kind: usize, known: f64, ms: f64, src_outsiders: u32) -> f64 {
        if !self.bounded {
            return f64::NEG_INFINITY;
        }
        let c = self.cfg;
        let k = &c.beads[kind];
        // Only a 1-0 or 0-1 bead gets the bonus, and a 1-0 only for an
        // outsider among its source sentences.
        let matched = k.src > 0 && k.tgt > 0;
        let no_outsider = k.src > 0 && src_outsiders == 0;
        let outsider = if matched || no_outsider { 0.0 } else { (-c.outsider_bonus).min(0.0) };
        // The margin covers rounding: the bound must stay below the cost as
        // computed, not only as written.
        let bound = known - c.anchor_match * ms + outsider;
        bound - 1e-9 * (1.0 + bound.abs())
    }

    /// The total cost of a bead (see [`CostModel::terms`]).
    #[inline]
    pub fn cost(&self, kind: usize, i: usize, j: usize) -> f64 {
        self.terms(kind, i, j).total()
    }

    #[inline]
    fn anchor_mass(&self, mass: &[f32], r: Range<usize>) -> f64 {
        mass[r].iter().map(|&m| m as f64).sum()
    }

    /// Re-estimates ratio and variance from 1-1 beads (source, target
    /// characters), as the first pass found them.
    /// Re-estimates the share of known words a true bead covers, from the
    /// first pass's 1-1 beads (`states` is its path).
    pub fn reestimate_coverage(&mut self, states: &[(usize, usize)]) {
        let Some(cov) = self.coverage_given.as_ref() else { return };
        let (mut ks, mut cs, mut kt, mut ct, mut beads) = (0, 0, 0, 0, 0);
        for s in states.windows(2).filter(|s| s[1].0 - s[0].0 == 1 && s[1].1 - s[0].1 == 1) {
            let (a, b, c, d) = cov.of(s[0].0..s[1].0, s[0].1..s[1].1);
            (ks, cs, kt, ct, beads) = (ks + a, cs + b, kt + c, ct + d, beads + 1);
        }
        if beads < self.cfg.min_beads_for_estimate || ks == 0 || kt == 0 {
            return;
        }
        self.kappa = (cs as f64 / ks as f64, ct as f64 / kt as f64);
        self.llr_tables();
    }

    pub fn reestimate(&mut self, pairs: &[(f64, f64)]) {
        let pairs: Vec<_> = pairs.iter().copied().filter(|&(a, b)| a > 0.0 && b > 0.0).collect();
        if pairs.len() < self.cfg.min_beads_for_estimate {
            return;
        }
        let (ss, st) = pairs.iter().fold((0.0, 0.0), |(x, y), &(a, b)| (x + a, y + b));
        let ratio = st / ss;
        let mut sum = 0.0;
        for &(a, b) in &pairs {
            let t = b / ratio;
            sum += (t - a).powi(2) / ((a + t) * 0.5).max(1.0);
        }
        let variance = (self.cfg.variance_inflation * sum / pairs.len() as f64).max(0.5);
        self.length = LengthModel { ratio, variance };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_cost_is_monotone_and_zero_at_zero() {
        assert!(LengthModel::tail_cost(0.0).abs() < 1e-6);
        let mut prev = 0.0;
        for k in 1..200 {
            let c = LengthModel::tail_cost(k as f64 * 0.1);
            assert!(c > prev);
            prev = c;
        }
        // P(|Z| >= 1.96) = 0.05
        assert!((LengthModel::tail_cost(1.96) - (-(0.05f64).ln())).abs() < 0.01);
    }

    #[test]
    fn the_bounds_stay_below_every_cost() {
        let pair = crate::bench::SyntheticPair::generate(60, 11);
        let (src, tgt) = pair.documents().unwrap();
        let cfg = AlignConfig::default();
        let per_sentence = crate::numwords::per_sentence;
        let (src_spelled, tgt_spelled) =
            (per_sentence(&src.sentences, src.lang), per_sentence(&tgt.sentences, tgt.lang));
        let anchors = crate::anchor::find(
            &crate::anchor::Side { sents: &src.sentences, lang: src.lang, spelled: &src_spelled },
            &crate::anchor::Side { sents: &tgt.sentences, lang: tgt.lang, spelled: &tgt_spelled },
            &[],
            &cfg.anchors,
        );
        let outsider: Vec<bool> = (0..src.sentences.len()).map(|i| i % 7 == 3).collect();
        let (ss, ts) = (
            SideStats::new(&src.sentences, &outsider, &src_spelled),
            SideStats::new(&tgt.sentences, &[], &tgt_spelled),
        );
        // With the coverage term too (every pair compared), and with κ
        // re-estimated from the diagonal.
        let dict = crate::lexicon::builtin(src.lang, tgt.lang).expect("English–Arabic list");
        let mut cov =
            crate::lexical::Coverage::new((&src.sentences, src.lang), (&tgt.sentences, tgt.lang), &[dict]);
        cov.fill(|_| 0..ts.len());
        let mut with = CostModel::new(&ss, &ts, &anchors, &cfg).with_coverage(cov);
        with.reestimate_coverage(&(0..=ss.len().min(ts.len())).map(|i| (i, i)).collect::<Vec<_>>());
        let mut lexical = 0.0;
        for model in [CostModel::new(&ss, &ts, &anchors, &cfg), with] {
            let (mut bounded, mut cuts) = (0, 0);
            for (k, kind) in cfg.beads.iter().enumerate() {
                for i in 0..=ss.len().saturating_sub(kind.src) {
                    let bound = model.lower_bound(k, i);
                    bounded += usize::from(bound.is_finite());
                    for j in 0..=ts.len().saturating_sub(kind.tgt) {
                        let cost = model.cost(k, i, j);
                        lexical += model.terms(k, i, j).lexical.abs();
                        assert!(bound < cost, "{kind:?} at ({i}, {j})");
                        // Cut short only when the cost does reach the limit.
                        for base in [0.0, 5e4] {
                            for d in [-1.0, -1e-9, 1e-9, 1.0] {
                                let cut = model.cost_unless(k, i, j, base, base + cost + d);
                                assert!(
                                    cut == cost || (cut.is_infinite() && d < 0.0),
                                    "{kind:?} at ({i}, {j})"
                                );
                                cuts += usize::from(cut.is_infinite());
                            }
                        }
                    }
                }
            }
            assert!(bounded > 0 && cuts > 0);
        }
        assert!(lexical > 100.0, "the second model has the coverage term: {lexical}");
    }

    #[test]
    fn a_bead_should_end_where_both_sides_end_without_a_stop() {
        let src = crate::segment::split_lines("One two three four five\nSix seven eight.\nNine ten eleven");
        let tgt = crate::segment::split_lines("Un deux trois quatre cinq\nSix sept huit.\nNeuf dix onze");
        // Clause marks (the stop) counted apart.
        let cfg = AlignConfig { clause_weight: 0.0, ..AlignConfig::default() };
        let lang = &crate::lang::UNKNOWN;
        let anchors = crate::anchor::find(
            &crate::anchor::Side { sents: &src, lang, spelled: &[] },
            &crate::anchor::Side { sents: &tgt, lang, spelled: &[] },
            &[],
            &cfg.anchors,
        );
        let (ss, ts) = (SideStats::new(&src, &[], &[]), SideStats::new(&tgt, &[], &[]));
        let model = CostModel::new(&ss, &ts, &anchors, &cfg);
        let one_one = cfg.beads.iter().position(|k| (k.src, k.tgt) == (1, 1)).unwrap();
        let one_two = cfg.beads.iter().position(|k| (k.src, k.tgt) == (1, 2)).unwrap();
        assert_eq!(model.terms(one_one, 0, 0).punct, 0.0);
        // Source 0 ends unterminated; target 1 does not.
        assert_eq!(model.terms(one_one, 0, 1).punct, 1.0);
        assert_eq!(model.terms(one_two, 0, 0).punct, 2.0);
    }

    #[test]
    fn residual_uses_ratio() {
        let m = LengthModel { ratio: 0.8, variance: 6.8 };
        assert!(m.residual(100.0, 80.0).abs() < 1e-9);
        assert!(m.residual(100.0, 120.0) > 0.0);
        assert!(m.residual(100.0, 40.0) < 0.0);
    }
}
