//! The review page: one self-contained HTML file (inline CSS and script, no
//! network) with the summary, a filter (minimum confidence, flagged only,
//! bead type) and the beads side by side, the right-to-left side with its
//! `lang` and `dir="rtl"`.
//!
//! Safety: every document text is HTML-escaped and sits in an element of
//! its own with `unicode-bidi: isolate`, so neither markup nor bidi control
//! characters in a sentence reach beyond it. A Content-Security-Policy meta
//! tag forbids every network access (`default-src 'none'`) and allows only
//! the page's own script, by its SHA-256 hash: no inline event handler and
//! no injected script can run.
//!
//! The filter can be preset from the URL's fragment, e.g.
//! `review.html#flagged&min=0.5&type=2-1`, which is also how the tests drive
//! it in a headless browser. The body's `data-shown` holds the number of
//! beads the filter shows.

use std::fmt::Write as _;
use std::io::{self, Write};

use sha2::{Digest, Sha256};

use super::{Ctx, conf3, is_rtl, range_label};
use crate::document::Document;

const STYLE: &str = r#"
:root { --fg: #1b1f24; --muted: #4a5360; --bg: #fff; --line: #cfd6df; --flag: #fff3d6; --flagline: #b25e00;
  --hi: #1a7f37; --mid: #9a6700; --lo: #c62828; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
.skip { position: absolute; left: -999px; top: 0; background: var(--focus); color: #fff; padding: .5em 1em; }
.skip:focus { left: 0; }
header, main { padding: 0 1.25rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
.docs { color: var(--muted); margin: 0; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: 0; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 6px; padding: .35rem .75rem; }
.summary b { font-size: 1.1rem; }
#filter { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; }
#filter label { display: inline-flex; align-items: center; gap: .4rem; }
#filter input, #filter select, #filter button { font: inherit; }
#filter button { padding: .2rem .8rem; border: 1px solid var(--muted); border-radius: 4px; background: #f3f5f8; color: var(--fg); cursor: pointer; }
#shown { margin: .5rem 0; color: var(--muted); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: .45rem .6rem; vertical-align: top; text-align: start; }
thead th { position: sticky; top: 0; background: #eef2f7; z-index: 1; }
col.n { width: 6.5rem; } col.c { width: 9rem; } col.f { width: 10rem; }
tbody th { font-weight: normal; color: var(--muted); font-size: .9rem; }
tbody th .num { font-weight: bold; color: var(--fg); font-size: 1rem; }
td.text { overflow-wrap: anywhere; }
td.text .s { unicode-bidi: isolate; }
td.text .s::before { content: attr(data-n); font-size: .7em; color: var(--muted); vertical-align: super; margin-inline-end: .15em; unicode-bidi: isolate; }
td[dir=rtl] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans", serif; font-size: 1.1rem; text-align: right; }
tr.flagged { background: var(--flag); }
tr.flagged th { border-inline-start: 5px solid var(--flagline); }
td.flag { color: var(--flagline); font-weight: bold; }
meter { width: 100%; height: 1rem; }
.conf-hi .cv { color: var(--hi); } .conf-mid .cv { color: var(--mid); } .conf-lo .cv { color: var(--lo); }
.cv { font-weight: bold; }
.empty { color: var(--muted); font-style: italic; }
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  var min = document.getElementById("min"), minv = document.getElementById("minv");
  var flagged = document.getElementById("flagged"), type = document.getElementById("type");
  var shown = document.getElementById("shown"), next = document.getElementById("next");
  function apply() {
    var m = parseFloat(min.value) || 0, f = flagged.checked, t = type.value, n = 0;
    minv.textContent = m.toFixed(2);
    rows.forEach(function (r) {
      var show = parseFloat(r.getAttribute("data-conf")) >= m &&
        (!f || r.getAttribute("data-flagged") === "1") && (!t || r.getAttribute("data-type") === t);
      r.hidden = !show;
      if (show) { n += 1; }
    });
    shown.textContent = "Showing " + n + " of " + rows.length + " beads";
    document.body.setAttribute("data-shown", String(n));
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
      if (k === "flagged") { flagged.checked = true; }
      else if (k === "min" && !isNaN(parseFloat(v))) { min.value = v; }
      else if (k === "type") {
        for (var j = 0; j < type.options.length; j++) { if (type.options[j].value === v) { type.value = v; } }
      }
    });
    apply();
  }
  min.addEventListener("input", apply);
  flagged.addEventListener("change", apply);
  type.addEventListener("change", apply);
  next.addEventListener("click", function () {
    var at = rows.indexOf(document.activeElement), n = rows.length;
    for (var k = 1; k <= n; k++) {
      var r = rows[(at + k + n) % n];
      if (!r.hidden && r.getAttribute("data-flagged") === "1") { r.focus(); r.scrollIntoView({block: "center"}); return; }
    }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"#;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and the other C0 controls are not allowed in HTML text.
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The Content-Security-Policy of the page: nothing from the network,
/// inline styles, and only the page's own script (by hash).
pub(crate) fn content_security_policy() -> String {
    let hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// A side's sentences, each in an isolated span with its 1-based number.
fn sentences(doc: &Document, r: std::ops::Range<usize>) -> String {
    if r.is_empty() {
        return r#"<span class="empty">(none)</span>"#.to_string();
    }
    let mut out = String::new();
    for i in r {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ =
            write!(out, r#"<span class="s" data-n="{}">{}</span>"#, i + 1, escape(&doc.sentences[i].text));
    }
    out
}

fn side_attrs(doc: &Document) -> String {
    format!(r#"lang="{}" dir="{}""#, escape(doc.lang.code), if is_rtl(doc) { "rtl" } else { "ltr" })
}

fn file_name(doc: &Document) -> String {
    doc.name.file_name().map_or_else(|| doc.name.to_string_lossy(), |n| n.to_string_lossy()).into_owned()
}

pub(super) fn write(out: &mut dyn Write, ctx: &Ctx) -> io::Result<()> {
    let s = ctx.summary();
    let (src, tgt) = (ctx.src, ctx.tgt);
    let (sname, tname) = (escape(&file_name(src)), escape(&file_name(tgt)));
    let (scode, tcode) = (escape(src.lang.code), escape(tgt.lang.code));
    let mut h = String::with_capacity(4096 + ctx.beads.len() * 600);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ =
        writeln!(h, r#"<meta http-equiv="Content-Security-Policy" content="{}">"#, content_security_policy());
    h.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(h, "<meta name=\"generator\" content=\"tandem {}\">", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(h, "<title>Alignment review: {sname} and {tname}</title>");
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>");
    h.push_str("<body data-shown=\"\">\n<a class=\"skip\" href=\"#beads\">Skip to the beads</a>\n<header>\n");
    h.push_str("<h1>Alignment review</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"docs\">Source: <b>{sname}</b> ({scode}, {} sentences) · Target: <b>{tname}</b> ({tcode}, {} sentences)</p>\n</header>\n<main>",
        src.sentences.len(),
        tgt.sentences.len()
    );
    // Summary.
    h.push_str("<section aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<ul class=\"summary\">\n");
    let _ = writeln!(h, "<li>Beads <b>{}</b></li>", s.beads);
    for (t, c) in &s.by_type {
        let _ = writeln!(h, "<li>{t} <b>{c}</b></li>");
    }
    let _ = writeln!(h, "<li>Flagged <b>{}</b></li>", s.flagged);
    for (f, c) in s.by_flag.iter().filter(|(_, c)| *c > 0) {
        let _ = writeln!(h, "<li>{} <b>{c}</b></li>", escape(f));
    }
    let _ = writeln!(h, "<li>Mean confidence <b>{:.3}</b></li>", s.mean_confidence);
    let _ = writeln!(h, "<li>Length ratio (target/source characters) <b>{:.3}</b></li>", s.length_ratio);
    if let Some(min) = ctx.min_confidence {
        let _ = writeln!(h, "<li>Left out (confidence below {min}) <b>{}</b></li>", s.below_confidence);
    }
    h.push_str("</ul>\n</section>\n");
    // Filter.
    h.push_str("<section aria-labelledby=\"filter-h\">\n<h2 id=\"filter-h\">Filter</h2>\n");
    h.push_str("<div id=\"filter\" role=\"group\" aria-labelledby=\"filter-h\">\n");
    h.push_str(
        "<label for=\"min\">Minimum confidence <output id=\"minv\" for=\"min\">0.00</output></label>\n",
    );
    h.push_str("<input type=\"range\" id=\"min\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0\">\n");
    h.push_str("<label><input type=\"checkbox\" id=\"flagged\"> Flagged only</label>\n");
    h.push_str(
        "<label for=\"type\">Bead type</label>\n<select id=\"type\">\n<option value=\"\">all</option>\n",
    );
    for (t, c) in &s.by_type {
        let _ = writeln!(h, "<option value=\"{t}\">{t} ({c})</option>");
    }
    h.push_str("</select>\n<button type=\"button\" id=\"next\">Next flagged bead</button>\n</div>\n");
    let _ = writeln!(
        h,
        "<p id=\"shown\" aria-live=\"polite\">Showing {n} of {n} beads</p>\n</section>",
        n = ctx.beads.len()
    );
    // Beads.
    h.push_str("<section aria-labelledby=\"beads-h\">\n<h2 id=\"beads-h\">Beads</h2>\n");
    h.push_str("<table id=\"beads\">\n<caption class=\"docs\">One row per bead: sentence numbers, the source and target sentences, the confidence and why a bead is flagged.</caption>\n");
    h.push_str("<colgroup><col class=\"n\"><col><col><col class=\"c\"><col class=\"f\"></colgroup>\n");
    let _ = writeln!(
        h,
        "<thead><tr><th scope=\"col\">Bead</th><th scope=\"col\" {}>Source ({scode})</th><th scope=\"col\" {}>Target ({tcode})</th><th scope=\"col\">Confidence</th><th scope=\"col\">Flag</th></tr></thead>\n<tbody>",
        side_attrs(src),
        side_attrs(tgt)
    );
    for &(n, bead) in &ctx.beads {
        let (a, b) = bead.kind();
        let flagged = !bead.flags.is_empty();
        let c = bead.confidence;
        let band = if c >= 0.9 {
            "conf-hi"
        } else if c >= 0.5 {
            "conf-mid"
        } else {
            "conf-lo"
        };
        let _ = writeln!(
            h,
            "<tr class=\"bead {band}{}\" id=\"b{}\" tabindex=\"-1\" data-conf=\"{}\" data-type=\"{a}-{b}\" data-flagged=\"{}\">",
            if flagged { " flagged" } else { "" },
            n + 1,
            conf3(c),
            u8::from(flagged)
        );
        let _ = writeln!(
            h,
            "<th scope=\"row\"><span class=\"num\">{}</span><br>{a}-{b}<br>{} : {}</th>",
            n + 1,
            range_label(&bead.src),
            range_label(&bead.tgt)
        );
        let _ =
            writeln!(h, "<td class=\"text\" {}>{}</td>", side_attrs(src), sentences(src, bead.src.clone()));
        let _ =
            writeln!(h, "<td class=\"text\" {}>{}</td>", side_attrs(tgt), sentences(tgt, bead.tgt.clone()));
        let _ = writeln!(
            h,
            "<td class=\"conf\"><meter min=\"0\" max=\"1\" low=\"0.5\" high=\"0.9\" optimum=\"1\" value=\"{v}\">{v}</meter><span class=\"cv\">{v}</span></td>",
            v = conf3(c)
        );
        let flags = bead.flags.to_string().replace(',', ", ");
        let _ = writeln!(
            h,
            "<td class=\"flag\">{}</td>\n</tr>",
            if flagged { format!("⚑ {flags}") } else { String::new() }
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n</main>\n");
    let _ = writeln!(h, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out.write_all(h.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror='a()'> & "q""#),
            "&lt;img src=x onerror=&#39;a()&#39;&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }
}
