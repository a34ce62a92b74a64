//! Benchmark material: a deterministic generator of parallel English/Arabic
//! documents with a known gold alignment, the "long pair" of the shared
//! evaluation data, peak-memory readings and the table `tandem bench` prints.
//!
//! The generator needs no data files and no dependency: a hand-written
//! SplitMix64 generator with a fixed seed picks news-like sentence templates
//! (short and long, with optional clauses), fills them with numbers, years,
//! dates, city names (transliterated on the Arabic side: Baghdad ~ بغداد) and
//! Latin acronyms (FBI, WFP), writes the Arabic numbers in Western or
//! Arabic-Indic digits (6,000 or ٦٬٠٠٠), and now and then merges two
//! sentences into one on either side (2-1, 1-2 beads) or drops one (1-0,
//! 0-1). The gold alignment is exact by construction.
//!
//! ```
//! use tandem::bench::SyntheticPair;
//! use tandem::eval::Score;
//! use tandem::Aligner;
//!
//! let pair = SyntheticPair::generate(200, 7);
//! assert_eq!(pair.src.len(), 200);
//! let (src, tgt) = pair.documents()?;
//! let alignment = Aligner::default().align(&src, &tgt);
//! let mut score = Score::default();
//! score.add(&pair.gold, &tandem::batch::index_beads(&alignment));
//! assert!(score.prf().f1_strict > 0.9);
//! # Ok::<(), tandem::Error>(())
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::batch::{Entry, Manifest};
use crate::eval::{self, IndexBead};
use crate::input::{self, ReadOptions};
use crate::{DocOptions, Document, Error, Result, lang};

/// A tiny deterministic pseudo-random generator (SplitMix64): the same seed
/// gives the same sequence on every platform and in every version.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentence templates, English and Arabic. Slots: `{n}` and `{k}` counts,
/// `{p}` a decimal, `{y}` a year, `{d}` a day, `{m}` a month, `{c}` a city,
/// `{o}` a Latin acronym.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "The ministry said {n} families received aid in {c} last week.",
        "قالت الوزارة إن {n} أسرة تلقت مساعدات في {c} الأسبوع الماضي.",
    ),
    ("Officials reported {n} new cases.", "أعلن المسؤولون عن {n} حالة جديدة."),
    ("Prices rose by {p} percent in {y}.", "ارتفعت الأسعار بنسبة {p} في المئة في عام {y}."),
    ("The {o} declined to comment.", "رفضت منظمة {o} التعليق."),
    (
        "Rescue teams worked through the night near the river in {c}, and {n} people were moved to safety before dawn on {d} {m}.",
        "عملت فرق الإنقاذ طوال الليل قرب النهر في {c}، ونُقل {n} شخصاً إلى مكان آمن قبل فجر يوم {d} {m}.",
    ),
    ("Talks between the two sides will resume next month.", "ستُستأنف المحادثات بين الجانبين الشهر المقبل."),
    (
        "The central bank kept its main interest rate at {p} percent, saying inflation had slowed for the third month in a row.",
        "أبقى البنك المركزي سعر الفائدة الرئيسي عند {p} في المئة، قائلاً إن التضخم تباطأ للشهر الثالث على التوالي.",
    ),
    ("Witnesses said the explosion was heard across {c}.", "قال شهود إن الانفجار سُمع في أنحاء {c}."),
    ("It was the worst flooding since {y}.", "كانت هذه أسوأ فيضانات منذ عام {y}."),
    (
        "A spokesman for the {o} said the agency needed {n} tonnes of food to feed families in {c} and the surrounding villages until the harvest.",
        "قال متحدث باسم {o} إن الوكالة تحتاج إلى {n} طن من الغذاء لإطعام الأسر في {c} والقرى المحيطة بها حتى موسم الحصاد.",
    ),
    ("Schools remained closed.", "ظلت المدارس مغلقة."),
    (
        "The delegation arrived in {c} on {d} {m} for a three-day visit.",
        "وصل الوفد إلى {c} في {d} {m} في زيارة تستغرق ثلاثة أيام.",
    ),
    ("Why did it take so long to respond?", "لماذا استغرق الرد كل هذا الوقت؟"),
    (
        "Many residents say they have not received any help, and some have already left for {c}.",
        "يقول كثير من السكان إنهم لم يتلقوا أي مساعدة، وقد غادر بعضهم بالفعل إلى {c}.",
    ),
    (
        "The project, which cost {n} dollars, was financed by the {o}.",
        "موّلت منظمة {o} المشروع الذي بلغت تكلفته {n} دولار.",
    ),
    (
        "Parliament approved the budget by {n} votes to {k}.",
        "أقر البرلمان الميزانية بأغلبية {n} صوتاً مقابل {k}.",
    ),
    (
        "Farmers in the region lost almost half of their crops this year after months without rain.",
        "خسر المزارعون في المنطقة نحو نصف محاصيلهم هذا العام بعد أشهر من دون أمطار.",
    ),
    ("The trial was postponed.", "تأجلت المحاكمة."),
];

/// Clauses added before a sentence's full stop, to vary the lengths.
const CLAUSES: &[(&str, &str)] = &[
    (", officials in {c} said", "، بحسب مسؤولين في {c}"),
    (", the {o} said in a report published on {d} {m}", "، بحسب تقرير نشرته منظمة {o} في {d} {m}"),
    (" despite repeated warnings", " رغم التحذيرات المتكررة"),
    (
        ", a figure that is expected to reach {k} by the end of the year",
        "، وهو رقم يتوقع أن يصل إلى {k} بحلول نهاية العام",
    ),
    (" for the first time since {y}", " للمرة الأولى منذ عام {y}"),
];

const CITIES: &[(&str, &str)] = &[
    ("Baghdad", "بغداد"),
    ("Amman", "عمان"),
    ("Cairo", "القاهرة"),
    ("Beirut", "بيروت"),
    ("Damascus", "دمشق"),
    ("Mosul", "الموصل"),
    ("Basra", "البصرة"),
    ("Khartoum", "الخرطوم"),
    ("Tunis", "تونس"),
    ("Rabat", "الرباط"),
    ("Doha", "الدوحة"),
    ("Aleppo", "حلب"),
    ("Tripoli", "طرابلس"),
    ("Sanaa", "صنعاء"),
];

const ORGS: &[&str] = &["FBI", "WFP", "UNICEF", "NATO", "OPEC", "IMF", "UNHCR"];

const MONTHS: &[(&str, &str)] = &[
    ("January", "يناير"),
    ("February", "فبراير"),
    ("March", "مارس"),
    ("April", "أبريل"),
    ("May", "مايو"),
    ("June", "يونيو"),
    ("July", "يوليو"),
    ("August", "أغسطس"),
    ("September", "سبتمبر"),
    ("October", "أكتوبر"),
    ("November", "نوفمبر"),
    ("December", "ديسمبر"),
];

/// How often each bead type other than 1-1 is made, per bead.
const MERGE_2_1: f64 = 0.04;
const MERGE_1_2: f64 = 0.04;
const OMIT_SRC: f64 = 0.015;
const OMIT_TGT: f64 = 0.015;

/// A number written with Arabic-Indic digits and separators (6,000.5 →
/// ٦٬٠٠٠٫٥).
pub fn arabic_indic(number: &str) -> String {
    number
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x660 + (c as u32 - '0' as u32)).expect("a digit"),
            ',' => '\u{66c}',
            '.' => '\u{66b}',
            c => c,
        })
        .collect()
}

/// A count of things: small, hundreds, or thousands written with a comma.
fn count(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 | 1 => rng.range(2, 99).to_string(),
        2 | 3 => rng.range(100, 999).to_string(),
        _ => format!("{},{:03}", rng.range(1, 999), rng.range(0, 999)),
    }
}

/// One sentence, English and Arabic. `statement` keeps to sentences that end
/// with a full stop (merges join those).
fn sentence(rng: &mut Rng, statement: bool) -> (String, String) {
    let (mut en, mut ar) = loop {
        let (e, a) = *rng.pick(TEMPLATES);
        if !statement || e.ends_with('.') {
            break (e.to_string(), a.to_string());
        }
    };
    if en.ends_with('.') {
        let clauses = match rng.below(20) {
            0..=10 => 0,
            11..=16 => 1,
            _ => 2,
        };
        for _ in 0..clauses {
            let (ce, ca) = *rng.pick(CLAUSES);
            en.insert_str(en.len() - 1, ce);
            ar.insert_str(ar.len() - 1, ca);
        }
    }
    let indic = rng.chance(0.6);
    let ar_num = |s: &str| if indic { arabic_indic(s) } else { s.to_string() };
    let (n, k) = (count(rng), count(rng));
    let p = format!("{}.{}", rng.range(1, 20), rng.range(1, 9));
    let y = rng.range(1990, 2024).to_string();
    let d = rng.range(1, 28).to_string();
    let (me, ma) = *rng.pick(MONTHS);
    let (ce, ca) = *rng.pick(CITIES);
    let o = *rng.pick(ORGS);
    let fill = |t: &str, arabic: bool| -> String {
        let num = |s: &str| if arabic { ar_num(s) } else { s.to_string() };
        t.replace("{n}", &num(&n))
            .replace("{k}", &num(&k))
            .replace("{p}", &num(&p))
            .replace("{y}", &num(&y))
            .replace("{d}", &num(&d))
            .replace("{m}", if arabic { ma } else { me })
            .replace("{c}", if arabic { ca } else { ce })
            .replace("{o}", o)
    };
    (fill(&en, false), fill(&ar, true))
}

/// Two sentences made one: the first loses its full stop and a semicolon
/// (Arabic `؛`) joins them, so a segmenter keeps them together too.
fn merge(first: &str, second: &str, joiner: &str) -> String {
    format!("{}{joiner}{second}", first.strip_suffix('.').unwrap_or(first))
}

/// A parallel document pair with its gold alignment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntheticPair {
    /// Source (English) sentences.
    pub src: Vec<String>,
    /// Target (Arabic) sentences.
    pub tgt: Vec<String>,
    /// The exact alignment, as 0-based index lists (vecalign beads).
    pub gold: Vec<IndexBead>,
    /// Indices of the gold beads that begin a paragraph (after the first).
    pub paragraphs: Vec<usize>,
}

impl SyntheticPair {
    /// A pair with exactly `sentences` source sentences (the target has
    /// about as many), made from `seed`: the same arguments give the same
    /// pair. About 4 % of the beads are 2-1, 4 % 1-2, 1.5 % 1-0 and 1.5 %
    /// 0-1; paragraphs hold 2 to 7 beads.
    pub fn generate(sentences: usize, seed: u64) -> SyntheticPair {
        let mut rng = Rng::new(seed);
        let mut p = SyntheticPair::default();
        let mut para_left = rng.range(2, 7);
        while p.src.len() < sentences {
            let room = sentences - p.src.len();
            let (s0, t0) = (p.src.len(), p.tgt.len());
            let roll = rng.below(1000) as f64 / 1000.0;
            if roll < MERGE_2_1 && room >= 2 {
                let ((e1, a1), (e2, a2)) = (sentence(&mut rng, true), sentence(&mut rng, false));
                p.src.extend([e1, e2]);
                p.tgt.push(merge(&a1, &a2, "؛ "));
            } else if roll < MERGE_2_1 + MERGE_1_2 {
                let ((e1, a1), (e2, a2)) = (sentence(&mut rng, true), sentence(&mut rng, false));
                p.src.push(merge(&e1, &e2, "; "));
                p.tgt.extend([a1, a2]);
            } else if roll < MERGE_2_1 + MERGE_1_2 + OMIT_SRC {
                p.src.push(sentence(&mut rng, false).0);
            } else if roll < MERGE_2_1 + MERGE_1_2 + OMIT_SRC + OMIT_TGT && s0 > 0 {
                p.tgt.push(sentence(&mut rng, false).1);
            } else {
                let (e, a) = sentence(&mut rng, false);
                p.src.push(e);
                p.tgt.push(a);
            }
            para_left -= 1;
            if para_left == 0 {
                para_left = rng.range(2, 7);
                p.paragraphs.push(p.gold.len() + 1);
            }
            p.gold.push(((s0..p.src.len()).collect(), (t0..p.tgt.len()).collect()));
        }
        p.paragraphs.retain(|&b| b < p.gold.len());
        p
    }

    /// One sentence a line (the `--line-per-sentence` layout).
    fn lines(sentences: &[String]) -> String {
        sentences.iter().map(|s| s.clone() + "\n").collect()
    }

    /// The source, one sentence a line.
    pub fn src_lines(&self) -> String {
        Self::lines(&self.src)
    }

    /// The target, one sentence a line.
    pub fn tgt_lines(&self) -> String {
        Self::lines(&self.tgt)
    }

    /// Running text: sentences joined by spaces, paragraphs by blank lines.
    fn running(&self, side: impl Fn(&IndexBead) -> &Vec<usize>, sentences: &[String]) -> String {
        let mut out = String::new();
        let mut next_para = self.paragraphs.iter().peekable();
        for (b, bead) in self.gold.iter().enumerate() {
            if next_para.next_if(|&&p| p == b).is_some() {
                out.push_str("\n\n");
            }
            for &i in side(bead) {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                out.push_str(&sentences[i]);
            }
        }
        out.push('\n');
        out
    }

    /// The source as running text in paragraphs (for the segmenter).
    pub fn src_text(&self) -> String {
        self.running(|b| &b.0, &self.src)
    }

    /// The target as running text in paragraphs.
    pub fn tgt_text(&self) -> String {
        self.running(|b| &b.1, &self.tgt)
    }

    /// The gold alignment in vecalign format (`[0,1]:[2]`, one bead a line).
    pub fn gold_vecalign(&self) -> String {
        let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        self.gold.iter().fold(String::new(), |mut out, (s, t)| {
            let _ = writeln!(out, "[{}]:[{}]", list(s), list(t));
            out
        })
    }

    /// Both sides as documents, one sentence each, English and Arabic.
    pub fn documents(&self) -> Result<(Document, Document)> {
        let opts = |code| DocOptions { lang: lang::by_code(code), ..DocOptions::default() };
        Ok((
            Document::from_sentences(&self.src, Path::new("synthetic.en"), &opts("en"))?,
            Document::from_sentences(&self.tgt, Path::new("synthetic.ar"), &opts("ar"))?,
        ))
    }

    /// Loads the "long pair" for speed tests described in the shared data's
    /// README: every `src` and every `tgt` file of the set whose manifest is
    /// `manifest` (`ntrex-en-ar-edited/pairs.tsv`), concatenated in manifest
    /// order and repeated whole until the source has at least
    /// `min_sentences` sentences. The gold files are concatenated alongside,
    /// so the gold holds. Files are read one sentence a line.
    pub fn concatenated(manifest: &Path, min_sentences: usize) -> Result<SyntheticPair> {
        let mut once = SyntheticPair::default();
        let read = |p: &Path| -> Result<Vec<String>> {
            Ok(input::read_text(p, &ReadOptions::default())?.lines().map(str::to_string).collect())
        };
        for entry in Manifest::open(manifest)? {
            let pair = match entry? {
                Entry::Pair(p) => p,
                Entry::Bad { error, .. } => return Err(Error::invalid(error)),
            };
            let gold_path = pair
                .gold
                .as_deref()
                .ok_or_else(|| Error::invalid(format!("{}: the pair has no gold", pair.origin)))?;
            once.append(SyntheticPair {
                src: read(&pair.src)?,
                tgt: read(&pair.tgt)?,
                gold: eval::read_beads(gold_path)?,
                paragraphs: Vec::new(),
            });
        }
        if once.src.is_empty() {
            return Err(Error::invalid(format!("{}: no sentences", manifest.display())));
        }
        let mut all = once.clone();
        while all.src.len() < min_sentences {
            all.append(once.clone());
        }
        Ok(all)
    }

    /// Appends another pair after this one, shifting its gold.
    fn append(&mut self, other: SyntheticPair) {
        let (ds, dt) = (self.src.len(), self.tgt.len());
        let shift = |v: &[usize], d: usize| v.iter().map(|i| i + d).collect::<Vec<_>>();
        self.gold.extend(other.gold.iter().map(|(s, t)| (shift(s, ds), shift(t, dt))));
        self.src.extend(other.src);
        self.tgt.extend(other.tgt);
    }
}

/// The seed of pair `index` of a set made from `seed`.
fn pair_seed(seed: u64, index: usize) -> u64 {
    Rng::new(seed ^ (index as u64).wrapping_mul(0xa076_1d64_78bd_642f)).next_u64()
}

/// Writes a synthetic set to `dir` (created when missing): `pairs` pairs of
/// `sentences` source sentences, one sentence a line (`pNNNN.en`,
/// `pNNNN.ar`), their gold (`pNNNN.gold`) and a manifest `pairs.tsv` with
/// `id`, `src`, `tgt`, `gold`, `src_lang` and `tgt_lang` columns, which it
/// returns. One pair is in memory at a time.
pub fn write_set(dir: &Path, pairs: usize, sentences: usize, seed: u64) -> Result<PathBuf> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut manifest = String::from("id\tsrc\ttgt\tgold\tsrc_lang\ttgt_lang\n");
    for i in 0..pairs {
        let id = format!("p{i:04}");
        let pair = SyntheticPair::generate(sentences, pair_seed(seed, i));
        for (ext, text) in
            [("en", pair.src_lines()), ("ar", pair.tgt_lines()), ("gold", pair.gold_vecalign())]
        {
            let path = dir.join(format!("{id}.{ext}"));
            fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
        let _ = writeln!(manifest, "{id}\t{id}.en\t{id}.ar\t{id}.gold\ten\tar");
    }
    let path = dir.join("pairs.tsv");
    fs::write(&path, manifest).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// The peak resident memory of this process in bytes (`VmHWM` in
/// `/proc/self/status`); `None` where there is no such file.
pub fn peak_memory() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line["VmHWM:".len()..].trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak that [`peak_memory`] reads to the current resident size
/// (Linux: writes `5` to `/proc/self/clear_refs`); false when it cannot.
pub fn reset_peak_memory() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// One run of a benchmark: a set aligned on some threads.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The set's size: sentences a side of each pair (`~N` for a given
    /// manifest: the mean source sentences a pair).
    pub size: String,
    /// Worker threads.
    pub threads: usize,
    /// Pairs aligned.
    pub pairs: usize,
    /// Source sentences aligned.
    pub sentences: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Peak resident memory in bytes during the run, when known.
    pub peak_memory: Option<u64>,
    /// Strict F1 against the gold, when there is gold.
    pub f1: Option<f64>,
}

/// The table `tandem bench` prints: one row per measurement, with the
/// speed-up in pairs/s over the 1-thread row of the same size.
pub fn table(rows: &[Measurement]) -> String {
    let header =
        ["size", "threads", "pairs", "seconds", "sentences/s", "pairs/s", "peak_MB", "speed-up", "F1"];
    let widths = [8, 7, 6, 9, 12, 9, 8, 8, 6];
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut l = String::new();
        for (c, w) in cells.iter().zip(widths) {
            let _ = write!(l, "{c:>w$}  ");
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header.map(str::to_string));
    let per_s = |n: usize, s: f64| if s > 0.0 { n as f64 / s } else { f64::INFINITY };
    for r in rows {
        let one = rows.iter().find(|o| o.size == r.size && o.threads == 1);
        let speedup = one.map_or("n/a".to_string(), |o| {
            format!("{:.2}", per_s(r.pairs, r.seconds) / per_s(o.pairs, o.seconds))
        });
        line(&[
            r.size.clone(),
            r.threads.to_string(),
            r.pairs.to_string(),
            format!("{:.3}", r.seconds),
            format!("{:.0}", per_s(r.sentences, r.seconds)),
            format!("{:.1}", per_s(r.pairs, r.seconds)),
            r.peak_memory.map_or("n/a".to_string(), |b| format!("{:.1}", b as f64 / (1024.0 * 1024.0))),
            speedup,
            r.f1.map_or("n/a".to_string(), |f| format!("{f:.3}")),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        assert_eq!(SyntheticPair::generate(300, 5), SyntheticPair::generate(300, 5));
        assert_ne!(SyntheticPair::generate(300, 5), SyntheticPair::generate(300, 6));
        let mut rng = Rng::new(0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        // SplitMix64's reference sequence for seed 0.
        assert_eq!(first, [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f]);
    }

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(arabic_indic("6,000.5"), "٦٬٠٠٠٫٥");
    }

    #[test]
    fn running_text_keeps_sentence_order() {
        let p = SyntheticPair::generate(40, 3);
        let flat = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat(p.src_text()), flat(p.src.join(" ")));
        assert_eq!(flat(p.tgt_text()), flat(p.tgt.join(" ")));
        assert_eq!(p.src_text().matches("\n\n").count(), p.paragraphs.len());
    }

    #[test]
    fn the_table_has_a_speed_up_per_size() {
        let m = |threads, seconds| Measurement {
            size: "100".into(),
            threads,
            pairs: 10,
            sentences: 1000,
            seconds,
            peak_memory: None,
            f1: Some(1.0),
        };
        let t = table(&[m(1, 2.0), m(2, 1.0)]);
        let rows: Vec<Vec<&str>> = t.lines().map(|l| l.split_whitespace().collect()).collect();
        assert_eq!(rows[0][7], "speed-up");
        assert_eq!(rows[1], ["100", "1", "10", "2.000", "500", "5.0", "n/a", "1.00", "1.000"]);
        assert_eq!(rows[2][7], "2.00");
    }
}
