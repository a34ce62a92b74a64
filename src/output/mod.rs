//! Writing alignments: TSV and CSV for spreadsheets, XLSX, a review page
//! (HTML), TMX for CAT tools, Moses plain text and JSON Lines for MT
//! pipelines, vecalign beads and hunalign ladders for tools; and atomic file
//! output (temp file, then rename), so a reader never sees half a file.
//!
//! Every writer treats the document text as hostile: spreadsheet cells that
//! look like formulas are neutralised ([`neutralise`]), HTML and XML text is
//! escaped, characters XML forbids are removed and counted ([`Report`]).
//!
//! [`write()`] is the simple entry point; [`Output`] adds `--min-confidence`,
//! the writers' report and Moses' two files.

mod html;
mod jsonl;
mod moses;
mod tmx;
mod tsv;
mod xlsx;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::align::{Alignment, Bead};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::lang::Script;
use crate::score::CostTerms;

pub use moses::moses_paths;
pub use tsv::{is_formula_like, neutralise, unneutralise};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One bead per row with texts, confidence and flags, tab-separated.
    Tsv,
    /// vecalign's `[i,j]:[k]` lines (0-based).
    Vecalign,
    /// hunalign's ladder: `src<TAB>tgt<TAB>confidence` rungs (0-based).
    Ladder,
    /// The TSV's columns, comma-separated.
    Csv,
    /// An Excel workbook: the beads and a summary sheet.
    Xlsx,
    /// A TMX 1.4b translation memory (omissions left out).
    Tmx,
    /// Moses plain text: one sentence a line in two files, or
    /// `src<TAB>tgt` lines in one stream (omissions left out).
    Moses,
    /// One JSON object per bead.
    Jsonl,
    /// A self-contained review page.
    Html,
}

impl Format {
    /// Every format, by name.
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("tsv", Format::Tsv),
        ("vecalign", Format::Vecalign),
        ("ladder", Format::Ladder),
        ("csv", Format::Csv),
        ("xlsx", Format::Xlsx),
        ("tmx", Format::Tmx),
        ("moses", Format::Moses),
        ("jsonl", Format::Jsonl),
        ("html", Format::Html),
    ];

    /// Looks a format up by name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The format's name (also the extension of its files).
    pub fn name(self) -> &'static str {
        Format::ALL.iter().find(|(_, f)| *f == self).map_or("out", |(n, _)| n)
    }

    /// True for formats that are not text (XLSX), which a terminal should
    /// not be sent.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// True when the file keeps every bead with its sentence numbers, so the
    /// alignment can be read back from it (TSV, CSV, vecalign, ladder,
    /// JSONL); XLSX, TMX, Moses and HTML are made for people and tools.
    pub fn keeps_beads(self) -> bool {
        matches!(self, Format::Tsv | Format::Csv | Format::Vecalign | Format::Ladder | Format::Jsonl)
    }
}

/// Options of the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Start TSV and CSV with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// The TSV header.
pub const TSV_HEADER: [&str; 7] = ["src", "tgt", "type", "confidence", "flag", "src_text", "tgt_text"];

/// The extra TSV columns of `--explain`.
pub const EXPLAIN_HEADER: [&str; 8] = [
    "cost_prior",
    "cost_length",
    "cost_anchor",
    "cost_lexical",
    "cost_punct",
    "cost_para",
    "cost_outsider",
    "cost_total",
];

/// 1-based sentence numbers of a range: `3`, `3..5`, or empty. The form is
/// chosen so spreadsheets keep it as text (not a date, a time or 3.5).
pub fn range_label(r: &Range<usize>) -> String {
    match r.len() {
        0 => String::new(),
        1 => (r.start + 1).to_string(),
        _ => format!("{}..{}", r.start + 1, r.end),
    }
}

/// The sentences of a range, joined by a space.
pub fn joined(doc: &Document, r: Range<usize>) -> String {
    doc.sentences[r].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// True when a document is written right to left (Arabic or Hebrew script).
pub fn is_rtl(doc: &Document) -> bool {
    matches!(doc.lang.script, Script::Arabic | Script::Hebrew)
}

/// What a writer did beyond writing: beads left out and text changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Beads written.
    pub written: usize,
    /// Beads left out because their confidence is below `--min-confidence`.
    pub below_confidence: usize,
    /// 1-0 and 0-1 beads left out (TMX and Moses hold pairs only).
    pub omissions_left_out: usize,
    /// Characters removed because the format cannot hold them (control
    /// characters in XML).
    pub chars_removed: usize,
    /// Cells cut to the spreadsheet limit of 32,767 characters (XLSX).
    pub cells_truncated: usize,
}

impl Report {
    /// Warnings for the user, one line each (empty when all went through).
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if self.chars_removed > 0 {
            w.push(format!(
                "{} character(s) that XML 1.0 forbids (control characters) were removed from the text",
                self.chars_removed
            ));
        }
        if self.cells_truncated > 0 {
            w.push(format!(
                "{} cell(s) longer than 32,767 characters were cut to the spreadsheet limit",
                self.cells_truncated
            ));
        }
        w
    }
}

/// An alignment ready to write, with the options of every format.
#[derive(Debug, Clone, Copy)]
pub struct Output<'a> {
    /// The source document.
    pub src: &'a Document,
    /// The target document.
    pub tgt: &'a Document,
    /// The alignment of the two.
    pub al: &'a Alignment,
    /// Cost terms of each bead (`--explain`: extra TSV, CSV and XLSX columns).
    pub terms: Option<&'a [CostTerms]>,
    /// Writer options.
    pub opts: WriteOptions,
    /// Write only beads with at least this confidence (`--min-confidence`).
    pub min_confidence: Option<f64>,
}

impl<'a> Output<'a> {
    /// The whole alignment, default options.
    pub fn new(src: &'a Document, tgt: &'a Document, al: &'a Alignment) -> Output<'a> {
        Output { src, tgt, al, terms: None, opts: WriteOptions::default(), min_confidence: None }
    }

    /// Writes in a format to one stream (Moses as `src<TAB>tgt` lines).
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<Report> {
        let mut ctx = Ctx::new(self);
        match format {
            Format::Tsv => tsv::write(out, &ctx, b'\t')?,
            Format::Csv => tsv::write(out, &ctx, b',')?,
            Format::Vecalign => write_vecalign(out, &ctx)?,
            Format::Ladder => write_ladder(out, &ctx)?,
            Format::Xlsx => xlsx::write(out, &mut ctx)?,
            Format::Tmx => tmx::write(out, &mut ctx)?,
            Format::Moses => moses::write_tab(out, &mut ctx)?,
            Format::Jsonl => jsonl::write(out, &ctx)?,
            Format::Html => html::write(out, &ctx)?,
        }
        Ok(ctx.report)
    }

    /// Writes in a format to `path`, atomically; Moses writes two files,
    /// `PATH.SRCLANG` and `PATH.TGTLANG` (see [`moses_paths`]). Returns the
    /// report and the files written.
    pub fn write_file(&self, path: &Path, format: Format) -> Result<(Report, Vec<PathBuf>)> {
        if format == Format::Moses {
            let (sp, tp) = moses_paths(path, self.src.lang.code, self.tgt.lang.code);
            let mut report = Report::default();
            write_atomic(&sp, |w| {
                report = moses::write_side(w, &mut Ctx::new(self), true)?;
                Ok(())
            })?;
            write_atomic(&tp, |w| moses::write_side(w, &mut Ctx::new(self), false).map(|_| ()))?;
            return Ok((report, vec![sp, tp]));
        }
        let mut report = Report::default();
        write_atomic(path, |w| {
            report = self.write(w, format)?;
            Ok(())
        })?;
        Ok((report, vec![path.to_path_buf()]))
    }
}

/// What the format writers share: the documents and the beads to write.
pub(crate) struct Ctx<'a> {
    pub(crate) src: &'a Document,
    pub(crate) tgt: &'a Document,
    pub(crate) al: &'a Alignment,
    pub(crate) terms: Option<&'a [CostTerms]>,
    pub(crate) opts: WriteOptions,
    pub(crate) min_confidence: Option<f64>,
    /// The beads to write, with their number in the whole alignment.
    pub(crate) beads: Vec<(usize, &'a Bead)>,
    pub(crate) report: Report,
}

impl<'a> Ctx<'a> {
    fn new(o: &Output<'a>) -> Ctx<'a> {
        let min = o.min_confidence.unwrap_or(f64::NEG_INFINITY);
        let beads: Vec<(usize, &Bead)> =
            o.al.beads.iter().enumerate().filter(|(_, b)| b.shown_confidence() >= min).collect();
        let report = Report {
            written: beads.len(),
            below_confidence: o.al.beads.len() - beads.len(),
            ..Report::default()
        };
        Ctx {
            src: o.src,
            tgt: o.tgt,
            al: o.al,
            terms: o.terms,
            opts: o.opts,
            min_confidence: o.min_confidence,
            beads,
            report,
        }
    }

    pub(crate) fn src_text(&self, b: &Bead) -> String {
        joined(self.src, b.src.clone())
    }

    pub(crate) fn tgt_text(&self, b: &Bead) -> String {
        joined(self.tgt, b.tgt.clone())
    }

    /// The cost terms of bead `n` (of the whole alignment), if `--explain`.
    pub(crate) fn terms_of(&self, n: usize) -> Option<[f64; 8]> {
        self.terms
            .and_then(|t| t.get(n))
            .map(|t| [t.prior, t.length, t.anchor, t.lexical, t.punct, t.para, t.outsider, t.total()])
    }

    /// Figures of the written beads, for summaries.
    pub(crate) fn summary(&self) -> Summary {
        let mut by_type: Vec<((usize, usize), usize)> = Vec::new();
        let mut by_flag: Vec<(String, usize)> = FLAG_NAMES.iter().map(|n| (n.to_string(), 0)).collect();
        let (mut flagged, mut conf) = (0, 0.0);
        for (_, b) in &self.beads {
            match by_type.iter_mut().find(|(k, _)| *k == b.kind()) {
                Some((_, c)) => *c += 1,
                None => by_type.push((b.kind(), 1)),
            }
            if !b.flags.is_empty() {
                flagged += 1;
            }
            for name in b.flags.to_string().split(',').filter(|f| !f.is_empty()) {
                match by_flag.iter_mut().find(|(n, _)| n == name) {
                    Some((_, c)) => *c += 1,
                    None => by_flag.push((name.to_string(), 1)),
                }
            }
            conf += b.confidence;
        }
        by_type.sort_by_key(|&((s, t), _)| (s + t, s, t));
        let n = self.beads.len();
        Summary {
            beads: n,
            by_type: by_type.into_iter().map(|((s, t), c)| (format!("{s}-{t}"), c)).collect(),
            flagged,
            by_flag,
            mean_confidence: if n == 0 { 0.0 } else { conf / n as f64 },
            length_ratio: self.al.length.ratio,
            below_confidence: self.report.below_confidence,
        }
    }
}

/// Figures of the beads written (XLSX summary sheet, HTML page header).
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub(crate) beads: usize,
    pub(crate) by_type: Vec<(String, usize)>,
    pub(crate) flagged: usize,
    pub(crate) by_flag: Vec<(String, usize)>,
    pub(crate) mean_confidence: f64,
    pub(crate) length_ratio: f64,
    pub(crate) below_confidence: usize,
}

/// The review flags, in the order summaries list them.
const FLAG_NAMES: [&str; 4] = ["low-confidence", "omission", "length", "number"];

/// The confidence as files show it: three decimals.
pub(crate) fn conf3(c: f64) -> String {
    format!("{c:.3}")
}

/// Writes an alignment in a format. `terms`, when given, adds the cost terms
/// of each bead as extra TSV columns (`--explain`). For `--min-confidence`,
/// the writers' report, and Moses' two files, use [`Output`].
pub fn write(
    out: &mut dyn Write,
    format: Format,
    src: &Document,
    tgt: &Document,
    al: &Alignment,
    terms: Option<&[CostTerms]>,
    opts: WriteOptions,
) -> io::Result<()> {
    Output { terms, opts, ..Output::new(src, tgt, al) }.write(out, format).map(|_| ())
}

fn list(r: &Range<usize>) -> String {
    r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn write_vecalign(out: &mut dyn Write, ctx: &Ctx) -> io::Result<()> {
    for (_, bead) in &ctx.beads {
        writeln!(out, "[{}]:[{}]", list(&bead.src), list(&bead.tgt))?;
    }
    Ok(())
}

fn write_ladder(out: &mut dyn Write, ctx: &Ctx) -> io::Result<()> {
    for (_, bead) in &ctx.beads {
        writeln!(out, "{}\t{}\t{:.3}", bead.src.start, bead.tgt.start, bead.confidence)?;
    }
    let (n, m) = ctx.al.beads.last().map_or((0, 0), |b| (b.src.end, b.tgt.end));
    writeln!(out, "{n}\t{m}\t1.000")
}

/// Writes a file atomically: the content goes to a temporary file in the
/// same folder, which is synced and renamed over `path` only when complete.
pub fn write_atomic(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    // A device or a FIFO (`-o /dev/null`, `-o /dev/stdout`) is written in
    // place: renaming over it would replace the device with a plain file.
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = File::options().write(true).open(path).map_err(|e| Error::io(path, e))?;
        let mut w = BufWriter::new(file);
        return fill(&mut w).and_then(|_| w.flush()).map_err(|e| Error::io(path, e));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name =
        path.file_name().ok_or_else(|| Error::invalid(format!("{}: not a file name", path.display())))?;
    // A unique name per process and call; a leftover of a killed run with the
    // same process id is skipped over rather than failing.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let (tmp, file) = loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{}.tmp{}-{n}", name.to_string_lossy(), std::process::id()));
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(Error::io(path, e)),
        }
    };
    let result = (|| -> io::Result<()> {
        let mut w = BufWriter::new(file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_one_based() {
        assert_eq!(range_label(&(0..0)), "");
        assert_eq!(range_label(&(2..3)), "3");
        assert_eq!(range_label(&(2..4)), "3..4");
    }

    #[test]
    fn names_round_trip() {
        for &(name, f) in Format::ALL {
            assert_eq!(Format::from_name(name), Some(f));
            assert_eq!(f.name(), name);
        }
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_to_a_device_writes_in_place() {
        use std::os::unix::fs::FileTypeExt;
        write_atomic(Path::new("/dev/null"), |w| w.write_all(b"gone")).unwrap();
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null was replaced");
    }

    #[test]
    fn atomic_write_leaves_no_temp_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tsv");
        write_atomic(&path, |w| w.write_all(b"ok")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"ok");
        let err = write_atomic(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("boom"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"ok", "old content kept");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left");
    }
}
