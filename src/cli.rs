//! Command-line definition and the glue from arguments to library calls.
//! Arguments are parsed into plain structs first and turned into library
//! configuration here; the library never sees clap types.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use tandem::eval::{self, Score};
use tandem::input::{self, ReadOptions};
use tandem::output::{self, Format, WriteOptions};
use tandem::{AlignConfig, Aligner, Dictionary, DocOptions, Document, Error, Result, lang};

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an error stopped the run.
pub const EXIT_ERROR: i32 = 2;

/// Aligns a document with its translation, sentence by sentence.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Align SRC with its translation TGT and write the beads.
    Align(AlignArgs),
    /// Split a file into sentences, one per line.
    Segment(SegmentArgs),
    /// Score a predicted alignment (vecalign beads, or tandem's TSV) against
    /// a gold alignment (vecalign beads).
    Eval(EvalArgs),
    /// Align many pairs (a manifest TSV, or two folders paired by file name)
    /// into one file per pair and a summary.csv.
    Batch(crate::batch_cli::BatchArgs),
    /// Align JSON Lines records from stdin, one JSON line out per line in.
    Stream(crate::batch_cli::StreamArgs),
    /// Read a reviewed spreadsheet (CSV, TSV or UTF-16 "Unicode Text" of
    /// tandem's columns) and write the corrected alignment.
    Import(crate::import_cli::ImportArgs),
    /// Pair the documents of two folders (which translates which) into a
    /// manifest for `tandem batch`, and list the documents left unpaired.
    Pair(crate::pair_cli::PairArgs),
    /// Measure alignment speed on a synthetic set (or a manifest) at given
    /// sizes and thread counts, with peak memory and F1 as a sanity check.
    Bench(crate::bench_cli::BenchArgs),
}

/// How input files are read (shared by align, segment and batch).
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// The input is already split into sentences, one per line.
    #[arg(long)]
    pub(crate) line_per_sentence: bool,
    /// Encoding of the inputs when not UTF-8 or BOM-marked UTF-16
    /// (e.g. windows-1256, iso-8859-6, utf-16le).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Refuse input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    pub(crate) max_input: u64,
    /// Refuse documents with more sentences than this.
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_SENTENCES)]
    pub(crate) max_sentences: usize,
}

/// How the aligner is set up (shared by align, batch and stream).
#[derive(Debug, Args)]
pub(crate) struct AlignerArgs {
    /// Bilingual dictionary: hunalign `target @ source` lines or
    /// `source<TAB>target` rows, either way round (it is turned to fit).
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Do not use tandem's built-in word lists (English against each of 18
    /// languages, and two of those paired through English);
    /// `--dict` still applies.
    #[arg(long)]
    no_lexicon: bool,
    /// Override a tunable of the aligner (repeatable), e.g. anchor_match=2.5.
    #[arg(long, value_name = "KEY=VALUE")]
    config: Vec<String>,
}

impl AlignerArgs {
    /// The aligner these options describe.
    pub(crate) fn aligner(&self) -> Result<Aligner> {
        let mut cfg = AlignConfig::default();
        cfg.apply(&self.config).map_err(Error::invalid)?;
        let mut aligner = Aligner::new(cfg);
        if self.no_lexicon {
            aligner = aligner.without_lexicon();
        }
        Ok(match &self.dict {
            Some(path) => aligner.with_dict(Dictionary::from_path(path)?),
            None => aligner,
        })
    }
}

impl InputArgs {
    /// The read options these arguments describe.
    pub(crate) fn read_options(&self) -> Result<ReadOptions> {
        Ok(ReadOptions {
            encoding: self.encoding.as_deref().map(input::encoding_for_label).transpose()?,
            max_input: self.max_input,
            max_sentences: self.max_sentences,
        })
    }
}

#[derive(Debug, Args)]
struct AlignArgs {
    /// Source document.
    src: PathBuf,
    /// Target document (its translation).
    tgt: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Output format: tsv, vecalign, ladder, csv, xlsx, tmx, moses, jsonl or
    /// html.
    #[arg(long, short = 'f', default_value = "tsv", value_parser = parse_format)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output; with
    /// `--format moses`, FILE.SRCLANG and FILE.TGTLANG.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write only beads whose confidence is at least X (0 to 1).
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    min_confidence: Option<f64>,
    /// Language of SRC (ISO 639-1, e.g. en); detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    src_lang: Option<&'static lang::LangRules>,
    /// Language of TGT; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    tgt_lang: Option<&'static lang::LangRules>,
    #[command(flatten)]
    aligner: AlignerArgs,
    /// Begin the TSV with a UTF-8 byte-order mark (Excel needs it for Arabic).
    #[arg(long)]
    bom: bool,
    /// Add each bead's cost terms to the TSV (prior, length, anchor, punct,
    /// para, total).
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Args)]
struct SegmentArgs {
    /// The file to split.
    file: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Language (ISO 639-1); detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    lang: Option<&'static lang::LangRules>,
    /// Print paragraph number and byte span before each sentence.
    #[arg(long)]
    spans: bool,
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// Predicted alignment: vecalign beads, or a TSV written by tandem (then
    /// confidence calibration is reported too).
    #[arg(required_unless_present = "sets")]
    pred: Option<PathBuf>,
    /// Gold alignment in vecalign beads.
    #[arg(required_unless_present = "sets")]
    gold: Option<PathBuf>,
    /// Instead of PRED and GOLD: align and score every pair of these
    /// evaluation sets (folders with a pairs.tsv of src, tgt, gold).
    #[arg(long, num_args = 1.., value_name = "DIR", conflicts_with_all = ["pred", "gold"])]
    sets: Vec<PathBuf>,
    /// With --sets: the aligner's dictionary and tunables.
    #[command(flatten)]
    aligner: AlignerArgs,
    /// PRED and GOLD list document pairs (a `tandem pair` manifest, a gold
    /// `en<TAB>ar` list): report precision, recall and F1 of the pairs,
    /// comparing file names.
    #[arg(long, conflicts_with = "sets")]
    pairs: bool,
}

pub(crate) fn parse_format(s: &str) -> std::result::Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        let names: Vec<_> = Format::ALL.iter().map(|(n, _)| *n).collect();
        format!("unknown format {s:?}; use one of {}", names.join(", "))
    })
}

pub(crate) fn parse_confidence(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a confidence between 0 and 1")),
    }
}

pub(crate) fn parse_lang(s: &str) -> std::result::Result<&'static lang::LangRules, String> {
    lang::by_code(s).ok_or_else(|| {
        let codes: Vec<_> = lang::ALL.iter().map(|r| r.code).collect();
        format!("no rules for language {s:?}; known: {} (leave it out to detect)", codes.join(", "))
    })
}

/// Parses the command line (exits on `--help` or a usage error).
pub fn parse() -> Cli {
    Cli::parse()
}

/// Runs a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let result = match cli.command {
        Command::Align(a) => align(a),
        Command::Segment(a) => segment(a),
        Command::Eval(a) => evaluate(a),
        Command::Batch(a) => crate::batch_cli::run_batch(a),
        Command::Stream(a) => crate::batch_cli::run_stream(a),
        Command::Import(a) => crate::import_cli::run_import(a),
        Command::Pair(a) => crate::pair_cli::run_pair(a),
        Command::Bench(a) => crate::bench_cli::run_bench(a),
    };
    // Messages quote paths and text from the inputs: never let them act on
    // the terminal they are printed to.
    result.map_err(|e| match escape_controls(&e.to_string()) {
        Cow::Owned(msg) if !e.is_broken_pipe() => Error::invalid(msg),
        _ => e,
    })
}

/// Whether a terminal would act on `c` rather than show it: a C0 control
/// character other than tab and newline (ESC starts every escape sequence,
/// CR and BS overwrite what is shown), DEL, or a C1 control character
/// (U+009B is CSI on its own).
pub(crate) fn is_terminal_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}')
}

/// `text` with every character of [`is_terminal_control`] written as a
/// visible escape in Rust's notation, `\u{1b}`, as error messages quote text.
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_terminal_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Prints a warning on standard error, its quoted text made harmless.
pub(crate) fn warn(msg: &str) {
    eprintln!("tandem: warning: {}", escape_controls(msg));
}

/// A writer that, when `on`, writes the characters of
/// [`is_terminal_control`] as visible escapes (see [`escape_controls`]):
/// what tandem prints to a terminal is document text, and text from the
/// outside must not move the cursor, retitle the window or hide lines.
/// Works on bytes of UTF-8; a C1 character split across two writes is
/// still caught.
pub(crate) struct TerminalSafe<W: Write> {
    inner: W,
    on: bool,
    /// The last write ended with 0xC2, the first byte of every C1 character.
    pending_c2: bool,
}

impl<W: Write> TerminalSafe<W> {
    /// Wraps `inner`; escapes only when `on` (standard output is a terminal).
    pub(crate) fn new(inner: W, on: bool) -> TerminalSafe<W> {
        TerminalSafe { inner, on, pending_c2: false }
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        let escape = |out: &mut Vec<u8>, b: u8| out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
        let mut out = Vec::with_capacity(buf.len() + 16);
        let mut i = 0;
        if std::mem::take(&mut self.pending_c2) {
            match buf.first() {
                Some(&b @ 0x80..=0x9f) => {
                    escape(&mut out, b);
                    i = 1;
                }
                Some(_) => out.push(0xc2),
                None => self.pending_c2 = true,
            }
        }
        while i < buf.len() {
            match buf[i] {
                b @ (0x00..=0x08 | 0x0b..=0x1f | 0x7f) => escape(&mut out, b),
                // 0xC2 is never a continuation byte: before 0x80..=0x9F it
                // starts a C1 character.
                0xc2 => match buf.get(i + 1) {
                    Some(&b @ 0x80..=0x9f) => {
                        escape(&mut out, b);
                        i += 1;
                    }
                    Some(_) => out.push(0xc2),
                    None => self.pending_c2 = true,
                },
                b => out.push(b),
            }
            i += 1;
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

fn align(a: AlignArgs) -> Result<i32> {
    let read = a.input.read_options()?;
    let opts = |l| DocOptions { read: read.clone(), line_per_sentence: a.input.line_per_sentence, lang: l };
    let src = Document::from_path(&a.src, &opts(a.src_lang))?;
    let tgt = Document::from_path(&a.tgt, &opts(a.tgt_lang))?;
    if src.lang.code != "und" && src.lang.code == tgt.lang.code && a.src_lang.is_none() {
        eprintln!(
            "tandem: warning: both sides look like {:?}; a translation is expected on the target side (set --src-lang/--tgt-lang to silence)",
            src.lang.code
        );
    }
    let aligner = a.aligner.aligner()?;
    let (alignment, terms) = aligner.align_explained(&src, &tgt);
    let terms = a.explain.then_some(terms.as_slice());
    let out = output::Output {
        terms,
        opts: WriteOptions { bom: a.bom },
        min_confidence: a.min_confidence,
        ..output::Output::new(&src, &tgt, &alignment)
    };
    for doc in [&src, &tgt] {
        if let Some(w) = doc.cut_warning() {
            warn(&w);
        }
    }
    match a.output.as_deref() {
        // Text formats to a terminal: document text, made harmless.
        None if io::stdout().is_terminal() && !a.format.is_binary() => {
            let stdout = io::stdout();
            let mut w = TerminalSafe::new(io::BufWriter::new(stdout.lock()), true);
            let report = out
                .write(&mut w, a.format)
                .and_then(|r| w.flush().map(|_| r))
                .map_err(|e| Error::io("<stdout>", e))?;
            for warning in report.warnings() {
                warn(&warning);
            }
        }
        // A device or a pipe (`-o /dev/null`, a FIFO) is written to: an
        // atomic write would rename a regular file over it (as root, over
        // /dev/null itself).
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, e))?;
            let mut w = io::BufWriter::new(file);
            let report = out
                .write(&mut w, a.format)
                .and_then(|r| w.flush().map(|_| r))
                .map_err(|e| Error::io(path, e))?;
            for warning in report.warnings() {
                warn(&warning);
            }
        }
        path => crate::import_cli::emit(&out, a.format, path)?,
    }
    Ok(EXIT_OK)
}

fn segment(a: SegmentArgs) -> Result<i32> {
    let opts = DocOptions {
        read: a.input.read_options()?,
        line_per_sentence: a.input.line_per_sentence,
        lang: a.lang,
    };
    let doc = Document::from_path(&a.file, &opts)?;
    if let Some(w) = doc.cut_warning() {
        warn(&w);
    }
    let stdout = io::stdout();
    // On a terminal, control characters of the text are shown escaped;
    // into a pipe or a file the sentences go unchanged (their spans and
    // lines must match the input).
    let terminal = stdout.is_terminal();
    let mut w = TerminalSafe::new(io::BufWriter::new(stdout.lock()), terminal);
    let res = (|| -> io::Result<()> {
        for s in &doc.sentences {
            if a.spans {
                write!(w, "{}\t{}..{}\t", s.para, s.span.start, s.span.end)?;
            }
            writeln!(w, "{}", s.text)?;
        }
        w.flush()
    })();
    res.map_err(|e| Error::io("<stdout>", e))?;
    Ok(EXIT_OK)
}

/// Reads predicted beads: vecalign lines, or tandem's TSV with confidences.
fn read_prediction(path: &Path) -> Result<(Vec<eval::IndexBead>, Option<Vec<f64>>)> {
    // Not input::read_text: an empty prediction is valid here (it scores 0).
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !text.starts_with("src\ttgt\t") {
        return Ok((eval::parse_beads(text, path)?, None));
    }
    let mut rdr = csv::ReaderBuilder::new().delimiter(b'\t').from_reader(text.as_bytes());
    let (mut beads, mut conf) = (Vec::new(), Vec::new());
    for (n, rec) in rdr.records().enumerate() {
        let pos = || tandem::Position::file(path).with_line(n + 2);
        let rec = rec.map_err(|e| Error::parse(pos(), e.to_string()))?;
        let range = |s: &str| -> Result<Vec<usize>> {
            if s.is_empty() {
                return Ok(Vec::new());
            }
            let (a, b) = s.split_once("..").unwrap_or((s, s));
            let (a, b): (usize, usize) = (
                a.parse().map_err(|_| Error::parse(pos(), format!("bad sentence number {s:?}")))?,
                b.parse().map_err(|_| Error::parse(pos(), format!("bad sentence number {s:?}")))?,
            );
            // A bead holds a handful of sentences; a huge range is not a
            // tandem TSV and must not allocate billions of indices.
            if a == 0 || b < a || b - a >= tandem::batch::MAX_BEAD_SENTENCES {
                return Err(Error::parse(pos(), format!("bad sentence range {s:?}")));
            }
            Ok((a - 1..b).collect())
        };
        if rec.len() < 4 {
            return Err(Error::parse(pos(), "too few columns for a tandem TSV"));
        }
        beads.push((range(&rec[0])?, range(&rec[1])?));
        conf.push(rec[3].parse().map_err(|_| Error::parse(pos(), "bad confidence"))?);
    }
    Ok((beads, Some(conf)))
}

fn evaluate(a: EvalArgs) -> Result<i32> {
    if !a.sets.is_empty() {
        return evaluate_sets(&a);
    }
    let mut out = io::stdout().lock();
    let (Some(pred_path), Some(gold_path)) = (&a.pred, &a.gold) else {
        return Err(Error::invalid("eval needs PRED and GOLD, or --sets DIR..."));
    };
    if a.pairs {
        let (pred, gold) = (tandem::pair::read_pairs(pred_path)?, tandem::pair::read_pairs(gold_path)?);
        writeln!(out, "{}", tandem::pair::PairScore::of(&pred, &gold)).map_err(stdout_error)?;
        return Ok(EXIT_OK);
    }
    let (pred, conf) = read_prediction(pred_path)?;
    let gold = eval::read_beads(gold_path)?;
    let problems = eval::gold_problems(&gold);
    if !problems.is_empty() {
        eprintln!(
            "tandem: note: {}: no monotone aligner can match this gold everywhere: {}",
            gold_path.display(),
            problems.join("; ")
        );
    }
    let mut score = Score::default();
    score.add(&gold, &pred);
    writeln!(out, "{}", score.prf()).map_err(stdout_error)?;
    if let Some(conf) = conf {
        let c = eval::calibration(&eval::judge(&gold, &pred, &conf));
        writeln!(
            out,
            "calibration: ECE {:.3} | precision at confidence >= 0.9 {:.3} | review effort {:.3}",
            c.ece, c.precision_at_90, c.review_effort
        )
        .map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

fn evaluate_sets(a: &EvalArgs) -> Result<i32> {
    let mut out = io::stdout().lock();
    let aligner = a.aligner.aligner()?;
    let (mut all, mut judged) = (Score::default(), Vec::new());
    for dir in &a.sets {
        let r = eval::evaluate_set(dir, &aligner)?;
        for (path, problems) in &r.gold_problems {
            eprintln!(
                "tandem: note: {}: no monotone aligner can match this gold everywhere: {}",
                path.display(),
                problems.join("; ")
            );
        }
        let c = eval::calibration(&r.judged);
        writeln!(
            out,
            "{:22} pairs {:3}  {}  | ECE {:.3} P@0.9 {:.3} effort {:.3}",
            r.name,
            r.pairs,
            r.score.prf(),
            c.ece,
            c.precision_at_90,
            c.review_effort
        )
        .map_err(stdout_error)?;
        all.precision += r.score.precision;
        all.recall += r.score.recall;
        judged.extend(r.judged);
    }
    let c = eval::calibration(&judged);
    writeln!(
        out,
        "{:22} {:9}  {}  | ECE {:.3} P@0.9 {:.3} effort {:.3}",
        "all",
        "",
        all.prf(),
        c.ece,
        c.precision_at_90,
        c.review_effort
    )
    .map_err(stdout_error)?;
    let bands: Vec<String> = c
        .bands
        .iter()
        .enumerate()
        .map(|(k, (n, p))| format!("{:.1}-{:.1}: {p:.2} of {n}", k as f64 / 10.0, (k + 1) as f64 / 10.0))
        .collect();
    writeln!(out, "share correct per confidence band: {}", bands.join(" | ")).map_err(stdout_error)?;
    writeln!(out, "90% of wrong beads have confidence <= {:.3}", c.threshold_90).map_err(stdout_error)?;
    Ok(EXIT_OK)
}

/// Standard output failed (a closed pipe ends the program quietly, see
/// `main`).
fn stdout_error(err: io::Error) -> Error {
    Error::io("<stdout>", err)
}
