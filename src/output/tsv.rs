//! TSV and CSV: one bead per row, made safe for spreadsheets.
//!
//! A cell whose text a spreadsheet would run as a formula (it begins with
//! `=`, `+`, `-` or `@`, or with a tab, carriage return or line feed, maybe
//! after spaces and quotes) gets a leading `'`, as OWASP recommends for CSV
//! injection: Excel and LibreOffice then show it as text. [`unneutralise`]
//! undoes exactly that, which `tandem import` relies on. Fields holding the
//! delimiter, quotes or newlines are quoted (RFC 4180), so rows never break.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Ctx, EXPLAIN_HEADER, TSV_HEADER, conf3, range_label};

/// True when a spreadsheet could take `text` for a formula: after leading
/// spaces and quotes (`'`, `"`) comes `=`, `+`, `-`, `@`, a tab, a carriage
/// return or a line feed. Closed under adding a leading `'`, which is what
/// makes [`unneutralise`] the exact inverse of [`neutralise`].
pub fn is_formula_like(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| {
        (c.is_whitespace() && !matches!(c, '\t' | '\r' | '\n')) || c == '\'' || c == '"'
    });
    rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])
}

/// `text` with a leading `'` when it is formula-like, unchanged otherwise.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Undoes [`neutralise`]: drops a leading `'` when what follows is
/// formula-like (only then could tandem have added it).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

pub(super) fn write(out: &mut dyn Write, ctx: &Ctx, delimiter: u8) -> io::Result<()> {
    if ctx.opts.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    let mut header: Vec<&str> = TSV_HEADER.to_vec();
    if ctx.terms.is_some() {
        header.extend(EXPLAIN_HEADER);
    }
    w.write_record(&header)?;
    for &(n, bead) in &ctx.beads {
        let (a, b) = bead.kind();
        let mut row = vec![
            range_label(&bead.src),
            range_label(&bead.tgt),
            format!("{a}-{b}"),
            conf3(bead.shown_confidence()),
            bead.flags.to_string(),
            neutralise(&ctx.src_text(bead)).into_owned(),
            neutralise(&ctx.tgt_text(bead)).into_owned(),
        ];
        if let Some(t) = ctx.terms_of(n) {
            row.extend(t.iter().map(|v| format!("{v:.3}")));
        }
        w.write_record(&row)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", " =x", "\t=x", "'=x", "\"=x", " ' \"@x", "\tx", "\rx"] {
            assert!(is_formula_like(s), "{s:?}");
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["", "Hello", "3..5", "a=b", "«=»", "'Tis", "\"Quote\""] {
            assert!(!is_formula_like(s), "{s:?}");
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn unneutralise_inverts_neutralise() {
        let cases = ["=1", "''=1", "'=1", "'x", "x", "", "'", "-", "' -", "\t", "'\tabc", "\"'=\""];
        for s in cases {
            assert_eq!(unneutralise(&neutralise(s)), s, "{s:?}");
        }
    }
}
