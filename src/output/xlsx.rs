//! XLSX for reviewers: the beads on a sheet "alignment" (header frozen and
//! filterable, text wrapped, widths set, confidence a number, flagged rows
//! shaded, a right-to-left language's column right-to-left and
//! right-aligned) and the figures on a sheet "summary". Every text is
//! written as a string cell, so a sentence like `=1+1` is never a formula
//! and needs no escaping here.

use std::io::{self, Write};

use rust_xlsxwriter::{Color, Format as Style, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Ctx, EXPLAIN_HEADER, TSV_HEADER, is_rtl, range_label};

/// Excel's limit on the characters of a cell.
const MAX_CELL: usize = 32_767;
/// Excel's limit on rows (the header takes one).
const MAX_ROWS: usize = 1_048_576;
/// The shade of flagged rows (light amber).
const FLAG_FILL: u32 = 0xFFE8B0;

fn err(e: XlsxError) -> io::Error {
    io::Error::other(format!("XLSX: {e}"))
}

/// Styles of one kind of row (plain or flagged).
struct RowStyles {
    label: Style,
    number: Style,
    src: Style,
    tgt: Style,
}

impl RowStyles {
    fn new(flagged: bool, src_rtl: bool, tgt_rtl: bool) -> RowStyles {
        let base = || {
            let s = Style::new().set_align(FormatAlign::Top);
            if flagged { s.set_background_color(Color::RGB(FLAG_FILL)) } else { s }
        };
        let text = |rtl: bool| {
            let s = base().set_text_wrap();
            if rtl {
                s.set_reading_direction(2).set_align(FormatAlign::Right)
            } else {
                s.set_reading_direction(1)
            }
        };
        RowStyles {
            label: base(),
            number: base().set_num_format("0.000"),
            src: text(src_rtl),
            tgt: text(tgt_rtl),
        }
    }
}

pub(super) fn write(out: &mut dyn Write, ctx: &mut Ctx) -> io::Result<()> {
    if ctx.beads.len() >= MAX_ROWS {
        return Err(io::Error::other(format!(
            "XLSX: {} beads do not fit in a worksheet (at most {})",
            ctx.beads.len(),
            MAX_ROWS - 1
        )));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    beads_sheet(sheet, ctx).map_err(err)?;
    let sheet = book.add_worksheet();
    summary_sheet(sheet, ctx).map_err(err)?;
    let bytes = book.save_to_buffer().map_err(err)?;
    out.write_all(&bytes)
}

/// A cell's text, cut to Excel's limit (counted in the report).
fn cell(text: String, truncated: &mut usize) -> String {
    match text.char_indices().nth(MAX_CELL) {
        Some((at, _)) => {
            *truncated += 1;
            text[..at].to_string()
        }
        None => text,
    }
}

fn beads_sheet(sheet: &mut Worksheet, ctx: &mut Ctx) -> Result<(), XlsxError> {
    sheet.set_name("alignment")?;
    let (src_rtl, tgt_rtl) = (is_rtl(ctx.src), is_rtl(ctx.tgt));
    let header_style = Style::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE4EE))
        .set_border_bottom(FormatBorder::Thin);
    let mut header: Vec<&str> = TSV_HEADER.to_vec();
    if ctx.terms.is_some() {
        header.extend(EXPLAIN_HEADER);
    }
    for (col, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &header_style)?;
    }
    let widths = [9.0, 9.0, 6.0, 11.0, 16.0, 60.0, 60.0];
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    for col in widths.len()..header.len() {
        sheet.set_column_width(col as u16, 11.0)?;
    }
    let styles = [RowStyles::new(false, src_rtl, tgt_rtl), RowStyles::new(true, src_rtl, tgt_rtl)];
    let mut truncated = 0;
    for (i, &(n, bead)) in ctx.beads.iter().enumerate() {
        let row = i as u32 + 1;
        let st = &styles[usize::from(!bead.flags.is_empty())];
        let (a, b) = bead.kind();
        sheet.write_string_with_format(row, 0, range_label(&bead.src), &st.label)?;
        sheet.write_string_with_format(row, 1, range_label(&bead.tgt), &st.label)?;
        sheet.write_string_with_format(row, 2, format!("{a}-{b}"), &st.label)?;
        sheet.write_number_with_format(row, 3, (bead.confidence * 1000.0).round() / 1000.0, &st.number)?;
        sheet.write_string_with_format(row, 4, bead.flags.to_string(), &st.label)?;
        sheet.write_string_with_format(row, 5, cell(ctx.src_text(bead), &mut truncated), &st.src)?;
        sheet.write_string_with_format(row, 6, cell(ctx.tgt_text(bead), &mut truncated), &st.tgt)?;
        if let Some(t) = ctx.terms_of(n) {
            for (k, v) in t.iter().enumerate() {
                sheet.write_number_with_format(
                    row,
                    7 + k as u16,
                    (v * 1000.0).round() / 1000.0,
                    &st.number,
                )?;
            }
        }
    }
    ctx.report.cells_truncated = truncated;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, ctx.beads.len() as u32, header.len() as u16 - 1)?;
    Ok(())
}

fn summary_sheet(sheet: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    sheet.set_name("summary")?;
    let s = ctx.summary();
    let bold = Style::new().set_bold();
    let number = Style::new().set_num_format("0.000");
    sheet.set_column_width(0, 44.0)?;
    sheet.set_column_width(1, 16.0)?;
    sheet.write_string_with_format(0, 0, "item", &bold)?;
    sheet.write_string_with_format(0, 1, "value", &bold)?;
    let mut row = 1;
    let mut text = |sheet: &mut Worksheet, k: &str, v: &str| -> Result<(), XlsxError> {
        sheet.write_string(row, 0, k)?;
        sheet.write_string(row, 1, v)?;
        row += 1;
        Ok(())
    };
    let doc_name = |d: &crate::Document| d.name.to_string_lossy().into_owned();
    text(sheet, "source document", &doc_name(ctx.src))?;
    text(sheet, "target document", &doc_name(ctx.tgt))?;
    text(sheet, "source language", ctx.src.lang.code)?;
    text(sheet, "target language", ctx.tgt.lang.code)?;
    let mut nums: Vec<(String, f64, bool)> = vec![
        ("source sentences".into(), ctx.src.sentences.len() as f64, false),
        ("target sentences".into(), ctx.tgt.sentences.len() as f64, false),
        ("beads".into(), s.beads as f64, false),
    ];
    for (t, c) in &s.by_type {
        nums.push((format!("beads {t}"), *c as f64, false));
    }
    nums.push(("flagged beads".into(), s.flagged as f64, false));
    for (f, c) in &s.by_flag {
        nums.push((format!("flagged {f}"), *c as f64, false));
    }
    nums.push(("mean confidence".into(), s.mean_confidence, true));
    nums.push(("length ratio (target/source characters)".into(), s.length_ratio, true));
    if let Some(min) = ctx.min_confidence {
        nums.push((format!("beads left out (confidence below {min})"), s.below_confidence as f64, false));
    }
    for (k, v, frac) in nums {
        sheet.write_string(row, 0, &k)?;
        if frac {
            sheet.write_number_with_format(row, 1, (v * 1000.0).round() / 1000.0, &number)?;
        } else {
            sheet.write_number(row, 1, v)?;
        }
        row += 1;
    }
    Ok(())
}
