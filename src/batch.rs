//! Aligning many document pairs: a manifest or two folders in, one output
//! file per pair and a `summary.csv` out.
//!
//! The pairs are read lazily ([`Manifest`] streams its rows) and run in
//! chunks of a bounded size on a rayon pool; a chunk's results are written
//! before the next chunk is read, so memory is bounded by the chunk, not by
//! the batch. Every output file is written atomically (see
//! [`output::write_atomic`]), so an existing output file is a complete one:
//! that is what makes [`Existing::Skip`] (`--resume`) safe after a crash.
//! Temporary files left by a killed run are removed by
//! [`remove_stale_temps`] when the next run starts.
//!
//! ```no_run
//! use std::path::Path;
//! use tandem::batch::{self, BatchOptions, Manifest};
//! use tandem::Aligner;
//!
//! let manifest = Manifest::open(Path::new("pairs.tsv"))?;
//! let opts = BatchOptions { gold: manifest.has_gold(), ..BatchOptions::new("out".into()) };
//! let pool = rayon::ThreadPoolBuilder::new().build().unwrap();
//! let report = batch::run(manifest, &Aligner::default(), &opts, &pool, &|_| {})?;
//! println!("{} pairs, {} failed", report.pairs, report.failed);
//! # Ok::<(), tandem::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::eval::{self, IndexBead, Prf, Score};
use crate::lang::{self, LangRules};
use crate::output::{self, Format, WriteOptions};
use crate::{Aligner, Alignment, DocOptions, Document, Error, Position, Result};

/// The name of the summary file in the output folder.
pub const SUMMARY: &str = "summary.csv";

/// The id of the summary's last row, which totals the batch.
pub const OVERALL_ID: &str = "overall";

/// One document pair to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairSpec {
    /// Names the output file (`ID.tsv`) and the summary row.
    pub id: String,
    /// Source document.
    pub src: PathBuf,
    /// Target document.
    pub tgt: PathBuf,
    /// Gold alignment (vecalign beads), when there is one.
    pub gold: Option<PathBuf>,
    /// Language code of the source, overriding the batch default.
    pub src_lang: Option<String>,
    /// Language code of the target, overriding the batch default.
    pub tgt_lang: Option<String>,
    /// Where the pair was listed (`pairs.tsv:line 3`), for messages.
    pub origin: String,
}

/// One item of a batch: a pair, or a row that cannot become one (a
/// malformed manifest row, a file with no counterpart in the other folder).
/// Bad rows are reported in the summary, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A pair to align.
    Pair(PairSpec),
    /// A row that is an error by itself.
    Bad {
        /// The id the summary shows.
        id: String,
        /// Where it was listed.
        origin: String,
        /// What is wrong.
        error: String,
    },
}

impl Entry {
    /// The id the summary shows.
    pub fn id(&self) -> &str {
        match self {
            Entry::Pair(p) => &p.id,
            Entry::Bad { id, .. } => id,
        }
    }
}

/// The default id of a pair: the source path as written in the manifest,
/// without its extension, folders joined by `_` (`law/ar/001` → `law_ar_001`,
/// so that sets with one file name in several folders keep distinct ids).
pub fn default_id(src: &Path) -> String {
    let mut parts: Vec<String> = src
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.extend(src.file_stem().map(|s| s.to_string_lossy().into_owned()));
    parts.join("_")
}

/// Characters that look like, or normalise (NFKC) to, a path separator or a
/// drive colon: a tool that later normalises or merely displays the name
/// must not find `../` or `C:` in it.
const SEPARATOR_LOOKALIKES: &[char] = &[
    '\u{2044}', // FRACTION SLASH
    '\u{2215}', // DIVISION SLASH
    '\u{2216}', // SET MINUS
    '\u{2571}', // BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT
    '\u{2572}', // BOX DRAWINGS LIGHT DIAGONAL UPPER LEFT TO LOWER RIGHT
    '\u{27CB}', // MATHEMATICAL RISING DIAGONAL
    '\u{27CD}', // MATHEMATICAL FALLING DIAGONAL
    '\u{29F5}', // REVERSE SOLIDUS OPERATOR
    '\u{29F8}', // BIG SOLIDUS
    '\u{29F9}', // BIG REVERSE SOLIDUS
    '\u{FE68}', // SMALL REVERSE SOLIDUS
    '\u{FF0F}', // FULLWIDTH SOLIDUS
    '\u{FF3C}', // FULLWIDTH REVERSE SOLIDUS
    '\u{0337}', // COMBINING SHORT SOLIDUS OVERLAY
    '\u{0338}', // COMBINING LONG SOLIDUS OVERLAY
    '\u{2236}', // RATIO
    '\u{A789}', // MODIFIER LETTER COLON
    '\u{FE13}', // PRESENTATION FORM FOR VERTICAL COLON
    '\u{FE55}', // SMALL COLON
    '\u{FF1A}', // FULLWIDTH COLON
];

/// Characters that look like, or normalise (NFKC) to, full stops: `‥` is
/// `..` once normalised. They have no place in a file name.
const DOT_LOOKALIKES: &[char] = &[
    '\u{2024}', // ONE DOT LEADER
    '\u{2025}', // TWO DOT LEADER
    '\u{FE52}', // SMALL FULL STOP
    '\u{FF0E}', // FULLWIDTH FULL STOP
];

/// Characters that are full stops in some script (`…`, `。`): allowed in an
/// id, but an id of nothing else (and dots) is refused.
const DOT_LIKE: &[char] = &['.', '\u{2026}', '\u{3002}', '\u{FF61}'];

/// Longest id in bytes: with the extension and the temporary-file suffix
/// the name must stay under the usual limit of 255 bytes.
pub const MAX_ID_BYTES: usize = 200;

/// Most sentences a bead read back from a file may hold (a ladder rung or a
/// TSV range `a..b`): more is not an alignment tandem wrote, and must not
/// make it allocate billions of indices.
pub const MAX_BEAD_SENTENCES: usize = 1024;

/// Checks that an id can name a file inside the output folder: not empty,
/// not `.` or `..` (nor only dots, or dot-like characters), no path
/// separator, drive colon, NUL or other control character (so no newline),
/// no Unicode lookalike of a separator or a dot (`∕`, `／`, `⧸`, `․`, `．`),
/// no bidirectional embedding, override or isolate (which make a name show
/// as another), and at most [`MAX_ID_BYTES`] bytes; so it never escapes
/// the folder, nor seems to.
pub fn check_id(id: &str) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.chars().all(|c| DOT_LIKE.contains(&c) || c.is_whitespace()) {
        return Err(format!("the id {id:?} is not a file name"));
    }
    if let Some(c) = id.chars().find(|&c| matches!(c, '/' | '\\' | ':') || c.is_control()) {
        return Err(format!(
            "the id {id:?} holds {c:?}, which could lead outside the output folder; ids must be plain file names"
        ));
    }
    if let Some(c) = id.chars().find(|c| SEPARATOR_LOOKALIKES.contains(c) || DOT_LOOKALIKES.contains(c)) {
        return Err(format!(
            "the id {id:?} holds {c:?} (U+{:04X}), which looks like a path separator or a dot; ids must be plain file names",
            c as u32
        ));
    }
    if let Some(c) = id.chars().find(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        return Err(format!(
            "the id {id:?} holds the bidirectional control U+{:04X}, which makes a file name show as another",
            c as u32
        ));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(format!(
            "the id is {} bytes long, more than {MAX_ID_BYTES}: too long for a file name",
            id.len()
        ));
    }
    Ok(())
}

/// The file extension of a format's output: its name (`tsv`, `vecalign`,
/// `ladder`).
pub fn extension(format: Format) -> &'static str {
    Format::ALL.iter().find(|(_, f)| *f == format).map_or("out", |(n, _)| n)
}

/// The output file of a pair.
pub fn output_path(dir: &Path, id: &str, format: Format) -> PathBuf {
    dir.join(format!("{id}.{}", extension(format)))
}

#[derive(Debug, Clone, Copy)]
struct Columns {
    src: usize,
    tgt: usize,
    id: Option<usize>,
    gold: Option<usize>,
    src_lang: Option<usize>,
    tgt_lang: Option<usize>,
}

/// A manifest TSV read row by row: a header naming the columns `src` and
/// `tgt` and optionally `id`, `gold`, `src_lang`, `tgt_lang` (in any order;
/// other columns are ignored), then one pair a row. Paths are relative to
/// the manifest's folder. Iterating yields an [`Entry`] per row; an `Err`
/// only when the file itself cannot be read any further.
pub struct Manifest {
    path: PathBuf,
    base: PathBuf,
    reader: csv::Reader<Box<dyn Read + Send>>,
    cols: Columns,
    record: csv::StringRecord,
    done: bool,
}

impl std::fmt::Debug for Manifest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Manifest").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Manifest {
    /// Opens a manifest and reads its header. A manifest larger than
    /// [`crate::input::DEFAULT_MAX_INPUT`] is refused: a row is read into
    /// memory whole, however long.
    pub fn open(path: &Path) -> Result<Manifest> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let limit = crate::input::DEFAULT_MAX_INPUT;
        if size > limit {
            return Err(Error::new(crate::ErrorKind::TooLarge { pos: Position::file(path), size, limit }));
        }
        Manifest::from_reader(Box::new(file), path)
    }

    /// Reads a manifest from `input`; `path` names it in messages, and
    /// relative paths in it are relative to its folder.
    pub fn from_reader(input: Box<dyn Read + Send>, path: &Path) -> Result<Manifest> {
        let mut reader =
            csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).has_headers(true).from_reader(input);
        let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
        let find = |name: &str| header.iter().position(|h| h.trim().trim_start_matches('\u{feff}') == name);
        let pos = || Position::file(path).with_line(1);
        let need = |name: &str| {
            find(name).ok_or_else(|| {
                Error::parse(
                    pos(),
                    format!(
                        "the manifest header has no {name:?} column (expected `src<TAB>tgt`, optionally `id`, `gold`, `src_lang`, `tgt_lang`)"
                    ),
                )
            })
        };
        let cols = Columns {
            src: need("src")?,
            tgt: need("tgt")?,
            id: find("id"),
            gold: find("gold"),
            src_lang: find("src_lang"),
            tgt_lang: find("tgt_lang"),
        };
        let base = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Manifest {
            path: path.to_path_buf(),
            base,
            reader,
            cols,
            record: csv::StringRecord::new(),
            done: false,
        })
    }

    /// True when the manifest has a `gold` column.
    pub fn has_gold(&self) -> bool {
        self.cols.gold.is_some()
    }

    /// Counts the rows of a manifest without keeping them (for a progress
    /// bar's total).
    pub fn count(path: &Path) -> Result<u64> {
        let mut m = Manifest::open(path)?;
        let mut n = 0;
        // Bytes, not text: a row that is not UTF-8 is still a row (the
        // iterator reports it as a bad entry).
        let mut record = csv::ByteRecord::new();
        while m.reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
            n += 1;
        }
        Ok(n)
    }

    fn entry(&self, line: u64) -> Entry {
        let rec = &self.record;
        let origin = format!("{}:line {line}", self.path.display());
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).filter(|s| !s.is_empty());
        let (src, tgt) = (cell(Some(self.cols.src)), cell(Some(self.cols.tgt)));
        let id = cell(self.cols.id).map(str::to_string).or_else(|| src.map(|s| default_id(Path::new(s))));
        let (Some(src), Some(tgt)) = (src, tgt) else {
            let which = if src.is_none() { "src" } else { "tgt" };
            return Entry::Bad {
                id: id.unwrap_or_else(|| format!("line {line}")),
                error: format!("{origin}: the {which} cell is empty or missing"),
                origin,
            };
        };
        // A NUL or a newline (inside quotes) in a file name is no name a
        // person meant; refuse the row rather than pass it to the system.
        let named = [("src", Some(src)), ("tgt", Some(tgt)), ("gold", cell(self.cols.gold))];
        if let Some((which, name)) =
            named.iter().find_map(|&(w, n)| n.filter(|n| n.chars().any(char::is_control)).map(|n| (w, n)))
        {
            return Entry::Bad {
                id: id.filter(|i| check_id(i).is_ok()).unwrap_or_else(|| format!("line {line}")),
                error: format!(
                    "{origin}: the {which} file name {name:?} holds a control character (NUL, newline, …); file names must be plain"
                ),
                origin,
            };
        }
        Entry::Pair(PairSpec {
            id: id.unwrap_or_default(),
            src: self.base.join(src),
            tgt: self.base.join(tgt),
            gold: cell(self.cols.gold).map(|g| self.base.join(g)),
            src_lang: cell(self.cols.src_lang).map(str::to_string),
            tgt_lang: cell(self.cols.tgt_lang).map(str::to_string),
            origin,
        })
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize);
    match e.into_kind() {
        csv::ErrorKind::Io(err) => Error::io(path, err),
        kind => {
            let pos = Position::file(path);
            let pos = if let Some(l) = line { pos.with_line(l) } else { pos };
            Error::parse(pos, format!("{kind:?}"))
        }
    }
}

impl Iterator for Manifest {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        if self.done {
            return None;
        }
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                Some(Ok(self.entry(line)))
            }
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                    return Some(Err(csv_error(&self.path, e)));
                }
                // A row that is not UTF-8: report it and go on.
                let origin = format!("{}:line {line}", self.path.display());
                Some(Ok(Entry::Bad {
                    id: format!("line {line}"),
                    error: format!("{origin}: the row is not valid UTF-8 text"),
                    origin,
                }))
            }
        }
    }
}

/// Pairs the files of two folders by file name, in name order. A file
/// present in one folder only becomes an [`Entry::Bad`]. Hidden files
/// (names starting with `.`) and subfolders are not listed. Symbolic links
/// are not followed: see [`pair_folders_with`].
pub fn pair_folders(src_dir: &Path, tgt_dir: &Path) -> Result<Vec<Entry>> {
    pair_folders_with(src_dir, tgt_dir, false)
}

/// A file found in an input folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    File,
    /// A symbolic link not to be followed (to a file, or dangling).
    Link,
}

/// [`pair_folders`], following symbolic links when `follow_symlinks`
/// (`--follow-symlinks`). Otherwise a link in either folder makes its pair
/// an [`Entry::Bad`]: a link can lead anywhere (`~/.ssh/id_rsa`), and the
/// text read would end up in the output, so reading through it must be
/// asked for. Links to folders are skipped like folders.
pub fn pair_folders_with(src_dir: &Path, tgt_dir: &Path, follow_symlinks: bool) -> Result<Vec<Entry>> {
    let list = |dir: &Path| -> Result<Vec<(OsString, Found)>> {
        let mut names = Vec::new();
        for item in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let item = item.map_err(|e| Error::io(dir, e))?;
            let name = item.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let link = item.file_type().map_err(|e| Error::io(item.path(), e))?.is_symlink();
            // Where it leads (links followed): only to tell files from folders.
            let target = fs::metadata(item.path());
            if target.as_ref().is_ok_and(|m| m.is_dir()) {
                continue;
            }
            match (link, target.is_ok_and(|m| m.is_file())) {
                (true, _) if !follow_symlinks => names.push((name, Found::Link)),
                (_, true) => names.push((name, Found::File)),
                _ => {}
            }
        }
        Ok(names)
    };
    let mut all: BTreeMap<OsString, (Option<Found>, Option<Found>)> = BTreeMap::new();
    for (name, found) in list(src_dir)? {
        all.entry(name).or_default().0 = Some(found);
    }
    for (name, found) in list(tgt_dir)? {
        all.entry(name).or_default().1 = Some(found);
    }
    let link_error = |path: &Path| {
        format!(
            "{}: a symbolic link; tandem follows links in --src-dir and --tgt-dir only with --follow-symlinks",
            path.display()
        )
    };
    let entries = all
        .into_iter()
        .map(|(name, sides)| {
            let (src, tgt) = (src_dir.join(&name), tgt_dir.join(&name));
            let id = default_id(Path::new(&name));
            match sides {
                (Some(Found::Link), _) | (_, Some(Found::Link)) => {
                    let path = if sides.0 == Some(Found::Link) { &src } else { &tgt };
                    Entry::Bad { id, error: link_error(path), origin: path.display().to_string() }
                }
                (Some(_), Some(_)) => Entry::Pair(PairSpec {
                    id,
                    origin: src.display().to_string(),
                    src,
                    tgt,
                    gold: None,
                    src_lang: None,
                    tgt_lang: None,
                }),
                (Some(_), None) => Entry::Bad {
                    id,
                    error: format!(
                        "{}: no file of that name in {} (a source without its translation)",
                        src.display(),
                        tgt_dir.display()
                    ),
                    origin: src.display().to_string(),
                },
                _ => Entry::Bad {
                    id,
                    error: format!(
                        "{}: no file of that name in {} (a translation without its source)",
                        tgt.display(),
                        src_dir.display()
                    ),
                    origin: tgt.display().to_string(),
                },
            }
        })
        .collect();
    Ok(entries)
}

/// What to do with a pair whose output file exists already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Existing {
    /// Leave it and record an error for the pair (the default).
    #[default]
    Refuse,
    /// Leave it and count the pair as done (`--resume`); its figures in the
    /// summary are read back from the file.
    Skip,
    /// Align again and replace it (`--force`).
    Overwrite,
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The output folder (created when missing).
    pub out_dir: PathBuf,
    /// Output format of the per-pair files.
    pub format: Format,
    /// Writer options (`--bom`).
    pub write: WriteOptions,
    /// Reading and splitting; its `lang` is ignored (see `src_lang`).
    pub doc: DocOptions,
    /// Default source language, when a row names none; detected when both
    /// are absent.
    pub src_lang: Option<&'static LangRules>,
    /// Default target language.
    pub tgt_lang: Option<&'static LangRules>,
    /// What to do with existing output files.
    pub existing: Existing,
    /// The summary gets strict/lax P/R/F1 columns (the manifest has gold).
    pub gold: bool,
    /// Pairs read and aligned together; results are written after each.
    pub chunk: usize,
    /// Write only beads with at least this confidence (`--min-confidence`).
    /// The summary then counts and scores the beads written, as a resumed
    /// run reads them back.
    pub min_confidence: Option<f64>,
}

impl BatchOptions {
    /// Defaults: TSV, no gold, refuse to overwrite, chunks of 256 pairs.
    pub fn new(out_dir: PathBuf) -> BatchOptions {
        BatchOptions {
            out_dir,
            format: Format::Tsv,
            write: WriteOptions::default(),
            doc: DocOptions::default(),
            src_lang: None,
            tgt_lang: None,
            existing: Existing::Refuse,
            gold: false,
            chunk: 256,
            min_confidence: None,
        }
    }
}

/// The outcome of one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Aligned and written.
    Ok,
    /// Its output existed and was kept (`--resume`).
    Skipped,
    /// Not aligned; see the error.
    Error,
}

impl Status {
    /// The summary's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// Counts describing an alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// Source sentences.
    pub src_sentences: usize,
    /// Target sentences.
    pub tgt_sentences: usize,
    /// Beads.
    pub beads: usize,
    /// 1-1 beads.
    pub beads_1_1: usize,
    /// n-m beads with n, m ≥ 1 and n + m > 2.
    pub beads_merge: usize,
    /// Beads with an empty side (1-0, 0-1).
    pub beads_omission: usize,
    /// Sum of the known bead confidences.
    pub confidence_sum: f64,
    /// Beads whose confidence is known (a vecalign file read back has none).
    pub confidence_count: usize,
    /// Flagged beads, when known (only TSV keeps flags).
    pub flagged: Option<usize>,
}

impl Stats {
    /// Counts of beads given as index lists, with confidences and the
    /// number of flagged beads when known.
    pub fn of(beads: &[IndexBead], confidences: Option<&[f64]>, flagged: Option<usize>) -> Stats {
        let mut s = Stats { flagged, ..Stats::default() };
        for (a, b) in beads {
            s.src_sentences += a.len();
            s.tgt_sentences += b.len();
            s.beads += 1;
            match (a.len(), b.len()) {
                (1, 1) => s.beads_1_1 += 1,
                (0, _) | (_, 0) => s.beads_omission += 1,
                _ => s.beads_merge += 1,
            }
        }
        if let Some(c) = confidences {
            s.confidence_sum = c.iter().sum();
            s.confidence_count = c.len();
        }
        s
    }

    /// Mean confidence of the beads whose confidence is known.
    pub fn mean_confidence(&self) -> Option<f64> {
        (self.confidence_count > 0).then(|| self.confidence_sum / self.confidence_count as f64)
    }

    fn add(&mut self, o: &Stats) {
        self.src_sentences += o.src_sentences;
        self.tgt_sentences += o.tgt_sentences;
        self.beads += o.beads;
        self.beads_1_1 += o.beads_1_1;
        self.beads_merge += o.beads_merge;
        self.beads_omission += o.beads_omission;
        self.confidence_sum += o.confidence_sum;
        self.confidence_count += o.confidence_count;
        self.flagged = match (self.flagged, o.flagged) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }
}

/// The beads of an alignment as index lists.
pub fn index_beads(al: &Alignment) -> Vec<IndexBead> {
    al.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect()
}

/// The result of one pair, as the summary shows it.
#[derive(Debug, Clone)]
pub struct PairResult {
    /// The pair's id.
    pub id: String,
    /// What happened.
    pub status: Status,
    /// Why it failed.
    pub error: Option<String>,
    /// Counts, for pairs aligned or skipped.
    pub stats: Option<Stats>,
    /// Scores against gold, when the pair has gold.
    pub score: Option<Score>,
    /// Wall-clock milliseconds spent on the pair.
    pub ms: f64,
}

/// Totals of a batch.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Rows seen.
    pub pairs: usize,
    /// Pairs aligned.
    pub ok: usize,
    /// Pairs skipped (output already there).
    pub skipped: usize,
    /// Pairs that failed.
    pub failed: usize,
    /// Summed counts.
    pub stats: Stats,
    /// Micro-averaged gold scores over the pairs with gold.
    pub score: Score,
    /// Pairs scored against gold.
    pub gold_pairs: usize,
    /// Stale temporary files removed at the start.
    pub stale_temps_removed: usize,
    /// Wall-clock milliseconds of the whole batch.
    pub ms: f64,
}

impl Report {
    /// The overall gold scores, when some pair had gold.
    pub fn prf(&self) -> Option<Prf> {
        (self.gold_pairs > 0).then(|| self.score.prf())
    }
}

/// Removes the temporary files (`.NAME.tmpPID-N`, see
/// [`output::write_atomic`]) that a killed run left in `dir`: those of an
/// output file or of the summary whose process is gone. On systems without
/// `/proc` every such file is taken as stale. Returns how many were
/// removed.
pub fn remove_stale_temps(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    let exts: Vec<String> = Format::ALL.iter().map(|(n, _)| format!(".{n}")).collect();
    for item in fs::read_dir(dir)? {
        let item = item?;
        let name = item.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((base, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp")) else { continue };
        // `.NAME.tmpPID-N`: the writer's process id and a per-process count.
        let pid = pid.split_once('-').map_or(pid, |(p, _)| p);
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let ours = base == SUMMARY || exts.iter().any(|e| base.ends_with(e.as_str()) && base.len() > e.len());
        if !ours || !item.file_type()?.is_file() {
            continue;
        }
        if pid == std::process::id() || !process_alive(pid) {
            match fs::remove_file(item.path()) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(removed)
}

fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}

/// An output file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBack {
    /// The beads.
    pub beads: Vec<IndexBead>,
    /// Their confidences, when the format keeps them (TSV, ladder).
    pub confidences: Option<Vec<f64>>,
    /// The number of flagged beads, when the format keeps flags (TSV).
    pub flagged: Option<usize>,
}

/// Reads an output file back: its beads, and the confidences and flag
/// count when the format keeps them (TSV keeps both, the ladder keeps
/// confidences, vecalign neither). Used for pairs skipped by `--resume`.
pub fn read_output(path: &Path, format: Format) -> Result<ReadBack> {
    let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let bad = |line: usize, msg: String| Error::parse(Position::file(path).with_line(line), msg);
    match format {
        Format::Vecalign => {
            Ok(ReadBack { beads: eval::parse_beads(text, path)?, confidences: None, flagged: None })
        }
        Format::Ladder => {
            let mut rungs = Vec::new();
            for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let f: Vec<&str> = line.split('\t').collect();
                let parsed = (f.len() == 3)
                    .then(|| {
                        Some((
                            f[0].parse::<usize>().ok()?,
                            f[1].parse::<usize>().ok()?,
                            f[2].parse::<f64>().ok()?,
                        ))
                    })
                    .flatten();
                rungs.push(
                    parsed.ok_or_else(|| bad(n + 1, format!("expected a ladder rung, found {line:?}")))?,
                );
            }
            let mut beads = Vec::new();
            let mut conf = Vec::new();
            for w in rungs.windows(2) {
                let ((i0, j0, c), (i1, j1, _)) = (w[0], w[1]);
                if i1 < i0 || j1 < j0 {
                    return Err(bad(0, "the ladder's rungs go backwards".into()));
                }
                if i1 - i0 > MAX_BEAD_SENTENCES || j1 - j0 > MAX_BEAD_SENTENCES {
                    return Err(bad(0, format!("a bead from rung {i0} {j0} to {i1} {j1} is too large")));
                }
                beads.push(((i0..i1).collect(), (j0..j1).collect()));
                conf.push(c);
            }
            Ok(ReadBack { beads, confidences: Some(conf), flagged: None })
        }
        Format::Tsv | Format::Csv => {
            let delimiter = if format == Format::Csv { b',' } else { b'\t' };
            let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
            let header = rdr.headers().map_err(|e| csv_error(path, e))?.clone();
            if header.iter().take(5).ne(output::TSV_HEADER.iter().take(5).copied()) {
                return Err(bad(1, "not a tandem TSV (the header differs)".into()));
            }
            let range = |s: &str, line: usize| -> Result<Vec<usize>> {
                if s.is_empty() {
                    return Ok(Vec::new());
                }
                let (a, b) = s.split_once("..").unwrap_or((s, s));
                match (a.parse::<usize>(), b.parse::<usize>()) {
                    (Ok(a), Ok(b)) if a >= 1 && b >= a && b - a < MAX_BEAD_SENTENCES => {
                        Ok((a - 1..b).collect())
                    }
                    _ => Err(bad(line, format!("bad sentence range {s:?}"))),
                }
            };
            let (mut beads, mut conf, mut flagged) = (Vec::new(), Vec::new(), 0);
            for (n, rec) in rdr.records().enumerate() {
                let line = n + 2;
                let rec = rec.map_err(|e| csv_error(path, e))?;
                if rec.len() < 5 {
                    return Err(bad(line, "too few columns".into()));
                }
                beads.push((range(&rec[0], line)?, range(&rec[1], line)?));
                conf.push(rec[3].parse().map_err(|_| bad(line, format!("bad confidence {:?}", &rec[3])))?);
                flagged += usize::from(!rec[4].is_empty());
            }
            Ok(ReadBack { beads, confidences: Some(conf), flagged: Some(flagged) })
        }
        other => Err(bad(
            0,
            format!("a {} output does not keep the beads, so --resume cannot read it back", other.name()),
        )),
    }
}

fn lang_for(code: Option<&str>, default: Option<&'static LangRules>) -> Result<Option<&'static LangRules>> {
    match code {
        None => Ok(default),
        Some(c) => lang::by_code(c).map(Some).ok_or_else(|| {
            let codes: Vec<_> = lang::ALL.iter().map(|r| r.code).collect();
            Error::invalid(format!("no rules for language {c:?}; known: {}", codes.join(", ")))
        }),
    }
}

fn process_pair(
    p: &PairSpec,
    aligner: &Aligner,
    opts: &BatchOptions,
) -> Result<(Status, Stats, Option<Score>)> {
    let out = output_path(&opts.out_dir, &p.id, opts.format);
    if out.file_name().is_some_and(|n| n == SUMMARY) {
        return Err(Error::invalid(format!(
            "{}: the id {:?} would name the output {SUMMARY}, which the batch writes; give the pair another id",
            p.origin, p.id
        )));
    }
    let exists = fs::symlink_metadata(&out).is_ok();
    let gold = || p.gold.as_deref().map(eval::read_beads).transpose();
    let score_of = |gold: Option<Vec<IndexBead>>, beads: &[IndexBead]| {
        gold.map(|g| {
            let mut s = Score::default();
            s.add(&g, beads);
            s
        })
    };
    if exists {
        match opts.existing {
            Existing::Refuse => {
                return Err(Error::invalid(format!(
                    "{}: the output exists already; pass --resume to keep finished pairs or --force to align them again",
                    out.display()
                )));
            }
            Existing::Skip => {
                let gold = gold()?;
                let back = read_output(&out, opts.format).map_err(|e| {
                    Error::invalid(format!(
                        "{e} (an existing output that cannot be read back; remove it or pass --force)"
                    ))
                })?;
                let stats = Stats::of(&back.beads, back.confidences.as_deref(), back.flagged);
                return Ok((Status::Skipped, stats, score_of(gold, &back.beads)));
            }
            Existing::Overwrite => {}
        }
    }
    // Only regular files: a FIFO would block the batch forever, a device
    // (`/dev/zero`, `/dev/stdin`) has no end or belongs to someone else.
    for path in [Some(&p.src), Some(&p.tgt), p.gold.as_ref()].into_iter().flatten() {
        let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(Error::io(
                path,
                io::Error::other("not a regular file (a folder, a pipe or a device)"),
            ));
        }
    }
    let gold = gold()?;
    let doc = |path: &Path, code: Option<&str>, default| -> Result<Document> {
        let opts = DocOptions { lang: lang_for(code, default)?, ..opts.doc.clone() };
        Document::from_path(path, &opts)
    };
    let src = doc(&p.src, p.src_lang.as_deref(), opts.src_lang)?;
    let tgt = doc(&p.tgt, p.tgt_lang.as_deref(), opts.tgt_lang)?;
    let mut al = aligner.align(&src, &tgt);
    let written = output::Output {
        opts: opts.write,
        min_confidence: opts.min_confidence,
        ..output::Output::new(&src, &tgt, &al)
    };
    output::write_atomic(&out, |w| written.write(w, opts.format).map(|_| ()))?;
    if let Some(min) = opts.min_confidence {
        al.beads.retain(|b| b.shown_confidence() >= min);
    }
    let beads = index_beads(&al);
    // Confidences as the files keep them (3 decimals), so that a pair read
    // back by --resume counts exactly as it did when it was aligned.
    let conf: Vec<f64> =
        al.beads.iter().map(|b| format!("{:.3}", b.confidence).parse().unwrap_or(b.confidence)).collect();
    let flagged = al.beads.iter().filter(|b| !b.flags.is_empty()).count();
    let stats = Stats::of(&beads, Some(&conf), Some(flagged));
    Ok((Status::Ok, stats, score_of(gold, &beads)))
}

/// Runs one entry: aligns and writes a pair, or records why not.
pub fn process(entry: &Entry, aligner: &Aligner, opts: &BatchOptions) -> PairResult {
    let start = Instant::now();
    let (status, error, stats, score) = match entry {
        Entry::Bad { error, .. } => (Status::Error, Some(error.clone()), None, None),
        Entry::Pair(p) => match process_pair(p, aligner, opts) {
            Ok((status, stats, score)) => (status, None, Some(stats), score),
            Err(e) => (Status::Error, Some(e.to_string()), None, None),
        },
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    PairResult { id: entry.id().to_string(), status, error, stats, score, ms }
}

/// The summary's header.
pub fn summary_header(gold: bool) -> Vec<&'static str> {
    let mut h = vec![
        "id",
        "src_sentences",
        "tgt_sentences",
        "beads",
        "beads_1_1",
        "beads_merge",
        "beads_omission",
        "mean_confidence",
        "flagged",
        "ms",
        "status",
        "error",
    ];
    if gold {
        h.extend(["p_strict", "r_strict", "f1_strict", "p_lax", "r_lax", "f1_lax"]);
    }
    h
}

fn summary_row(
    id: &str,
    stats: Option<&Stats>,
    ms: f64,
    status: &str,
    error: &str,
    prf: Option<Prf>,
    gold: bool,
) -> Vec<String> {
    // The summary is opened in spreadsheets; ids and errors quote names
    // from the inputs, which must not run as formulas.
    let mut row = vec![output::neutralise(id).into_owned()];
    match stats {
        Some(s) => {
            for n in [s.src_sentences, s.tgt_sentences, s.beads, s.beads_1_1, s.beads_merge, s.beads_omission]
            {
                row.push(n.to_string());
            }
            row.push(s.mean_confidence().map_or_else(String::new, |c| format!("{c:.3}")));
            row.push(s.flagged.map_or_else(String::new, |f| f.to_string()));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(format!("{ms:.1}"));
    row.push(status.to_string());
    row.push(output::neutralise(&error.replace(['\n', '\r'], " ")).into_owned());
    if gold {
        match prf {
            Some(p) => {
                for v in [p.p_strict, p.r_strict, p.f1_strict, p.p_lax, p.r_lax, p.f1_lax] {
                    row.push(format!("{v:.4}"));
                }
            }
            None => row.extend(std::iter::repeat_n(String::new(), 6)),
        }
    }
    row
}

/// Turns duplicate ids and ids that would escape the output folder into
/// bad entries. `seen` maps each id used so far to where it was listed.
fn vet(entry: Entry, seen: &mut HashMap<String, String>) -> Entry {
    let Entry::Pair(p) = entry else { return entry };
    if let Err(msg) = check_id(&p.id) {
        return Entry::Bad { error: format!("{}: {msg}", p.origin), id: p.id, origin: p.origin };
    }
    if let Some(first) = seen.get(&p.id) {
        let error = format!(
            "{}: the id {:?} is already used by {first}; give the pairs distinct ids (an `id` column)",
            p.origin, p.id
        );
        return Entry::Bad { id: p.id, origin: p.origin, error };
    }
    seen.insert(p.id.clone(), p.origin.clone());
    Entry::Pair(p)
}

/// Runs a batch: aligns every entry on `pool`, a chunk at a time, writes one
/// output per pair and `summary.csv` (atomically, when the batch ends; its
/// rows go to a temporary file in the meantime), and calls `on_done` after
/// each pair, from the worker thread. An `Err` means the batch itself could
/// not run (the output folder, the summary or the manifest failed); a pair
/// that fails is counted in the report.
pub fn run<I>(
    entries: I,
    aligner: &Aligner,
    opts: &BatchOptions,
    pool: &rayon::ThreadPool,
    on_done: &(dyn Fn(&PairResult) + Sync),
) -> Result<Report>
where
    I: IntoIterator<Item = Result<Entry>>,
{
    let start = Instant::now();
    fs::create_dir_all(&opts.out_dir).map_err(|e| Error::io(&opts.out_dir, e))?;
    let mut report = Report {
        stale_temps_removed: remove_stale_temps(&opts.out_dir).map_err(|e| Error::io(&opts.out_dir, e))?,
        ..Report::default()
    };
    let mut entries = entries.into_iter();
    let mut fatal: Option<Error> = None;
    let chunk_size = opts.chunk.max(1);
    let summary = opts.out_dir.join(SUMMARY);
    let written = output::write_atomic(&summary, |w| {
        let mut csvw = csv::Writer::from_writer(w);
        csvw.write_record(summary_header(opts.gold))?;
        csvw.flush()?;
        let mut seen = HashMap::new();
        loop {
            let mut chunk = Vec::with_capacity(chunk_size);
            while chunk.len() < chunk_size {
                match entries.next() {
                    None => break,
                    Some(Ok(e)) => chunk.push(vet(e, &mut seen)),
                    Some(Err(e)) => {
                        fatal = Some(e);
                        return Err(io::Error::other("the batch stopped"));
                    }
                }
            }
            if chunk.is_empty() {
                break;
            }
            let results: Vec<PairResult> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|e| {
                        let r = process(e, aligner, opts);
                        on_done(&r);
                        r
                    })
                    .collect()
            });
            for r in &results {
                report.pairs += 1;
                match r.status {
                    Status::Ok => report.ok += 1,
                    Status::Skipped => report.skipped += 1,
                    Status::Error => report.failed += 1,
                }
                if let Some(s) = &r.stats {
                    report.stats.add(s);
                }
                if let Some(s) = &r.score {
                    report.score.precision += s.precision;
                    report.score.recall += s.recall;
                    report.gold_pairs += 1;
                }
                let prf = r.score.map(|s| s.prf());
                let row = summary_row(
                    &r.id,
                    r.stats.as_ref(),
                    r.ms,
                    r.status.as_str(),
                    r.error.as_deref().unwrap_or(""),
                    prf,
                    opts.gold,
                );
                csvw.write_record(&row)?;
            }
            csvw.flush()?;
        }
        report.ms = start.elapsed().as_secs_f64() * 1000.0;
        let (status, error) = if report.failed == 0 {
            ("ok", String::new())
        } else {
            ("error", format!("{} of {} pairs failed", report.failed, report.pairs))
        };
        let stats = (report.ok + report.skipped > 0).then_some(&report.stats);
        let row = summary_row(OVERALL_ID, stats, report.ms, status, &error, report.prf(), opts.gold);
        csvw.write_record(&row)?;
        csvw.flush()
    });
    if let Some(e) = fatal {
        return Err(e);
    }
    written?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_escape_are_refused() {
        for bad in ["", ".", "..", "../x", "a/b", "/etc", "a\\b", "c:x", "a\0b", "a\nb", "a\rb"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        for good in ["bbc.381790+3", "001", "..x", "مقال", "a b"] {
            assert!(check_id(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn stats_count_bead_types() {
        let beads = vec![
            (vec![0], vec![0]),
            (vec![1, 2], vec![1]),
            (vec![3], vec![]),
            (vec![], vec![2]),
            (vec![4], vec![3, 4, 5]),
        ];
        let s = Stats::of(&beads, Some(&[1.0, 0.5, 0.5, 0.5, 0.5]), Some(2));
        assert_eq!((s.src_sentences, s.tgt_sentences, s.beads), (5, 6, 5));
        assert_eq!((s.beads_1_1, s.beads_merge, s.beads_omission), (1, 2, 2));
        assert!((s.mean_confidence().unwrap() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn outputs_read_back_in_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
        let src = Document::from_text("One.\nTwo.\nThree 300.\n".into(), Path::new("s"), &opts).unwrap();
        let tgt = Document::from_text("Un.\nDeux. Trois 300.\n".into(), Path::new("t"), &opts).unwrap();
        let al = Aligner::default().align(&src, &tgt);
        let expect = index_beads(&al);
        for &(_, format) in Format::ALL.iter().filter(|(_, f)| f.keeps_beads() && *f != Format::Jsonl) {
            let path = output_path(dir.path(), "x", format);
            output::write_atomic(&path, |w| {
                output::write(w, format, &src, &tgt, &al, None, WriteOptions { bom: true })
            })
            .unwrap();
            let back = read_output(&path, format).unwrap();
            assert_eq!(back.beads, expect, "{format:?}");
            if format != Format::Vecalign {
                assert_eq!(back.confidences.unwrap().len(), expect.len());
            }
        }
    }

    #[test]
    fn stale_temps_of_dead_processes_go() {
        let dir = tempfile::tempdir().unwrap();
        let keep = ["a.tsv", ".notes.txt.tmp1", ".x.tsv.tmpabc", ".tsv.tmp7"];
        let gone = [".a.tsv.tmp4000000000-3".to_string(), format!(".summary.csv.tmp{}", std::process::id())];
        for n in keep.iter().copied().chain(gone.iter().map(String::as_str)) {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path()).unwrap(), 2);
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut want: Vec<_> = keep.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(left, want);
    }
}
