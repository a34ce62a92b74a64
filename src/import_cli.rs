//! `tandem import`: a reviewed spreadsheet back into an alignment (see
//! [`tandem::import`]); and the output step shared with `tandem align`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use tandem::output::{Format, Output, WriteOptions};
use tandem::{DocOptions, Document, Error, Result, import, lang};

use crate::cli::{EXIT_OK, InputArgs, parse_format, parse_lang};

/// Reads a reviewed export of tandem's TSV/CSV/XLSX and writes the corrected
/// alignment.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The reviewed sheet: UTF-8 CSV, UTF-8 TSV (BOM or not), or Excel's
    /// "Unicode Text" (UTF-16 with BOM, tab-separated), with the columns
    /// src_text and tgt_text (src, tgt, wrong and status are used when there).
    reviewed: PathBuf,
    /// The source document the sheet was made from.
    #[arg(long, value_name = "FILE")]
    src: PathBuf,
    /// The target document the sheet was made from.
    #[arg(long, value_name = "FILE")]
    tgt: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Language of SRC (ISO 639-1); detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    src_lang: Option<&'static lang::LangRules>,
    /// Language of TGT; detected when absent.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    tgt_lang: Option<&'static lang::LangRules>,
    /// Output format: tsv, vecalign (a gold file for `tandem eval`), ladder,
    /// csv, xlsx, tmx, moses, jsonl or html.
    #[arg(long, short = 'f', default_value = "tsv", value_parser = parse_format)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Begin TSV/CSV with a UTF-8 byte-order mark.
    #[arg(long)]
    bom: bool,
}

/// Runs `tandem import`.
pub fn run_import(a: ImportArgs) -> Result<i32> {
    let read = a.input.read_options()?;
    let opts = |l| DocOptions { read: read.clone(), line_per_sentence: a.input.line_per_sentence, lang: l };
    let src = Document::from_path(&a.src, &opts(a.src_lang))?;
    let tgt = Document::from_path(&a.tgt, &opts(a.tgt_lang))?;
    let imported = import::import_path(&a.reviewed, &src, &tgt)?;
    if imported.wrong_rows > 0 {
        eprintln!(
            "tandem: {} row(s) marked wrong: their sentences are written as unaligned (1-0 and 0-1 beads)",
            imported.wrong_rows
        );
    }
    let out = Output { opts: WriteOptions { bom: a.bom }, ..Output::new(&src, &tgt, &imported.alignment) };
    emit(&out, a.format, a.output.as_deref())?;
    Ok(EXIT_OK)
}

/// Writes `out` to `path` (atomically; Moses as two files) or to standard
/// output, and prints the writer's warnings.
pub(crate) fn emit(out: &Output, format: Format, path: Option<&Path>) -> Result<()> {
    let report = match path {
        Some(path) => out.write_file(path, format)?.0,
        None => {
            let stdout = io::stdout();
            if format.is_binary() && stdout.is_terminal() {
                return Err(Error::invalid(format!(
                    "{} is a binary format; write it to a file with -o FILE",
                    format.name()
                )));
            }
            let mut w = io::BufWriter::new(stdout.lock());
            out.write(&mut w, format)
                .and_then(|r| w.flush().map(|_| r))
                .map_err(|e| Error::io("<stdout>", e))?
        }
    };
    for warning in report.warnings() {
        eprintln!("tandem: warning: {warning}");
    }
    Ok(())
}
