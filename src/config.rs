//! Every tunable of the aligner, in one place, with its default and why.

/// A bead type the search may use: `src` source sentences against `tgt`
/// target sentences, with its prior probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BeadKind {
    /// Source sentences in the bead.
    pub src: usize,
    /// Target sentences in the bead.
    pub tgt: usize,
    /// Prior probability of the type.
    pub prior: f64,
}

const fn bk(src: usize, tgt: usize, prior: f64) -> BeadKind {
    BeadKind { src, tgt, prior }
}

/// Bead types and priors. Translators merge up to eight sentences into one
/// (literature does: a long Arabic period becomes a paragraph of English).
/// The priors are tilted towards the pair's own sentence ratio (see
/// `prior_tilt`), so the long merges gain weight only in a pair whose
/// target has many more sentences than its source; with fixed priors,
/// beads past 1-6 hurt.
pub const DEFAULT_BEADS: &[BeadKind] = &[
    bk(1, 1, 0.80),
    bk(1, 0, 0.01),
    bk(0, 1, 0.01),
    bk(1, 2, 0.05),
    bk(2, 1, 0.05),
    bk(2, 2, 0.01),
    bk(1, 3, 0.015),
    bk(3, 1, 0.015),
    bk(2, 3, 0.002),
    bk(3, 2, 0.002),
    bk(1, 4, 0.006),
    bk(4, 1, 0.006),
    bk(1, 5, 0.003),
    bk(5, 1, 0.003),
    bk(1, 6, 0.0015),
    bk(6, 1, 0.0015),
    bk(1, 7, 0.0007),
    bk(7, 1, 0.0007),
    bk(1, 8, 0.0003),
    bk(8, 1, 0.0003),
];

/// How anchors are found and weighted.
#[derive(Debug, Clone)]
pub struct AnchorConfig {
    /// An anchor occurring in more sentences than this on either side is
    /// ignored: frequent tokens say nothing about position.
    pub max_count: usize,
    /// Counts on the two sides must be at least this close (min/max).
    pub min_count_ratio: f64,
    /// Weight of a number.
    pub number_weight: f64,
    /// Weight of a token spelled alike on both sides.
    pub token_weight: f64,
    /// Weight of a transliterated name (less sure than a number).
    pub name_weight: f64,
    /// Weight of a dictionary pair: a word pair is less sure than a number,
    /// and a general dictionary links words that recur through a topic, so
    /// that merging a neighbour into a bead collects links. With FreeDict's
    /// Arabic–English dictionary, 0.2 gains on alignar and TED and loses
    /// nothing on ntrex; 0.5 gains more on alignar and costs ntrex 0.03.
    pub dict_weight: f64,
    /// Weight of a cognate (0 turns cognates off).
    pub cognate_weight: f64,
    /// Letters a cognate's words share at their start.
    pub cognate_prefix: usize,
    /// Shortest word that counts as a cognate.
    pub cognate_min_len: usize,
    /// Jaro–Winkler similarity of consonant skeletons that makes two names
    /// one (skeletons of up to three letters must be equal).
    pub name_similarity: f64,
}

impl Default for AnchorConfig {
    fn default() -> AnchorConfig {
        AnchorConfig {
            max_count: 4,
            min_count_ratio: 0.5,
            number_weight: 1.0,
            token_weight: 1.0,
            name_weight: 0.7,
            dict_weight: 0.2,
            cognate_weight: 0.5,
            cognate_prefix: 4,
            cognate_min_len: 6,
            name_similarity: 0.88,
        }
    }
}

/// The whole configuration of an alignment.
#[derive(Debug, Clone)]
pub struct AlignConfig {
    /// Bead types and their priors.
    pub beads: Vec<BeadKind>,
    /// Gale–Church variance per character before it is estimated from the
    /// pair (Gale & Church 1993 found 6.8 for English–German).
    pub initial_variance: f64,
    /// The estimated variance is the mean squared standardised residual of
    /// the first pass times this: length differences have heavy tails, and
    /// the plain estimate was too tight.
    pub variance_inflation: f64,
    /// Length cost of a 1-0 or 0-1 bead, on top of its prior.
    pub omission_cost: f64,
    /// How far the bead priors are tilted towards the pair's sentence ratio
    /// (0: not at all, 1: fully).
    pub prior_tilt: f64,
    /// Bead types whose tilted prior falls below this in a pair are left
    /// out of its search (see [`AlignConfig::for_pair`]). 1e-3 changes no
    /// set's F1 by more than +0.002; 2e-3 drops 2-3/3-2 from 1:1 pairs and
    /// unsettles the confidences.
    pub min_prior: f64,
    /// Fewest 1-1 beads needed to re-estimate ratio and variance.
    pub min_beads_for_estimate: usize,
    /// Anchor finding.
    pub anchors: AnchorConfig,
    /// Cost removed per unit of anchor weight shared inside a bead.
    pub anchor_match: f64,
    /// Cost added per unit of anchor weight in a bead whose partner is not in
    /// the bead.
    pub anchor_miss: f64,
    /// Weight of the dictionary coverage term ([`crate::lexical`]; 0 turns
    /// it off). Between 0.15 and 0.4 every shared set gains 0.01–0.03
    /// strict F1 over none; at 1 (the plain log-likelihood ratio) it loses,
    /// as the words of a sentence are not independent evidence.
    pub lexical_weight: f64,
    /// Share of a true bead's known words whose translation the other side
    /// holds, before the first pass estimates it for the pair.
    pub lexical_kappa: f64,
    /// Cost per unit of punctuation count difference (per class).
    pub punct_weight: f64,
    /// Cost per standardised difference of clause marks (commas, stops).
    pub clause_weight: f64,
    /// A punctuation class is used only when its document totals on the two
    /// sides are within this factor.
    pub punct_ratio: f64,
    /// Cost of a bead that ends a paragraph on one side only, or spans a
    /// paragraph break (used when both sides have paragraphs).
    pub para_weight: f64,
    /// How debris and foreign sentences are found.
    pub outsider: crate::outsider::OutsiderConfig,
    /// Cost removed from a 1-0/0-1 bead whose sentence is debris or foreign.
    pub outsider_bonus: f64,
    /// Cost added per debris or foreign sentence inside a matched bead.
    pub outsider_penalty: f64,
    /// Pairs with at most this many DP cells are searched in full; larger
    /// ones with a band around the length guide (see [`crate::align`]).
    pub max_full_cells: usize,
    /// The first-pass band stops widening before it would hold more cells
    /// than this (20 million cells: about 200 MB and a few seconds), so a
    /// pair far off the diagonal stays bounded.
    pub max_band_cells: usize,
    /// Half-width (sentences) of the first-pass band.
    pub first_band: usize,
    /// Half-width of the second-pass band around the first path.
    pub refine_band: usize,
    /// Temperature of the bead posteriors that become confidences. A warm
    /// posterior ranks beads better for review: where the cost leaves several
    /// paths close, it spreads their mass instead of giving the best nearly
    /// all of it. At 0.8 a reviewer read 42–59% of a shared set to find 90%
    /// of its wrong beads; at 1.8, 12–49% (with the coverage term, 1.4
    /// gives 0.32 over the four sets, 1.8 0.275, 2.2 0.26 but a map that
    /// no longer fits: ECE 0.03–0.06 a set).
    pub temperature: f64,
    /// The confidence is `σ(b + a·min(x, k) + a₂·max(x − k, 0))` of the
    /// posterior's logit `x`: a warm posterior is too modest where it is
    /// high and too sure where it is low, and this map, which keeps the
    /// order, makes a confidence a probability. Fitted on the four shared
    /// sets pooled by a grid over the four numbers (ECE 0.018–0.028 a set,
    /// 0.013 pooled; every tenth holding 20 beads or more within 0.05 of
    /// its middle). Before the coverage term, fitted on three sets, the
    /// numbers moved by up to 0.9 and the fourth set's worst tenth was
    /// 0.05–0.25 off: the fit is loose, the shape is not.
    /// This is `a`, the slope below the knee.
    pub calibration_slope: f64,
    /// `a₂`, the slope above the knee.
    pub calibration_slope_high: f64,
    /// `k`, the knee (a logit).
    pub calibration_knee: f64,
    /// `b`, the offset.
    pub calibration_offset: f64,
    /// Beads below this confidence are flagged for review: on the shared
    /// sets, 90% of the wrong beads lie at or below 0.939.
    pub review_threshold: f64,
    /// Beads whose standardised length residual exceeds this are flagged.
    pub length_flag: f64,
}

impl Default for AlignConfig {
    fn default() -> AlignConfig {
        AlignConfig {
            beads: DEFAULT_BEADS.to_vec(),
            initial_variance: 6.8,
            variance_inflation: 2.0,
            omission_cost: 1.0,
            prior_tilt: 1.0,
            min_prior: 1e-3,
            min_beads_for_estimate: 10,
            anchors: AnchorConfig::default(),
            anchor_match: 2.0,
            anchor_miss: 1.0,
            lexical_weight: 0.25,
            lexical_kappa: 0.4,
            punct_weight: 1.0,
            punct_ratio: 2.0,
            clause_weight: 0.5,
            para_weight: 2.0,
            outsider: crate::outsider::OutsiderConfig::default(),
            outsider_bonus: 3.0,
            outsider_penalty: 1.0,
            max_full_cells: 250_000,
            max_band_cells: 20_000_000,
            first_band: 32,
            refine_band: 8,
            temperature: 1.8,
            calibration_slope: 0.5,
            calibration_slope_high: 1.5,
            calibration_knee: -0.5,
            calibration_offset: 0.4,
            review_threshold: 0.939,
            length_flag: 2.5,
        }
    }
}

impl AlignConfig {
    /// The configuration for a pair of `n_src` and `n_tgt` sentences: the
    /// bead types whose prior, tilted towards the pair's ratio, is below
    /// `min_prior` are left out (1-0, 0-1 and 1-1 always stay). In a pair
    /// of as many sentences a side, 1-7 and 1-8 beads have priors near 1e-4
    /// and are never chosen, but cost a fifth of the time and memory.
    pub fn for_pair(&self, n_src: usize, n_tgt: usize) -> std::borrow::Cow<'_, AlignConfig> {
        let r = n_tgt as f64 / n_src.max(1) as f64;
        let priors = crate::score::tilted_priors(&self.beads, r, self.prior_tilt);
        let keep = |k: &BeadKind, p: f64| k.src + k.tgt <= 2 && k.src.min(k.tgt) <= 1 || p >= self.min_prior;
        if self.beads.iter().zip(&priors).all(|(k, &p)| keep(k, p)) {
            return std::borrow::Cow::Borrowed(self);
        }
        let beads = self.beads.iter().zip(&priors).filter(|(k, p)| keep(k, **p)).map(|(k, _)| *k).collect();
        std::borrow::Cow::Owned(AlignConfig { beads, ..self.clone() })
    }

    /// Sets one numeric tunable by name (`anchor_match=2.5`), for
    /// experiments from the command line (`--config`).
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), String> {
        let a = &mut self.anchors;
        let count: Option<&mut usize> = match key {
            "cognate_prefix" => Some(&mut a.cognate_prefix),
            "cognate_min_len" => Some(&mut a.cognate_min_len),
            "max_count" => Some(&mut a.max_count),
            "max_full_cells" => Some(&mut self.max_full_cells),
            "max_band_cells" => Some(&mut self.max_band_cells),
            "first_band" => Some(&mut self.first_band),
            "refine_band" => Some(&mut self.refine_band),
            _ => None,
        };
        if let Some(slot) = count {
            if !(value >= 0.0 && value.fract() == 0.0 && value < 1e12) {
                return Err(format!("{key}: {value} is not a whole number of at least 0"));
            }
            *slot = value as usize;
            return Ok(());
        }
        let slot: &mut f64 = match key {
            "initial_variance" => &mut self.initial_variance,
            "variance_inflation" => &mut self.variance_inflation,
            "anchor_match" => &mut self.anchor_match,
            "omission_cost" => &mut self.omission_cost,
            "prior_tilt" => &mut self.prior_tilt,
            "min_prior" => &mut self.min_prior,
            "anchor_miss" => &mut self.anchor_miss,
            "lexical_weight" => &mut self.lexical_weight,
            "lexical_kappa" => &mut self.lexical_kappa,
            "punct_weight" => &mut self.punct_weight,
            "punct_ratio" => &mut self.punct_ratio,
            "clause_weight" => &mut self.clause_weight,
            "para_weight" => &mut self.para_weight,
            "outsider_bonus" => &mut self.outsider_bonus,
            "outsider_penalty" => &mut self.outsider_penalty,
            "foreign_llr" => &mut self.outsider.foreign_llr,
            "min_letter_share" => &mut self.outsider.min_letter_share,
            "temperature" => &mut self.temperature,
            "calibration_slope" => &mut self.calibration_slope,
            "calibration_offset" => &mut self.calibration_offset,
            "calibration_slope_high" => &mut self.calibration_slope_high,
            "calibration_knee" => &mut self.calibration_knee,
            "review_threshold" => &mut self.review_threshold,
            "length_flag" => &mut self.length_flag,
            "number_weight" => &mut a.number_weight,
            "token_weight" => &mut a.token_weight,
            "name_weight" => &mut a.name_weight,
            "dict_weight" => &mut a.dict_weight,
            "cognate_weight" => &mut a.cognate_weight,
            "name_similarity" => &mut a.name_similarity,
            "min_count_ratio" => &mut a.min_count_ratio,
            _ => return Err(format!("no tunable called {key:?}")),
        };
        *slot = value;
        Ok(())
    }

    /// Applies `KEY=VALUE` settings.
    pub fn apply(&mut self, settings: &[String]) -> Result<(), String> {
        for s in settings {
            let (k, v) = s.split_once('=').ok_or_else(|| format!("expected KEY=VALUE, found {s:?}"))?;
            let v: f64 = v.trim().parse().map_err(|_| format!("{k}: {v:?} is not a number"))?;
            self.set(k.trim(), v)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_merges_are_searched_only_where_the_ratio_lifts_them() {
        let cfg = AlignConfig::default();
        let has = |c: &AlignConfig, s, t| c.beads.iter().any(|k| (k.src, k.tgt) == (s, t));
        let even = cfg.for_pair(100, 100);
        assert!(!has(&even, 1, 8) && !has(&even, 8, 1) && has(&even, 1, 6) && has(&even, 2, 3));
        let double = cfg.for_pair(100, 200);
        assert!(has(&double, 1, 8) && !has(&double, 8, 1));
        for c in [&even, &double, &cfg.for_pair(1, 5000), &cfg.for_pair(5000, 1)] {
            assert!(has(c, 1, 1) && has(c, 1, 0) && has(c, 0, 1));
        }
        let all = AlignConfig { min_prior: 0.0, ..AlignConfig::default() };
        assert_eq!(all.for_pair(100, 100).beads.len(), all.beads.len());
    }

    #[test]
    fn counts_take_whole_numbers_only() {
        let mut cfg = AlignConfig::default();
        cfg.set("first_band", 16.0).unwrap();
        assert_eq!(cfg.first_band, 16);
        for bad in [-3.0, 2.5, f64::NAN, f64::INFINITY] {
            assert!(cfg.set("first_band", bad).is_err(), "{bad}");
        }
        assert_eq!(cfg.first_band, 16, "a refused value changes nothing");
        cfg.apply(&["anchor_match=2.5".into(), "max_count = 8".into()]).unwrap();
        assert_eq!((cfg.anchor_match, cfg.anchors.max_count), (2.5, 8));
        assert!(cfg.apply(&["no_such=1".into()]).is_err());
    }
}
