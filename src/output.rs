//! Writing alignments: TSV for people, vecalign beads and hunalign ladders
//! for tools; and atomic file output (temp file, then rename), so a reader
//! never sees half a file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::score::CostTerms;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One bead per row with texts, confidence and flags.
    Tsv,
    /// vecalign's `[i,j]:[k]` lines (0-based).
    Vecalign,
    /// hunalign's ladder: `src<TAB>tgt<TAB>confidence` rungs (0-based).
    Ladder,
}

impl Format {
    /// Every format, by name.
    pub const ALL: &'static [(&'static str, Format)] =
        &[("tsv", Format::Tsv), ("vecalign", Format::Vecalign), ("ladder", Format::Ladder)];

    /// Looks a format up by name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
}

/// Options of the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Start TSV with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// The TSV header.
pub const TSV_HEADER: [&str; 7] = ["src", "tgt", "type", "confidence", "flag", "src_text", "tgt_text"];

/// 1-based sentence numbers of a range: `3`, `3..5`, or empty. The form is
/// chosen so spreadsheets keep it as text (not a date, a time or 3.5).
pub fn range_label(r: &Range<usize>) -> String {
    match r.len() {
        0 => String::new(),
        1 => (r.start + 1).to_string(),
        _ => format!("{}..{}", r.start + 1, r.end),
    }
}

fn joined(doc: &Document, r: Range<usize>) -> String {
    doc.sentences[r].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Writes an alignment in a format. `terms`, when given, adds the cost terms
/// of each bead as extra TSV columns (`--explain`).
pub fn write(
    out: &mut dyn Write,
    format: Format,
    src: &Document,
    tgt: &Document,
    al: &Alignment,
    terms: Option<&[CostTerms]>,
    opts: WriteOptions,
) -> io::Result<()> {
    match format {
        Format::Tsv => write_tsv(out, src, tgt, al, terms, opts),
        Format::Vecalign => write_vecalign(out, al),
        Format::Ladder => write_ladder(out, al),
    }
}

fn write_tsv(
    out: &mut dyn Write,
    src: &Document,
    tgt: &Document,
    al: &Alignment,
    terms: Option<&[CostTerms]>,
    opts: WriteOptions,
) -> io::Result<()> {
    if opts.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new().delimiter(b'\t').from_writer(out);
    let mut header: Vec<&str> = TSV_HEADER.to_vec();
    if terms.is_some() {
        header.extend(["cost_prior", "cost_length", "cost_anchor", "cost_punct", "cost_para", "cost_total"]);
    }
    w.write_record(&header)?;
    for (n, bead) in al.beads.iter().enumerate() {
        let (a, b) = bead.kind();
        let mut row = vec![
            range_label(&bead.src),
            range_label(&bead.tgt),
            format!("{a}-{b}"),
            format!("{:.3}", bead.confidence),
            bead.flags.to_string(),
            joined(src, bead.src.clone()),
            joined(tgt, bead.tgt.clone()),
        ];
        if let Some(t) = terms.and_then(|t| t.get(n)) {
            for v in [t.prior, t.length, t.anchor, t.punct, t.para, t.total()] {
                row.push(format!("{v:.3}"));
            }
        }
        w.write_record(&row)?;
    }
    w.flush()
}

fn list(r: &Range<usize>) -> String {
    r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn write_vecalign(out: &mut dyn Write, al: &Alignment) -> io::Result<()> {
    for bead in &al.beads {
        writeln!(out, "[{}]:[{}]", list(&bead.src), list(&bead.tgt))?;
    }
    Ok(())
}

fn write_ladder(out: &mut dyn Write, al: &Alignment) -> io::Result<()> {
    for bead in &al.beads {
        writeln!(out, "{}\t{}\t{:.3}", bead.src.start, bead.tgt.start, bead.confidence)?;
    }
    let (n, m) = al.beads.last().map_or((0, 0), |b| (b.src.end, b.tgt.end));
    writeln!(out, "{n}\t{m}\t1.000")
}

/// Writes a file atomically: the content goes to a temporary file in the
/// same folder, which is synced and renamed over `path` only when complete.
pub fn write_atomic(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
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
