//! Moses plain text, the input of MT training: a sentence pair per line,
//! the source in one file and the target in the other, or `src<TAB>tgt` on
//! one stream. The sentences of a merged bead are joined by a space; 1-0
//! and 0-1 beads are left out (there is no pair to train on). Tabs and line
//! breaks inside a sentence become spaces, so lines stay pairs.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Ctx, Report};

/// The two files of `--format moses -o PATH`: `PATH.SRC` and `PATH.TGT`
/// with the languages' codes (`out.en`, `out.ar`); `PATH.src` and
/// `PATH.tgt` when both sides have the same code.
pub fn moses_paths(path: &Path, src_code: &str, tgt_code: &str) -> (PathBuf, PathBuf) {
    let (s, t) = if src_code == tgt_code { ("src", "tgt") } else { (src_code, tgt_code) };
    let with = |ext: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    };
    (with(s), with(t))
}

fn one_line(text: String) -> String {
    if text.contains(['\t', '\n', '\r']) { text.replace(['\t', '\n', '\r'], " ") } else { text }
}

/// Writes one side, a sentence (or merged sentences) per line.
pub(super) fn write_side(out: &mut dyn Write, ctx: &mut Ctx, source: bool) -> io::Result<Report> {
    for &(_, bead) in &ctx.beads {
        if bead.is_omission() {
            ctx.report.omissions_left_out += 1;
            continue;
        }
        let text = if source { ctx.src_text(bead) } else { ctx.tgt_text(bead) };
        writeln!(out, "{}", one_line(text))?;
    }
    ctx.report.written -= ctx.report.omissions_left_out;
    Ok(ctx.report.clone())
}

/// Writes `src<TAB>tgt` lines.
pub(super) fn write_tab(out: &mut dyn Write, ctx: &mut Ctx) -> io::Result<()> {
    for &(_, bead) in &ctx.beads {
        if bead.is_omission() {
            ctx.report.omissions_left_out += 1;
            continue;
        }
        writeln!(out, "{}\t{}", one_line(ctx.src_text(bead)), one_line(ctx.tgt_text(bead)))?;
    }
    ctx.report.written -= ctx.report.omissions_left_out;
    Ok(())
}
