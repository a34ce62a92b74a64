//! `tandem pair`: arguments and the glue to [`tandem::pair`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use tandem::batch::Entry;
use tandem::pair::{self, PairConfig, PairOptions, Pairing};
use tandem::{DocOptions, Error, Result, lang, output};

use crate::cli::{AlignerArgs, EXIT_OK, InputArgs, parse_lang};

/// Pairs the documents of two folders: which one translates which.
#[derive(Debug, Args)]
pub struct PairArgs {
    /// Folder of source documents.
    src_dir: PathBuf,
    /// Folder of target documents (translations, under any names).
    tgt_dir: PathBuf,
    /// Write the manifest (src<TAB>tgt<TAB>score, paths relative to it) to
    /// FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the documents left without a counterpart to FILE
    /// (side<TAB>path<TAB>best candidate<TAB>its score).
    #[arg(long, value_name = "FILE")]
    unpaired: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) aligner: AlignerArgs,
    /// Language of the source documents; detected per document when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    src_lang: Option<&'static lang::LangRules>,
    /// Language of the target documents.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    tgt_lang: Option<&'static lang::LangRules>,
    /// Keep pairs scoring at least this (log-likelihood ratio); calibrated
    /// on the run when absent.
    #[arg(long, value_name = "SCORE")]
    threshold: Option<f64>,
    /// Skip the sentence-alignment check of the best candidates.
    #[arg(long)]
    no_check: bool,
    /// Write every scored candidate pair with its features to FILE.
    #[arg(long, value_name = "FILE")]
    candidates: Option<PathBuf>,
    /// Read documents that are symbolic links (otherwise they are left
    /// unpaired: a link can lead anywhere).
    #[arg(long)]
    follow_symlinks: bool,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// No closing lines on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `tandem pair`; returns the exit code.
pub fn run_pair(a: PairArgs) -> Result<i32> {
    let opts = PairOptions {
        doc: DocOptions {
            read: a.input.read_options()?,
            line_per_sentence: a.input.line_per_sentence,
            lang: None,
        },
        src_lang: a.src_lang,
        tgt_lang: a.tgt_lang,
        config: PairConfig { threshold: a.threshold, check: !a.no_check, ..PairConfig::default() },
        aligner: a.aligner.aligner()?,
        follow_symlinks: a.follow_symlinks,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()
        .map_err(|e| Error::invalid(format!("cannot start the worker threads: {e}")))?;
    let start = std::time::Instant::now();
    let pairing = pool.install(|| pair::pair_dirs(&a.src_dir, &a.tgt_dir, &opts))?;
    for path in a.output.iter().chain(&a.unpaired).chain(&a.candidates) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
    }
    let base = a.output.as_deref().and_then(Path::parent).map(Path::to_path_buf);
    match &a.output {
        Some(path) => output::write_atomic(path, |w| pair::write_manifest(w, &pairing, base.as_deref()))?,
        None => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            pair::write_manifest(&mut w, &pairing, None)
                .and_then(|_| w.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    if let Some(path) = &a.unpaired {
        output::write_atomic(path, |w| pair::write_unpaired(w, &pairing))?;
    }
    if let Some(path) = &a.candidates {
        output::write_atomic(path, |w| pair::write_candidates(w, &pairing))?;
    }
    if !a.quiet {
        report(&pairing, start.elapsed().as_secs_f64(), a.threshold.is_some());
    }
    Ok(EXIT_OK)
}

fn report(p: &Pairing, secs: f64, threshold_given: bool) {
    let m = &p.matching;
    let c = &m.calibration;
    let how =
        if threshold_given { "given".to_string() } else { format!("from {} runner-up scores", c.runner_ups) };
    eprintln!(
        "tandem: {} + {} documents in {secs:.1} s: {} pairs, {} + {} unpaired; threshold {:.2} ({how}); {} clear pairs, {} candidates aligned",
        p.src.len(),
        p.tgt.len(),
        m.pairs.len(),
        m.unpaired_src.len(),
        m.unpaired_tgt.len(),
        c.threshold,
        c.seeds,
        c.checks,
    );
    for (path, err) in &p.unreadable {
        eprintln!("tandem: warning: {} left unpaired: {err}", path.display());
    }
}

/// What `tandem batch --pair` passes on from its own options.
pub struct BatchPairing<'a> {
    /// How files are read.
    pub input: &'a InputArgs,
    /// The aligner (for the check).
    pub aligner: &'a AlignerArgs,
    /// Language of the source documents, if given.
    pub src_lang: Option<&'static lang::LangRules>,
    /// Language of the target documents, if given.
    pub tgt_lang: Option<&'static lang::LangRules>,
    /// Read documents that are symbolic links.
    pub follow_symlinks: bool,
    /// No closing lines.
    pub quiet: bool,
}

/// The entries of `tandem batch --pair`: the pairs found in two folders.
/// The unpaired documents are listed in `unpaired.tsv` in the output folder.
pub fn batch_entries(
    src_dir: &Path,
    tgt_dir: &Path,
    out_dir: &Path,
    how: &BatchPairing,
) -> Result<Vec<Entry>> {
    let opts = PairOptions {
        doc: DocOptions {
            read: how.input.read_options()?,
            line_per_sentence: how.input.line_per_sentence,
            lang: None,
        },
        src_lang: how.src_lang,
        tgt_lang: how.tgt_lang,
        aligner: how.aligner.aligner()?,
        follow_symlinks: how.follow_symlinks,
        ..PairOptions::default()
    };
    let start = std::time::Instant::now();
    let pairing = pair::pair_dirs(src_dir, tgt_dir, &opts)?;
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let unpaired = out_dir.join(UNPAIRED);
    output::write_atomic(&unpaired, |w| pair::write_unpaired(w, &pairing))?;
    if !how.quiet {
        report(&pairing, start.elapsed().as_secs_f64(), false);
        eprintln!("tandem: unpaired documents listed in {}", unpaired.display());
    }
    Ok(pair::entries(&pairing))
}

/// The list of unpaired documents `tandem batch --pair` writes in its output
/// folder.
pub const UNPAIRED: &str = "unpaired.tsv";
