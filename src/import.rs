//! Bringing a reviewer's corrections back: `tandem import`.
//!
//! A reviewer opens tandem's TSV, CSV or XLSX in a spreadsheet, corrects
//! beads and saves the sheet as UTF-8 CSV, UTF-8 TSV (with or without a
//! BOM) or Excel's "Unicode Text" (UTF-16 with a BOM, tab-separated); `,`,
//! `;` and tab are recognised as separators from the header row. The rows
//! are tandem's columns, of which only `src_text` and `tgt_text` are needed.
//!
//! The rule: **the reviewer's texts are the truth.** Each row's sentence
//! numbers are derived again by matching its `src_text` and `tgt_text`
//! against the original sentences in order (white space runs count as one
//! space; the `'` tandem put before formula-like cells is taken off again),
//! so a reviewer corrects a bead by moving text between rows:
//!
//! - a sentence moved to the next (or previous) row moves to that bead;
//! - two rows joined into one (the other row deleted or emptied) make one
//!   bead;
//! - a row marked wrong — any value in a `wrong` column (except `0`, `no`,
//!   `false`), or a `status` column whose value is not `ok`, `yes`, `good`,
//!   `correct`, `done` or `✓`, or a row whose texts were emptied while its
//!   `src`/`tgt` numbers were kept — has its sentences left unaligned: a
//!   1-0 bead and a 0-1 bead;
//! - a new row with text on one side only is a 1-0 or 0-1 bead.
//!
//! Every sentence must be in exactly one row, in order; otherwise the error
//! names the row (and the file's line). Where text cannot tell, the `src`
//! and `tgt` numbers decide: empty sentences (blank lines of
//! `--line-per-sentence` input) go where the numbers put them, and an
//! emptied side gives up its sentences unless the next row with text on
//! that side starts with them (the sentences were moved there).
//!
//! Imported beads have confidence 1 (they were reviewed) and no flags but
//! `omission`.

use std::ops::Range;
use std::path::Path;

use crate::align::{Alignment, Bead, Flags};
use crate::config::AlignConfig;
use crate::document::Document;
use crate::error::{Error, Position, Result};
use crate::output::unneutralise;
use crate::score::{LengthModel, char_len};

/// A sentence-number cell: absent (no column, or not a number), or a range
/// (empty for an empty cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// No usable number.
    Absent,
    /// 0-based sentence range, as `3..5` (1-based, inclusive) or `3` says.
    Range(Range<usize>),
}

impl Label {
    fn parse(cell: Option<&str>) -> Label {
        let Some(s) = cell.map(|s| unneutralise(s.trim()).trim()) else { return Label::Absent };
        if s.is_empty() {
            return Label::Range(0..0);
        }
        let (a, b) = s.split_once("..").unwrap_or((s, s));
        match (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
            (Ok(a), Ok(b)) if a >= 1 && b >= a => Label::Range(a - 1..b),
            _ => Label::Absent,
        }
    }
}

/// One row of a reviewed sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number below the header.
    pub row: usize,
    /// 1-based line in the file where the row starts.
    pub line: usize,
    /// The `src` column.
    pub src: Label,
    /// The `tgt` column.
    pub tgt: Label,
    /// The `src_text` column as the reviewer left it.
    pub src_text: String,
    /// The `tgt_text` column as the reviewer left it.
    pub tgt_text: String,
    /// Marked wrong in a `wrong` or `status` column.
    pub marked_wrong: bool,
}

/// A reviewed sheet: its rows and how it was read.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The rows, header left out.
    pub rows: Vec<Row>,
    /// The encoding found: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE` or `UTF-16BE`.
    pub encoding: &'static str,
    /// The separator found.
    pub delimiter: u8,
}

/// Decodes a sheet's bytes: UTF-16 with a BOM, or UTF-8 (a BOM is dropped).
fn decode(bytes: &[u8], name: &Path) -> Result<(String, &'static str)> {
    let utf16 = |enc: &'static encoding_rs::Encoding, label| {
        enc.decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .map(|t| (t.into_owned(), label))
            .ok_or_else(|| Error::parse(Position::file(name), format!("not valid {label} text")))
    };
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(encoding_rs::UTF_16LE, "UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(encoding_rs::UTF_16BE, "UTF-16BE");
    }
    let (body, label) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(b) => (b, "UTF-8 with BOM"),
        None => (bytes, "UTF-8"),
    };
    match std::str::from_utf8(body) {
        Ok(t) => Ok((t.to_string(), label)),
        Err(e) => {
            let line = body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::parse(
                Position::file(name).with_line(line),
                "neither UTF-8 nor UTF-16 with a byte-order mark; save the sheet as \"CSV UTF-8\" or \"Unicode Text\"",
            ))
        }
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, byte: usize) -> usize {
    let b = text.as_bytes();
    let mut at = byte.min(b.len());
    // The csv crate may point at the line break before a record (CRLF).
    while at < b.len() && matches!(b[at], b'\r' | b'\n') {
        at += 1;
    }
    b[..at].iter().filter(|&&c| c == b'\n').count() + 1
}

fn is_ok_status(v: &str) -> bool {
    matches!(v, "ok" | "okay" | "yes" | "y" | "good" | "correct" | "right" | "done" | "checked" | "✓" | "✔")
}

/// Reads a reviewed sheet from its bytes; `name` labels messages.
pub fn read_sheet(bytes: &[u8], name: &Path) -> Result<Sheet> {
    let (text, encoding) = decode(bytes, name)?;
    let header_line = text.lines().next().unwrap_or("");
    let delimiter =
        [b'\t', b',', b';'].into_iter().find(|&d| header_line.contains(d as char)).ok_or_else(|| {
            Error::parse(Position::file(name).with_line(1), "no header row with src_text and tgt_text")
        })?;
    let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let csv_err = |e: csv::Error| {
        let line = e.position().map_or(0, |p| line_of(&text, p.byte() as usize));
        Error::parse(Position::file(name).with_line(line), e.to_string())
    };
    let header: Vec<String> = rdr
        .headers()
        .map_err(csv_err)?
        .iter()
        .map(|h| unneutralise(h.trim()).trim().to_lowercase())
        .collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(st), Some(tt)) = (col("src_text"), col("tgt_text")) else {
        return Err(Error::parse(
            Position::file(name).with_line(1),
            format!("the header must name the columns src_text and tgt_text (found {})", header.join(", ")),
        ));
    };
    let (sc, tc, wc, stc) = (col("src"), col("tgt"), col("wrong"), col("status"));
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(csv_err)?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c));
        let norm = |c: Option<usize>| get(c).map(|v| v.trim().to_lowercase()).unwrap_or_default();
        let wrong = norm(wc);
        let status = norm(stc);
        let marked_wrong = (!wrong.is_empty()
            && !matches!(wrong.as_str(), "0" | "no" | "n" | "false" | "ok"))
            || (!status.is_empty() && !is_ok_status(&status));
        rows.push(Row {
            row: rows.len() + 1,
            // From the byte offset: the csv crate's line count is off by
            // one for CRLF files.
            line: rec.position().map_or(0, |p| line_of(&text, p.byte() as usize)),
            src: if sc.is_some() { Label::parse(get(sc)) } else { Label::Absent },
            tgt: if tc.is_some() { Label::parse(get(tc)) } else { Label::Absent },
            src_text: get(Some(st)).unwrap_or("").to_string(),
            tgt_text: get(Some(tt)).unwrap_or("").to_string(),
            marked_wrong,
        });
    }
    Ok(Sheet { rows, encoding, delimiter })
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The corrected alignment.
    pub alignment: Alignment,
    /// Rows whose pairing was marked wrong (their sentences left unaligned).
    pub wrong_rows: usize,
    /// How the sheet was read.
    pub encoding: &'static str,
}

/// Reads a reviewed sheet from a file and derives the corrected alignment.
pub fn import_path(path: &Path, src: &Document, tgt: &Document) -> Result<Imported> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let sheet = read_sheet(&bytes, path)?;
    import(&sheet, src, tgt, path)
}

/// White space runs as one space, trimmed.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// One side during matching.
struct Side<'a> {
    what: &'static str,
    doc: &'a Document,
    sents: Vec<String>,
    cursor: usize,
    /// The row that took each sentence (1-based), 0 while free.
    taken_by: Vec<usize>,
}

impl<'a> Side<'a> {
    fn new(what: &'static str, doc: &'a Document) -> Side<'a> {
        let sents: Vec<String> = doc.sentences.iter().map(|s| norm(&s.text)).collect();
        let n = sents.len();
        Side { what, doc, sents, cursor: 0, taken_by: vec![0; n] }
    }

    /// The end of the sentences from the cursor whose text is `text`.
    fn match_at(&self, text: &str, from: usize) -> Option<usize> {
        let mut acc = String::new();
        let mut k = from;
        while k < self.sents.len() {
            let s = &self.sents[k];
            k += 1;
            if s.is_empty() {
                continue;
            }
            if !acc.is_empty() {
                acc.push(' ');
            }
            acc.push_str(s);
            if acc == text {
                return Some(k);
            }
            if !(text.starts_with(&acc) && text[acc.len()..].starts_with(' ')) {
                return None;
            }
        }
        None
    }

    /// The texts a cell may stand for: without tandem's formula prefix, and
    /// as it is.
    fn candidates(cell: &str) -> Vec<String> {
        let mut v = vec![norm(unneutralise(cell))];
        let raw = norm(cell);
        if raw != v[0] {
            v.push(raw);
        }
        v
    }

    fn starts_here(&self, cell: &str) -> bool {
        Side::candidates(cell).iter().any(|t| self.match_at(t, self.cursor).is_some())
    }

    /// Takes the sentences of a row's side: (range, emptied by the reviewer).
    fn take(
        &mut self,
        cell: &str,
        label: &Label,
        next: Option<&str>,
        row: &Row,
    ) -> std::result::Result<(Range<usize>, bool), String> {
        let start = self.cursor;
        let n = self.sents.len();
        let (end, emptied) = if norm(cell).is_empty() {
            match label {
                Label::Absent => {
                    let mut k = start;
                    while k < n && self.sents[k].is_empty() {
                        k += 1;
                    }
                    (k, false)
                }
                Label::Range(l) if l.is_empty() || l.end <= start => (start, false),
                Label::Range(_) if next.is_some_and(|t| self.starts_here(t)) => (start, false),
                Label::Range(l) if l.start <= start && l.end <= n => {
                    (l.end, self.sents[start..l.end].iter().any(|s| !s.is_empty()))
                }
                Label::Range(l) if l.end > n => {
                    return Err(format!(
                        "row {}: the {} number {} is past the document's {n} sentences",
                        row.row, self.what, l.end
                    ));
                }
                Label::Range(l) => {
                    return Err(format!(
                        "row {}: the {} text is empty and its number says sentence {}, but sentences {}..{} before it are in no row",
                        row.row,
                        self.what,
                        l.start + 1,
                        start + 1,
                        l.start
                    ));
                }
            }
        } else {
            let found = Side::candidates(cell).iter().find_map(|t| self.match_at(t, start));
            let Some(mut end) = found else {
                return Err(self.mismatch(cell, row));
            };
            // Empty sentences right after go with this row if its number says so.
            if let Label::Range(l) = label {
                while end < n && end < l.end && self.sents[end].is_empty() {
                    end += 1;
                }
            }
            (end, false)
        };
        for t in &mut self.taken_by[start..end] {
            *t = row.row;
        }
        self.cursor = end;
        Ok((start..end, emptied))
    }

    fn mismatch(&self, cell: &str, row: &Row) -> String {
        let text = norm(unneutralise(cell));
        let c = self.cursor;
        let expected = match self.sents[c..].iter().position(|s| !s.is_empty()) {
            Some(k) => format!("sentence {} {:?}", c + k + 1, clip(&self.sents[c + k])),
            None => "no more sentences".to_string(),
        };
        // Where does the row's text begin, if anywhere?
        let first = (0..self.sents.len()).find(|&k| {
            let s = &self.sents[k];
            !s.is_empty() && (text == *s || text.starts_with(&format!("{s} ")))
        });
        let hint = match first {
            Some(k) if k < c => format!(
                "; it begins with sentence {}, which row {} holds already (sentences must stay in order, each in one row)",
                k + 1,
                self.taken_by[k]
            ),
            Some(k) if k > c => format!(
                "; it begins with sentence {}, so sentences {}..{} would be in no row",
                k + 1,
                c + 1,
                k
            ),
            Some(_) => "; the text goes on differently from the sentences that follow".to_string(),
            None => format!("; it matches no sentence of {}", self.doc.name.display()),
        };
        format!(
            "row {}: the {} text {:?} does not continue the {} document: expected {expected}{hint}",
            row.row,
            self.what,
            clip(&text),
            self.what
        )
    }
}

/// Derives the corrected alignment from a reviewed sheet (see the module
/// documentation for the rule). `name` is the sheet's path, for messages.
pub fn import(sheet: &Sheet, src: &Document, tgt: &Document, name: &Path) -> Result<Imported> {
    let at = |row: Option<&Row>, msg: String| {
        Error::parse(Position::file(name).with_line(row.map_or(1, |r| r.line)), msg)
    };
    let (mut s, mut t) = (Side::new("source", src), Side::new("target", tgt));
    let rows = &sheet.rows;
    let next_text = |from: usize, side: fn(&Row) -> &str| -> Option<&str> {
        rows[from + 1..].iter().map(side).find(|c| !norm(c).is_empty())
    };
    let mut beads = Vec::new();
    let mut wrong_rows = 0;
    for (i, row) in rows.iter().enumerate() {
        let (sr, se) = s
            .take(&row.src_text, &row.src, next_text(i, |r| r.src_text.as_str()), row)
            .map_err(|m| at(Some(row), m))?;
        let (tr, te) = t
            .take(&row.tgt_text, &row.tgt, next_text(i, |r| r.tgt_text.as_str()), row)
            .map_err(|m| at(Some(row), m))?;
        if sr.is_empty() && tr.is_empty() {
            continue;
        }
        let wrong = row.marked_wrong || se || te;
        wrong_rows += usize::from(wrong);
        let bead = |src: Range<usize>, tgt: Range<usize>| {
            let mut flags = Flags::default();
            if src.is_empty() || tgt.is_empty() {
                flags.insert(Flags::OMISSION);
            }
            Bead { src, tgt, confidence: 1.0, flags }
        };
        if wrong && !sr.is_empty() && !tr.is_empty() {
            beads.push(bead(sr, 0..0));
            beads.push(bead(tr.start..tr.start, tr));
        } else {
            beads.push(bead(sr, tr));
        }
    }
    let last = rows.last();
    for side in [&s, &t] {
        if side.cursor < side.sents.len() {
            let c = side.cursor;
            let shown = side.sents[c..].iter().position(|x| !x.is_empty()).map(|k| clip(&side.sents[c + k]));
            return Err(at(
                last,
                format!(
                    "{} sentences {}..{}{} are in no row (the last row, {}, ends before them)",
                    side.what,
                    c + 1,
                    side.sents.len(),
                    shown.map(|x| format!(", beginning {x:?},")).unwrap_or_default(),
                    last.map_or(0, |r| r.row),
                ),
            ));
        }
    }
    // Omission beads take their position on the empty side from the beads
    // before them, as the aligner writes them.
    let (mut i, mut j) = (0, 0);
    for b in &mut beads {
        if b.src.is_empty() {
            b.src = i..i;
        }
        if b.tgt.is_empty() {
            b.tgt = j..j;
        }
        i = b.src.end;
        j = b.tgt.end;
    }
    let (mut sc, mut tc) = (0.0, 0.0);
    for b in beads.iter().filter(|b| !b.is_omission()) {
        sc += b.src.clone().map(|k| char_len(&src.sentences[k].text) as f64).sum::<f64>();
        tc += b.tgt.clone().map(|k| char_len(&tgt.sentences[k].text) as f64).sum::<f64>();
    }
    let ratio = if sc > 0.0 && tc > 0.0 { tc / sc } else { 1.0 };
    let length = LengthModel { ratio, variance: AlignConfig::default().initial_variance };
    Ok(Imported {
        alignment: Alignment { beads, length, cost: 0.0, cells: 0 },
        wrong_rows,
        encoding: sheet.encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Label::parse(Some("3")), Label::Range(2..3));
        assert_eq!(Label::parse(Some(" 3..5 ")), Label::Range(2..5));
        assert_eq!(Label::parse(Some("")), Label::Range(0..0));
        assert_eq!(Label::parse(Some("x")), Label::Absent);
        assert_eq!(Label::parse(Some("0")), Label::Absent);
        assert_eq!(Label::parse(Some("5..3")), Label::Absent);
        assert_eq!(Label::parse(None), Label::Absent);
    }

    #[test]
    fn sheets_in_every_encoding_and_separator() {
        let tsv = "src\ttgt\tsrc_text\ttgt_text\tstatus\n1\t1\t'=a\tb\tok\n2\t2\tc\td\twrong\n";
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain(tsv.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let semi = tsv.replace('\t', ";");
        for (bytes, enc, delim) in [
            (tsv.as_bytes().to_vec(), "UTF-8", b'\t'),
            (be, "UTF-16BE", b'\t'),
            ([b"\xEF\xBB\xBF".as_slice(), semi.as_bytes()].concat(), "UTF-8 with BOM", b';'),
        ] {
            let sheet = read_sheet(&bytes, Path::new("r")).unwrap();
            assert_eq!((sheet.encoding, sheet.delimiter), (enc, delim));
            assert_eq!(sheet.rows.len(), 2);
            assert_eq!(sheet.rows[0].src_text, "'=a");
            assert_eq!((sheet.rows[0].marked_wrong, sheet.rows[1].marked_wrong), (false, true));
            assert_eq!((sheet.rows[1].row, sheet.rows[1].line), (2, 3));
        }
        let err = read_sheet(b"src_text,tgt_text\n\xFF\n", Path::new("r")).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("Unicode Text"), "{err}");
    }
}
