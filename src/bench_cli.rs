//! `tandem bench`: aligns a synthetic set (or a given manifest) at the sizes
//! and thread counts asked and prints a table of speeds, peak memory and
//! strict F1. The set and the runs are those of `tandem batch`, so the
//! figures are what a user of the batch command gets: reading, splitting,
//! aligning and writing included.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use clap::Args;

use tandem::batch::{self, BatchOptions, Existing, Manifest};
use tandem::bench::{self, Measurement};
use tandem::{DocOptions, Error, Result};

use crate::batch_cli::EXIT_SOME_FAILED;
use crate::cli::{AlignerArgs, EXIT_OK, InputArgs};

/// Measures alignment speed: prints, per size and thread count, seconds,
/// sentences/s (source sentences), pairs/s, peak memory, speed-up over one
/// thread and strict F1 against the gold.
///
/// Each run is a `tandem batch` of the set into a scratch folder: reading,
/// aligning and writing TSV, timed by the wall clock. Peak memory is the
/// process's resident peak during the run (VmHWM, reset before each run,
/// so memory the allocator kept from earlier runs counts too; n/a where
/// /proc is missing). The synthetic pairs are English/Arabic news
/// sentences with merges and omissions and an exact gold, so F1 is a
/// sanity check of the run, not a measure of quality on real text.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Sentences a side of each synthetic pair; one set per size.
    #[arg(long, value_name = "N,...", value_delimiter = ',', default_value = "100,1000,10000")]
    sizes: Vec<usize>,
    /// Thread counts to run every set with.
    #[arg(long, short = 'j', value_name = "N,...", value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Synthetic pairs per size.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pairs: usize,
    /// Seed of the synthetic set (the same seed gives the same set).
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// Run the pairs of this manifest (as `tandem batch` reads it) instead
    /// of a synthetic set.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sizes", "pairs", "seed"])]
    manifest: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    aligner: AlignerArgs,
    /// Write the synthetic sets and the outputs under DIR and keep them
    /// (default: a temporary folder, removed at the end).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// No progress lines on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// The folder the benchmark works in: kept when the user named it, else a
/// fresh temporary folder removed on drop.
struct WorkDir {
    path: PathBuf,
    keep: bool,
}

impl WorkDir {
    fn new(dir: Option<&Path>) -> Result<WorkDir> {
        let (path, keep) = match dir {
            Some(d) => (d.to_path_buf(), true),
            None => {
                let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
                (std::env::temp_dir().join(format!("tandem-bench-{}-{nanos}", std::process::id())), false)
            }
        };
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        Ok(WorkDir { path, keep })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Runs `tandem bench`; returns the exit code.
pub fn run_bench(a: BenchArgs) -> Result<i32> {
    if a.threads.contains(&0) || a.sizes.contains(&0) || a.pairs == 0 {
        return Err(Error::invalid("--sizes, --threads and --pairs take numbers of 1 or more"));
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match a.threads.iter().find(|&&t| t > cores) {
        Some(t) if !a.quiet => {
            eprintln!("tandem: warning: {t} threads on {cores} cores; the speed-up cannot pass {cores}")
        }
        _ => {}
    }
    let aligner = a.aligner.aligner()?;
    let read = a.input.read_options()?;
    let work = WorkDir::new(a.dir.as_deref())?;
    let progress = |msg: String| {
        if !a.quiet {
            eprintln!("tandem: bench: {msg}");
        }
    };
    // One set per size, or the manifest given (no size). A set is written
    // just before its runs, so earlier sets do not weigh on its memory.
    let sizes: Vec<Option<usize>> =
        if a.manifest.is_some() { vec![None] } else { a.sizes.iter().copied().map(Some).collect() };
    let mut rows = Vec::new();
    let mut failed = 0;
    for size in sizes {
        let (manifest, line_per_sentence) = match size {
            Some(size) => {
                progress(format!("writing {} synthetic pairs of {size} sentences", a.pairs));
                let dir = work.path.join(format!("set-{size}"));
                (bench::write_set(&dir, a.pairs, size, a.seed)?, true)
            }
            None => (a.manifest.clone().expect("no size means a manifest"), a.input.line_per_sentence),
        };
        let label = size.map_or_else(|| "manifest".to_string(), |s| s.to_string());
        let gold = Manifest::open(&manifest)?.has_gold();
        for &threads in &a.threads {
            progress(format!("aligning set {label} on {threads} thread(s)"));
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("tandem-bench-{i}"))
                .build()
                .map_err(|e| Error::invalid(format!("cannot start the worker threads: {e}")))?;
            let opts = BatchOptions {
                doc: DocOptions { read: read.clone(), line_per_sentence, lang: None },
                existing: Existing::Overwrite,
                gold,
                ..BatchOptions::new(work.path.join(format!("out-{label}-{threads}")))
            };
            let entries = Manifest::open(&manifest)?;
            bench::reset_peak_memory();
            let start = Instant::now();
            let report = batch::run(entries, &aligner, &opts, &pool, &|_| {})?;
            let seconds = start.elapsed().as_secs_f64();
            let peak_memory = bench::peak_memory();
            if report.failed > 0 {
                failed += report.failed;
                eprintln!(
                    "tandem: warning: {} of {} pairs failed (see {}{})",
                    report.failed,
                    report.pairs,
                    opts.out_dir.join(batch::SUMMARY).display(),
                    if work.keep { "" } else { "; pass --dir to keep it" }
                );
            }
            let mean = || format!("~{}", report.stats.src_sentences.checked_div(report.ok).unwrap_or(0));
            rows.push(Measurement {
                size: size.map_or_else(mean, |s| s.to_string()),
                threads,
                pairs: report.ok,
                sentences: report.stats.src_sentences,
                seconds,
                peak_memory,
                f1: report.prf().map(|p| p.f1_strict),
            });
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(bench::table(&rows).as_bytes()).map_err(|e| Error::io("<stdout>", e))?;
    Ok(if failed == 0 { EXIT_OK } else { EXIT_SOME_FAILED })
}
