//! `tandem batch` and `tandem stream`: arguments and the glue to
//! [`tandem::batch`] and [`tandem::stream`].

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use tandem::batch::{self, BatchOptions, Entry, Existing, Manifest};
use tandem::input;
use tandem::output::{Format, WriteOptions};
use tandem::stream::{self, StreamOptions};
use tandem::{DocOptions, Error, Result, lang};

use crate::cli::{AlignerArgs, EXIT_OK, InputArgs, parse_format, parse_lang};

/// Exit code of `tandem batch` when the batch ran but some pairs failed
/// (their errors are in `summary.csv`).
pub const EXIT_SOME_FAILED: i32 = 3;

/// Aligns many pairs: from a manifest TSV, or from two folders paired by
/// file name.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Manifest TSV: header `src<TAB>tgt`, optionally `id`, `gold`,
    /// `src_lang`, `tgt_lang` columns; paths relative to the manifest. With
    /// a `gold` column the documents are read one sentence a line, as gold
    /// alignments number lines.
    #[arg(required_unless_present = "src_dir", conflicts_with = "src_dir")]
    manifest: Option<PathBuf>,
    /// Folder of source documents (paired with --tgt-dir by file name).
    #[arg(long, value_name = "DIR", requires = "tgt_dir")]
    src_dir: Option<PathBuf>,
    /// Folder of target documents.
    #[arg(long, value_name = "DIR", requires = "src_dir")]
    tgt_dir: Option<PathBuf>,
    /// Output folder: one file per pair (ID.tsv, ID.vecalign, ID.ladder)
    /// and summary.csv.
    #[arg(long, short = 'o', value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Output format: tsv, vecalign or ladder.
    #[arg(long, short = 'f', default_value = "tsv", value_parser = parse_format)]
    format: Format,
    /// Begin each TSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Write only beads whose confidence is at least X (0 to 1); the
    /// summary then counts (and scores against gold) the beads written.
    #[arg(long, value_name = "X", value_parser = crate::cli::parse_confidence)]
    min_confidence: Option<f64>,
    #[command(flatten)]
    aligner: AlignerArgs,
    /// Source language for rows that name none; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    src_lang: Option<&'static lang::LangRules>,
    /// Target language for rows that name none; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    tgt_lang: Option<&'static lang::LangRules>,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Pairs read and aligned together before their results are written.
    #[arg(long, value_name = "N", default_value_t = 256)]
    chunk: usize,
    /// Keep the pairs whose output file exists (from a run that stopped)
    /// and align the rest.
    #[arg(long, conflicts_with = "force")]
    resume: bool,
    /// Overwrite existing output files.
    #[arg(long)]
    force: bool,
    /// Read files in --src-dir/--tgt-dir that are symbolic links (otherwise
    /// such a pair is an error: a link can lead anywhere).
    #[arg(long, requires = "src_dir")]
    follow_symlinks: bool,
    /// Pair the documents of --src-dir and --tgt-dir by content, not by file
    /// name (as `tandem pair` does); the documents left unpaired are listed
    /// in unpaired.tsv in the output folder.
    #[arg(long, requires = "src_dir")]
    pair: bool,
    /// No progress bar and no closing lines.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Aligns a stream of JSON Lines records from stdin to stdout.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// A text given as one string is already split, one sentence per line.
    #[arg(long)]
    line_per_sentence: bool,
    /// Source language for records that name none; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    src_lang: Option<&'static lang::LangRules>,
    /// Target language for records that name none; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    tgt_lang: Option<&'static lang::LangRules>,
    #[command(flatten)]
    aligner: AlignerArgs,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// At most this many records are aligned together (0: 8 per thread).
    #[arg(long, value_name = "N", default_value_t = 0)]
    chunk: usize,
    /// Answer input lines longer than this many bytes with an error.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input: u64,
}

fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("tandem-{i}"))
        .build()
        .map_err(|e| Error::invalid(format!("cannot start the worker threads: {e}")))
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() || !io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} pairs  {rate}  ETA {eta}  {msg}")
            .expect("a valid template")
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} pairs/s", s.per_sec());
            })
            .progress_chars("=> ");
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Runs `tandem batch`; returns the exit code.
pub fn run_batch(a: BatchArgs) -> Result<i32> {
    let read = a.input.read_options()?;
    let aligner = a.aligner.aligner()?;
    let pool = pool(a.threads)?;
    let existing = match (a.resume, a.force) {
        (true, _) => Existing::Skip,
        (_, true) => Existing::Overwrite,
        _ => Existing::Refuse,
    };
    let mut opts = BatchOptions {
        format: a.format,
        write: WriteOptions { bom: a.bom },
        doc: DocOptions { read, line_per_sentence: a.input.line_per_sentence, lang: None },
        src_lang: a.src_lang,
        tgt_lang: a.tgt_lang,
        existing,
        chunk: a.chunk.max(1),
        min_confidence: a.min_confidence,
        ..BatchOptions::new(a.out.clone())
    };
    let (entries, total): (Box<dyn Iterator<Item = Result<Entry>>>, u64) = match (&a.manifest, &a.src_dir) {
        (Some(path), _) => {
            let manifest = Manifest::open(path)?;
            opts.gold = manifest.has_gold();
            let total = Manifest::count(path)?;
            (Box::new(manifest), total)
        }
        (None, Some(src_dir)) => {
            let tgt_dir = a.tgt_dir.as_ref().expect("clap requires --tgt-dir with --src-dir");
            let entries = if a.pair {
                let how = crate::pair_cli::BatchPairing {
                    input: &a.input,
                    aligner: &a.aligner,
                    src_lang: a.src_lang,
                    tgt_lang: a.tgt_lang,
                    follow_symlinks: a.follow_symlinks,
                    quiet: a.quiet,
                };
                pool.install(|| crate::pair_cli::batch_entries(src_dir, tgt_dir, &a.out, &how))?
            } else {
                batch::pair_folders_with(src_dir, tgt_dir, a.follow_symlinks)?
            };
            let total = entries.len() as u64;
            (Box::new(entries.into_iter().map(Ok)), total)
        }
        (None, None) => return Err(Error::invalid("give a manifest or --src-dir and --tgt-dir")),
    };
    // Gold alignments number lines: only with one sentence a line do the
    // predicted beads speak of the same sentences, so F1 means something.
    if opts.gold && !opts.doc.line_per_sentence {
        opts.doc.line_per_sentence = true;
        if !a.quiet {
            eprintln!(
                "tandem: the manifest has gold alignments, which number lines: reading one sentence a line"
            );
        }
    }
    let bar = progress_bar(total, a.quiet);
    let failed = std::sync::atomic::AtomicU64::new(0);
    let on_done = |r: &batch::PairResult| {
        if r.status == batch::Status::Error {
            let n = failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            bar.set_message(format!("{n} failed"));
        }
        bar.inc(1);
    };
    let report = batch::run(entries, &aligner, &opts, &pool, &on_done);
    bar.finish_and_clear();
    let report = report?;
    if !a.quiet {
        if report.stale_temps_removed > 0 {
            eprintln!(
                "tandem: removed {} temporary file(s) left by an interrupted run",
                report.stale_temps_removed
            );
        }
        eprintln!(
            "tandem: {} pairs in {:.1} s: {} aligned, {} skipped, {} failed; summary in {}",
            report.pairs,
            report.ms / 1000.0,
            report.ok,
            report.skipped,
            report.failed,
            crate::cli::escape_controls(&a.out.join(batch::SUMMARY).display().to_string())
        );
        if let Some(prf) = report.prf() {
            eprintln!("tandem: overall ({} pairs with gold, micro-averaged): {prf}", report.gold_pairs);
        }
    }
    Ok(if report.failed == 0 { EXIT_OK } else { EXIT_SOME_FAILED })
}

/// Runs `tandem stream`; returns the exit code. Records that fail are
/// answered in the stream and do not change the exit code.
pub fn run_stream(a: StreamArgs) -> Result<i32> {
    let aligner = a.aligner.aligner()?;
    let pool = pool(a.threads)?;
    let chunk = if a.chunk == 0 { pool.current_num_threads() * 8 } else { a.chunk };
    let opts = StreamOptions {
        line_per_sentence: a.line_per_sentence,
        src_lang: a.src_lang,
        tgt_lang: a.tgt_lang,
        chunk,
        max_line: a.max_input,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    stream::run(io::stdin(), &mut out, &aligner, &opts, &pool)?;
    Ok(EXIT_OK)
}
