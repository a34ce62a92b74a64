//! JSON Lines: one object per bead, for MT pipelines and scripts.
//!
//! `{"bead": 1, "src": [0], "tgt": [0, 1], "type": "1-2", "confidence": 0.93,
//! "flags": ["length"], "src_text": "…", "tgt_text": "…"}`: `bead` is the
//! 1-based bead number, `src`/`tgt` 0-based sentence numbers (as vecalign);
//! `--explain` adds `costs`.

use std::io::{self, Write};

use serde::Serialize;

use super::Ctx;

#[derive(Serialize)]
struct Costs {
    prior: f64,
    length: f64,
    anchor: f64,
    lexical: f64,
    punct: f64,
    para: f64,
    outsider: f64,
    total: f64,
}

#[derive(Serialize)]
struct Line<'a> {
    bead: usize,
    src: Vec<usize>,
    tgt: Vec<usize>,
    #[serde(rename = "type")]
    kind: String,
    confidence: f64,
    flags: Vec<&'a str>,
    src_text: String,
    tgt_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    costs: Option<Costs>,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(super) fn write(out: &mut dyn Write, ctx: &Ctx) -> io::Result<()> {
    for &(n, bead) in &ctx.beads {
        let (a, b) = bead.kind();
        let flags = bead.flags.to_string();
        let line = Line {
            bead: n + 1,
            src: bead.src.clone().collect(),
            tgt: bead.tgt.clone().collect(),
            kind: format!("{a}-{b}"),
            confidence: bead.shown_confidence(),
            flags: flags.split(',').filter(|f| !f.is_empty()).collect(),
            src_text: ctx.src_text(bead),
            tgt_text: ctx.tgt_text(bead),
            costs: ctx.terms_of(n).map(|t| Costs {
                prior: round3(t[0]),
                length: round3(t[1]),
                anchor: round3(t[2]),
                lexical: round3(t[3]),
                punct: round3(t[4]),
                para: round3(t[5]),
                outsider: round3(t[6]),
                total: round3(t[7]),
            }),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
