//! TMX 1.4b, the translation-memory format of CAT tools (Trados, memoQ,
//! OmegaT): one `<tu>` per bead with both sides and the confidence as a
//! `<prop type="x-confidence">`. 1-0 and 0-1 beads are left out, counted
//! in a header `<note>`. Text is escaped (`&`, `<`, `>`, `"`), and the
//! characters XML 1.0 forbids (control characters other than tab, line feed
//! and carriage return; U+FFFE, U+FFFF) are removed and counted in the
//! report. No creation date is written, so the same input gives the same
//! file.

use std::io::{self, Write};

use super::{Ctx, conf3, range_label};

/// True for the characters XML 1.0 allows (`Char` of the XML spec).
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for XML content and attribute values, removing the
/// characters XML 1.0 forbids; adds the number removed to `removed`.
pub(crate) fn escape(text: &str, removed: &mut usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if xml_char(c) => out.push(c),
            _ => *removed += 1,
        }
    }
    out
}

pub(super) fn write(out: &mut dyn Write, ctx: &mut Ctx) -> io::Result<()> {
    let mut removed = 0;
    let (sl, tl) = (escape(ctx.src.lang.code, &mut removed), escape(ctx.tgt.lang.code, &mut removed));
    let omissions = ctx.beads.iter().filter(|(_, b)| b.is_omission()).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="tandem" creationtoolversion="{}" segtype="sentence" o-tmf="tandem" adminlang="en" srclang="{sl}" datatype="plaintext">"#,
        env!("CARGO_PKG_VERSION")
    )?;
    let mut note = format!(
        "Aligned by tandem: {} of {} beads as translation units; {omissions} 1-0/0-1 beads (sentences without counterpart) left out",
        ctx.beads.len() - omissions,
        ctx.al.beads.len()
    );
    if let Some(min) = ctx.min_confidence {
        note.push_str(&format!("; {} beads below confidence {min} left out", ctx.report.below_confidence));
    }
    writeln!(out, "    <note>{}</note>", escape(&note, &mut removed))?;
    writeln!(out, r#"    <prop type="x-omissions-left-out">{omissions}</prop>"#)?;
    writeln!(out, r#"    <prop type="x-source-document">{}</prop>"#, escape(&name(ctx.src), &mut removed))?;
    writeln!(out, r#"    <prop type="x-target-document">{}</prop>"#, escape(&name(ctx.tgt), &mut removed))?;
    writeln!(out, "  </header>")?;
    writeln!(out, "  <body>")?;
    for &(n, bead) in &ctx.beads {
        if bead.is_omission() {
            continue;
        }
        let (a, b) = bead.kind();
        writeln!(out, r#"    <tu tuid="{}">"#, n + 1)?;
        writeln!(out, r#"      <prop type="x-confidence">{}</prop>"#, conf3(bead.confidence))?;
        writeln!(out, r#"      <prop type="x-bead">{a}-{b}</prop>"#)?;
        writeln!(out, r#"      <prop type="x-src">{}</prop>"#, range_label(&bead.src))?;
        writeln!(out, r#"      <prop type="x-tgt">{}</prop>"#, range_label(&bead.tgt))?;
        if !bead.flags.is_empty() {
            writeln!(out, r#"      <prop type="x-flags">{}</prop>"#, bead.flags)?;
        }
        let seg = |text: String, removed: &mut usize| escape(&text, removed);
        writeln!(
            out,
            r#"      <tuv xml:lang="{sl}"><seg>{}</seg></tuv>"#,
            seg(ctx.src_text(bead), &mut removed)
        )?;
        writeln!(
            out,
            r#"      <tuv xml:lang="{tl}"><seg>{}</seg></tuv>"#,
            seg(ctx.tgt_text(bead), &mut removed)
        )?;
        writeln!(out, "    </tu>")?;
    }
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")?;
    ctx.report.omissions_left_out = omissions;
    ctx.report.written -= omissions;
    ctx.report.chars_removed = removed;
    Ok(())
}

/// A document's file name (not its folder, which may be private).
fn name(doc: &crate::Document) -> String {
    doc.name.file_name().map_or_else(|| doc.name.to_string_lossy(), |n| n.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_removes() {
        let mut removed = 0;
        assert_eq!(
            escape("a & <b> \"c\" ]]> \u{1}\u{1b}\t\u{fffe}x", &mut removed),
            "a &amp; &lt;b&gt; &quot;c&quot; ]]&gt; \tx"
        );
        assert_eq!(removed, 3);
    }
}
