//! tandem aligns a document with its translation sentence by sentence.
//!
//! ```
//! use std::path::Path;
//! use tandem::{Aligner, Document, DocOptions};
//!
//! let opts = DocOptions::default();
//! let en = Document::from_text("The dam holds 6,000 tonnes. It opened in 2019.".into(), Path::new("en"), &opts)?;
//! let ar = Document::from_text("يحجز السد ٦٬٠٠٠ طن. افتتح عام 2019.".into(), Path::new("ar"), &opts)?;
//! let alignment = Aligner::default().align(&en, &ar);
//! assert_eq!(alignment.beads.len(), 2);
//! assert_eq!(alignment.beads[1].src, 1..2);
//! # Ok::<(), tandem::Error>(())
//! ```
//!
//! The pipeline: [`input`] decodes bytes, [`segment`] splits sentences by the
//! rules of [`lang`], [`anchor`] finds terms that survive translation,
//! [`score`] turns them into bead costs, [`align`] searches, [`output`]
//! writes, [`eval`] scores against a gold alignment.

pub mod align;
pub mod anchor;
pub mod batch;
pub mod bench;
pub mod config;
pub mod dict;
pub mod document;
pub mod error;
pub mod eval;
pub mod import;
pub mod input;
pub mod lang;
pub mod lexical;
pub mod lexicon;
pub mod numwords;
pub mod output;
pub mod outsider;
pub mod pair;
pub mod score;
pub mod segment;
pub mod stream;
pub mod translit;

pub use align::{Alignment, Bead, Flags};
pub use config::AlignConfig;
pub use dict::Dictionary;
pub use document::{DocOptions, Document};
pub use error::{Error, ErrorKind, Position, Result};
pub use score::CostTerms;

use score::{CostModel, SideStats};

/// Aligns document pairs with one configuration and optional dictionary.
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    cfg: AlignConfig,
    dict: Option<Dictionary>,
    /// Leave out the built-in word list ([`lexicon`]).
    no_lexicon: bool,
}

impl Aligner {
    /// An aligner with the given configuration. If the bead types lack 1-0
    /// or 0-1, they are added with a tiny prior: with them every pair of
    /// documents has an alignment, whatever the other types.
    pub fn new(mut cfg: AlignConfig) -> Aligner {
        for (src, tgt) in [(1, 0), (0, 1)] {
            if !cfg.beads.iter().any(|k| (k.src, k.tgt) == (src, tgt)) {
                cfg.beads.push(config::BeadKind { src, tgt, prior: 1e-9 });
            }
        }
        cfg.beads.retain(|k| k.src + k.tgt > 0 && k.prior > 0.0);
        Aligner { cfg, dict: None, no_lexicon: false }
    }

    /// Adds a bilingual dictionary whose pairs become anchors.
    pub fn with_dict(mut self, dict: Dictionary) -> Aligner {
        self.dict = Some(dict);
        self
    }

    /// Leaves out the built-in word list of the language pair.
    pub fn without_lexicon(mut self) -> Aligner {
        self.no_lexicon = true;
        self
    }

    /// The dictionaries whose pairs become anchors: the one given, and the
    /// built-in word list for the two documents' languages.
    fn dicts(&self, src: &Document, tgt: &Document) -> Vec<&Dictionary> {
        let builtin = if self.no_lexicon { None } else { lexicon::builtin(src.lang, tgt.lang) };
        self.dict.iter().chain(builtin).collect()
    }

    /// The dictionaries for coverage ([`lexical`]): those of anchors, or
    /// when no built-in list pairs the two languages, two lists paired
    /// through English (German–French). Paired lists are too loose for
    /// anchors, whose words must be rare, but their common words tell which
    /// of two neighbours a sentence belongs to.
    fn coverage_dicts(&self, src: &Document, tgt: &Document) -> Vec<&Dictionary> {
        let mut dicts = self.dicts(src, tgt);
        if !self.no_lexicon && lexicon::builtin(src.lang, tgt.lang).is_none() {
            dicts.extend(lexicon::pivot(src.lang, tgt.lang));
        }
        dicts
    }

    /// The configuration.
    pub fn config(&self) -> &AlignConfig {
        &self.cfg
    }

    /// Aligns `src` with `tgt`: beads with confidences and review flags.
    pub fn align(&self, src: &Document, tgt: &Document) -> Alignment {
        self.align_explained(src, tgt).0
    }

    /// Aligns and also returns each bead's cost terms (for `--explain`).
    pub fn align_explained(&self, src: &Document, tgt: &Document) -> (Alignment, Vec<CostTerms>) {
        let src_spelled = numwords::per_sentence(&src.sentences, src.lang);
        let tgt_spelled = numwords::per_sentence(&tgt.sentences, tgt.lang);
        let anchors = anchor::find(
            &anchor::Side { sents: &src.sentences, lang: src.lang, spelled: &src_spelled },
            &anchor::Side { sents: &tgt.sentences, lang: tgt.lang, spelled: &tgt_spelled },
            &self.dicts(src, tgt),
            &self.cfg.anchors,
        );
        let (src_out, tgt_out) = outsider::find(&src.sentences, &tgt.sentences, &self.cfg.outsider);
        let (ss, ts) = (
            SideStats::new(&src.sentences, &src_out, &src_spelled),
            SideStats::new(&tgt.sentences, &tgt_out, &tgt_spelled),
        );
        let cfg = self.cfg.for_pair(src.sentences.len(), tgt.sentences.len());
        let coverage = if cfg.lexical_weight > 0.0 {
            lexical::Coverage::new(
                (&src.sentences, src.lang),
                (&tgt.sentences, tgt.lang),
                &self.coverage_dicts(src, tgt),
            )
        } else {
            lexical::Coverage::default()
        };
        let mut model = CostModel::new(&ss, &ts, &anchors, &cfg).with_coverage(coverage);
        let mut alignment = align::search(&mut model, src.sentences.len(), tgt.sentences.len(), &cfg);
        let mut terms = Vec::with_capacity(alignment.beads.len());
        for bead in &mut alignment.beads {
            let kind = model
                .kinds()
                .iter()
                .position(|k| (k.src, k.tgt) == bead.kind())
                .expect("the search only takes configured bead types");
            terms.push(model.terms(kind, bead.src.start, bead.tgt.start));
            bead.flags = self.flags(bead, [(src, &src_spelled), (tgt, &tgt_spelled)], &model);
        }
        (alignment, terms)
    }

    fn flags(
        &self,
        bead: &Bead,
        sides: [(&Document, &[Vec<numwords::SpelledNumber>]); 2],
        model: &CostModel,
    ) -> Flags {
        let mut flags = Flags::default();
        if bead.shown_confidence() < self.cfg.review_threshold {
            flags.insert(Flags::LOW_CONFIDENCE);
        }
        if bead.is_omission() {
            flags.insert(Flags::OMISSION);
            return flags;
        }
        let (ss, ts) = model.sides();
        let z = model.length.residual(ss.chars(bead.src.clone()), ts.chars(bead.tgt.clone()));
        if z.abs() > self.cfg.length_flag {
            flags.insert(Flags::LENGTH);
        }
        let [src, tgt] = sides;
        if bead_numbers(src, bead.src.clone()) != bead_numbers(tgt, bead.tgt.clone()) {
            flags.insert(Flags::NUMBER);
        }
        flags
    }
}

/// The numbers of some sentences of a document, as a reviewer compares
/// them: digits, and numbers spelled out or written with a scale word, so
/// that "150 million", "1.5亿" and "(الحادية والستين) / 61" agree. Numbers
/// of one digit are left out (they are too often dropped or added).
fn bead_numbers(
    (doc, spelled): (&Document, &[Vec<numwords::SpelledNumber>]),
    r: std::ops::Range<usize>,
) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for i in r {
        let text = &doc.sentences[i].text;
        let mut digits = anchor::numbers(text);
        for n in spelled.get(i).into_iter().flatten() {
            // The digits of "150 million" are part of its value.
            if let Some(d) = anchor::numbers(&text[n.span.clone()]).first()
                && let Some(k) = digits.iter().position(|x| x == d)
            {
                digits.remove(k);
            }
            v.push(n.value.to_string());
        }
        v.extend(digits);
    }
    v.retain(|n| n.len() > 1);
    v.sort();
    v.dedup();
    v
}
