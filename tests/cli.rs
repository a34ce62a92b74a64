//! `tandem align` end to end: the TSV and the other formats, output files,
//! options, input encodings, and a clear error for every bad input.

use std::path::Path;

use tandem::output::{self, Format, TSV_HEADER, WriteOptions};
use tandem::{Aligner, DocOptions, Document};

use crate::hay::{Case, EVERY_TYPE, case, lines};
use crate::util::{Dir, TestCommand, data};

/// Every record of a TSV (header included), read back with the csv crate.
fn records(tsv: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().delimiter(b'\t').has_headers(false).from_reader(tsv.as_bytes());
    rdr.records().map(|r| r.expect("a well-formed TSV record").iter().map(String::from).collect()).collect()
}

/// `[2,3]:[4]` → ("3..4", "5", "2-1"): the TSV's 1-based labels and bead type.
fn labels(vecalign_bead: &str) -> (String, String, String) {
    let (l, r) = vecalign_bead.split_once(':').unwrap();
    let parse = |s: &str| -> Vec<usize> {
        s.trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().unwrap())
            .collect()
    };
    let label = |v: &[usize]| match v {
        [] => String::new(),
        [one] => (one + 1).to_string(),
        [first, .., last] => format!("{}..{}", first + 1, last + 1),
    };
    let (l, r) = (parse(l), parse(r));
    (label(&l), label(&r), format!("{}-{}", l.len(), r.len()))
}

/// The hand-made case with every bead type, written into a fresh directory.
fn every_type_dir() -> (Dir, Case) {
    let dir = Dir::new();
    let c = case(EVERY_TYPE);
    c.write(&dir);
    (dir, c)
}

fn align_lines(dir: &Dir, extra: &[&str]) -> String {
    dir.command().args(["align", "--line-per-sentence", "en.txt", "ar.txt"]).args(extra).stdout()
}

const FLAGS: [&str; 4] = ["low-confidence", "omission", "length", "number"];

#[test]
fn tsv_header_columns_and_one_based_ranges() {
    let (dir, c) = every_type_dir();
    let tsv = align_lines(&dir, &[]);
    let recs = records(&tsv);
    eqnice!(TSV_HEADER.to_vec(), recs[0]);
    assert_eq!(recs[0].join("\t"), "src\ttgt\ttype\tconfidence\tflag\tsrc_text\ttgt_text");
    assert_eq!(recs.len(), c.gold.len() + 1, "one row per bead");
    let want: Vec<(String, String, String)> = c.gold.iter().map(|b| labels(b)).collect();
    let got: Vec<(String, String, String)> =
        recs[1..].iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect();
    eqnice!(want, got);
    // the 2-1 bead of English sentences 3 and 4 (1-based) is written `3..4`
    assert_eq!(recs[3][..3], ["3..4", "3", "2-1"]);
    assert!(tsv.lines().nth(3).unwrap().starts_with("3..4\t3\t2-1\t"), "{tsv}");
    let mut en = c.en.iter();
    let mut ar = c.ar.iter();
    for r in &recs[1..] {
        assert_eq!(r.len(), 7, "{r:?}");
        let (ns, nt) = r[2].split_once('-').unwrap();
        let (ns, nt): (usize, usize) = (ns.parse().unwrap(), nt.parse().unwrap());
        let want_src: Vec<&str> = en.by_ref().take(ns).map(String::as_str).collect();
        let want_tgt: Vec<&str> = ar.by_ref().take(nt).map(String::as_str).collect();
        assert_eq!(r[5], want_src.join(" "));
        assert_eq!(r[6], want_tgt.join(" "));
        let conf: f64 = r[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&conf) && r[3].len() == 5, "confidence {:?}", r[3]);
        for flag in r[4].split(',').filter(|f| !f.is_empty()) {
            assert!(FLAGS.contains(&flag), "unknown flag {flag:?}");
        }
        assert_eq!(r[4].split(',').any(|f| f == "omission"), ns == 0 || nt == 0, "{r:?}");
    }
}

#[test]
fn tsv_of_the_sample_covers_every_sentence() {
    let tsv = TestCommand::new().args(["align", "data/sample.en.txt", "data/sample.ar.txt"]).stdout();
    let recs = records(&tsv);
    eqnice!(TSV_HEADER.to_vec(), recs[0]);
    let en = TestCommand::new().args(["segment", "data/sample.en.txt"]).stdout();
    let ar = TestCommand::new().args(["segment", "data/sample.ar.txt"]).stdout();
    let (en, ar): (Vec<&str>, Vec<&str>) = (en.lines().collect(), ar.lines().collect());
    let (mut i, mut j) = (0, 0);
    let range = |label: &str, from: usize| -> usize {
        match label.split_once("..") {
            _ if label.is_empty() => 0,
            None => {
                assert_eq!(label.parse::<usize>().unwrap(), from + 1);
                1
            }
            Some((a, b)) => {
                let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
                assert_eq!(a, from + 1, "ranges follow each other");
                assert!(b > a, "a range has two ends: {label}");
                b - a + 1
            }
        }
    };
    for r in &recs[1..] {
        let (ns, nt) = (range(&r[0], i), range(&r[1], j));
        assert_eq!(r[2], format!("{ns}-{nt}"));
        assert_eq!(r[5], en[i..i + ns].join(" "));
        assert_eq!(r[6], ar[j..j + nt].join(" "));
        (i, j) = (i + ns, j + nt);
    }
    assert_eq!((i, j), (en.len(), ar.len()));
    assert_eq!((i, j), (23, 22), "data/README.md: 23 English and 22 Arabic sentences");
}

#[test]
fn bom_starts_the_tsv_and_changes_nothing_else() {
    let (dir, _) = every_type_dir();
    let plain = dir.command().args(["align", "--line-per-sentence", "en.txt", "ar.txt"]).run();
    let bom = dir.command().args(["align", "--line-per-sentence", "--bom", "en.txt", "ar.txt"]).run();
    assert_eq!(bom.code, 0, "{}", bom.stderr);
    assert_eq!(&bom.stdout_bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom.stdout_bytes[3..], &plain.stdout_bytes[..]);
    assert!(!plain.stdout_bytes.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn tabs_and_quotes_inside_sentences_do_not_break_rows() {
    let dir = Dir::new();
    let mut c = case(&[(1, 1); 12]);
    c.en[2] = format!("He said \"{}\"\tand left.", c.en[2]);
    c.en[5] = format!("\"{} ", c.en[5]);
    c.ar[7] = format!("{}\t«قال»\t\"", c.ar[7]);
    c.write(&dir);
    let tsv = align_lines(&dir, &[]);
    let recs = records(&tsv);
    assert_eq!(recs.len(), 13);
    for (k, r) in recs[1..].iter().enumerate() {
        assert_eq!(r.len(), 7);
        assert_eq!(r[5], c.en[k], "English line {k}");
        assert_eq!(r[6], c.ar[k], "Arabic line {k}");
    }
    // RFC 4180 quoting: the field is quoted and its quotes doubled
    assert!(tsv.contains("\"He said \"\"The hospital"), "{tsv}");
}

#[test]
fn newlines_inside_sentences_do_not_break_rows() {
    // The readers never leave a newline in a sentence, but the writer must
    // not depend on that.
    let c = case(&[(1, 1); 3]);
    let opts = DocOptions { line_per_sentence: true, ..DocOptions::default() };
    let mut en = Document::from_sentences(&c.en, Path::new("en"), &opts).unwrap();
    let ar = Document::from_sentences(&c.ar, Path::new("ar"), &opts).unwrap();
    let al = Aligner::default().align(&en, &ar);
    en.sentences[1].text = "two\nlines\r\nand\ra \"quote\"\tand a tab".into();
    let mut out = Vec::new();
    output::write(&mut out, Format::Tsv, &en, &ar, &al, None, WriteOptions::default()).unwrap();
    let tsv = String::from_utf8(out).unwrap();
    let recs = records(&tsv);
    assert_eq!(recs.len(), 4, "{tsv}");
    assert_eq!(recs[2][5], en.sentences[1].text);
    assert_eq!(recs[2][6], c.ar[1]);
}

#[test]
fn vecalign_and_ladder_formats() {
    let (dir, c) = every_type_dir();
    let vec = align_lines(&dir, &["--format", "vecalign"]);
    eqnice!(lines(&c.gold), vec);
    let beads = tandem::eval::parse_beads(&vec, Path::new("pred")).unwrap();
    assert_eq!(beads.len(), c.gold.len());

    let ladder = align_lines(&dir, &["-f", "ladder"]);
    let tsv = records(&align_lines(&dir, &[]));
    let rungs: Vec<Vec<&str>> = ladder.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rungs.len(), beads.len() + 1, "a rung per bead and the final rung");
    let (mut i, mut j) = (0, 0);
    for ((rung, bead), row) in rungs.iter().zip(&beads).zip(&tsv[1..]) {
        assert_eq!(rung.len(), 3, "{rung:?}");
        assert_eq!(rung[..2], [i.to_string(), j.to_string()], "rung at the bead's start");
        assert_eq!(rung[2], row[3], "the rung's confidence is the bead's");
        i += bead.0.len();
        j += bead.1.len();
    }
    assert_eq!(rungs.last().unwrap(), &[c.en.len().to_string(), c.ar.len().to_string(), "1.000".into()]);
}

#[test]
fn output_file_is_written_without_leftovers() {
    let (dir, _) = every_type_dir();
    let stdout = align_lines(&dir, &[]);
    dir.write("out.tsv", "old content\n");
    let run = dir.command().args(["align", "--line-per-sentence", "en.txt", "ar.txt", "-o", "out.tsv"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout with -o: {}", run.stdout);
    eqnice!(stdout, dir.read("out.tsv"));
    eqnice!(vec!["ar.txt", "en.txt", "gold.txt", "out.tsv"], dir.files(), "no temporary file left");
    // --output in a subdirectory, another format
    std::fs::create_dir(dir.join("sub")).unwrap();
    dir.command()
        .args(["align", "--line-per-sentence", "en.txt", "ar.txt", "--output", "sub/o.txt", "-f", "vecalign"])
        .stdout();
    eqnice!(dir.read("gold.txt"), dir.read("sub/o.txt"));
}

#[test]
fn no_lexicon_leaves_the_word_list_out() {
    let (dir, _) = every_type_dir();
    let costs = |extra: &[&str], column: usize| -> Vec<f64> {
        let mut args = vec!["--explain"];
        args.extend(extra);
        records(&align_lines(&dir, &args))[1..].iter().map(|r| r[column].parse().unwrap()).collect()
    };
    let (with, without) = (costs(&[], 9), costs(&["--no-lexicon"], 9));
    // English–Arabic text shares common words: the list lowers anchor costs.
    assert!(with.iter().sum::<f64>() < without.iter().sum::<f64>() - 1.0, "{with:?} vs {without:?}");
    // and the coverage term, which only a word list feeds.
    let (with, without) = (costs(&[], 10), costs(&["--no-lexicon"], 10));
    assert!(with.iter().sum::<f64>() < -1.0, "{with:?}");
    assert!(without.iter().all(|&c| c == 0.0), "{without:?}");
}

#[test]
fn explain_adds_cost_columns() {
    let (dir, c) = every_type_dir();
    let recs = records(&align_lines(&dir, &["--explain"]));
    let extra = [
        "cost_prior",
        "cost_length",
        "cost_anchor",
        "cost_lexical",
        "cost_punct",
        "cost_para",
        "cost_outsider",
        "cost_total",
    ];
    let mut header = TSV_HEADER.to_vec();
    header.extend(extra);
    eqnice!(header, recs[0]);
    assert_eq!(recs.len(), c.gold.len() + 1);
    for r in &recs[1..] {
        assert_eq!(r.len(), 15, "{r:?}");
        let v: Vec<f64> = r[7..].iter().map(|x| x.parse().expect("a cost")).collect();
        let sum: f64 = v[..7].iter().sum();
        assert!((sum - v[7]).abs() < 0.01, "total {} is not the sum {sum} of the terms: {r:?}", v[7]);
        assert!(v[0] > 0.0, "a prior costs something: {r:?}");
    }
    // the same beads and texts as without --explain
    let plain = records(&align_lines(&dir, &[]));
    for (a, b) in plain.iter().zip(&recs) {
        assert_eq!(a[..], b[..7]);
    }
}

#[test]
fn line_per_sentence_keeps_lines_unchanged() {
    let dir = Dir::new();
    let mut c = case(&[(1, 1); 12]);
    c.en[3] = format!("  Mr. Smith said so. {}  ", c.en[3]);
    c.en[8] = format!("{} Dr. Jones agreed! Then he left.", c.en[8]);
    c.ar[8] = format!("{} وافق د. جونز! ثم غادر.", c.ar[8]);
    c.write(&dir);
    let recs = records(&align_lines(&dir, &[]));
    assert_eq!(recs.len(), 13);
    for (k, r) in recs[1..].iter().enumerate() {
        let n = (k + 1).to_string();
        assert_eq!([&r[0], &r[1]], [&n, &n]);
        assert_eq!(r[5], c.en[k]);
        assert_eq!(r[6], c.ar[k]);
    }
    // without the option the same files are split into more sentences
    let split = dir.command().args(["align", "en.txt", "ar.txt", "-f", "vecalign"]).stdout();
    let beads = tandem::eval::parse_beads(&split, Path::new("split")).unwrap();
    let counts = beads.iter().fold((0, 0), |(n, m), b| (n + b.0.len(), m + b.1.len()));
    assert_eq!(counts, (15, 14), "{split}");
}

/// Encodes UTF-16 with or without a byte-order mark.
fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf16_with_bom_reads_like_utf8() {
    let (dir, c) = every_type_dir();
    let want = align_lines(&dir, &[]);
    for big_endian in [false, true] {
        dir.write("ar16.txt", utf16(&lines(&c.ar), big_endian, true));
        dir.write("en16.txt", utf16(&lines(&c.en).replace('\n', "\r\n"), big_endian, true));
        let got = dir.command().args(["align", "--line-per-sentence", "en16.txt", "ar16.txt"]).stdout();
        eqnice!(want, got, "UTF-16 {}", if big_endian { "BE" } else { "LE" });
    }
}

#[test]
fn utf8_bom_and_crlf_read_like_plain_utf8() {
    let (dir, c) = every_type_dir();
    for extra in [&["--line-per-sentence"][..], &[]] {
        let want = dir.command().args(["align", "en.txt", "ar.txt"]).args(extra).stdout();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(lines(&c.ar).replace('\n', "\r\n").as_bytes());
        dir.write("ar-crlf.txt", &bytes);
        dir.write("en-cr.txt", lines(&c.en).replace('\n', "\r"));
        let got = dir.command().args(["align", "en-cr.txt", "ar-crlf.txt"]).args(extra).stdout();
        eqnice!(want, got, "{extra:?}");
    }
    // and the sample, whose paragraphs are separated by blank lines
    let en = std::fs::read_to_string(data("sample.en.txt")).unwrap();
    let ar = std::fs::read_to_string(data("sample.ar.txt")).unwrap();
    dir.write("sample-en.txt", [&b"\xEF\xBB\xBF"[..], en.replace('\n', "\r\n").as_bytes()].concat());
    dir.write("sample-ar.txt", ar.replace('\n', "\r\n"));
    let want = TestCommand::new().args(["align", "data/sample.en.txt", "data/sample.ar.txt"]).stdout();
    eqnice!(want, dir.command().args(["align", "sample-en.txt", "sample-ar.txt"]).stdout());
}

/// Runs `tandem align ARGS -o out.tsv` in `dir`, which must fail with exit
/// code 2, a message holding every string of `expect`, no output file and
/// no temporary file.
fn fails(dir: &Dir, args: &[&str], expect: &[&str]) -> String {
    let before = dir.files();
    let stderr = dir.command().arg("align").args(args).args(["-o", "out.tsv"]).error();
    for e in expect {
        assert!(stderr.contains(e), "stderr of {args:?} does not mention {e:?}:\n{stderr}");
    }
    assert!(stderr.starts_with("tandem: error: ") || stderr.starts_with("error: "), "{stderr}");
    eqnice!(before, dir.files(), "{args:?} left files behind");
    stderr
}

#[test]
fn missing_file() {
    let (dir, _) = every_type_dir();
    fails(&dir, &["en.txt", "nope.txt"], &["nope.txt"]);
    fails(&dir, &["nope.txt", "ar.txt"], &["nope.txt"]);
}

#[test]
fn empty_and_blank_files() {
    let (dir, _) = every_type_dir();
    dir.write("empty.txt", "");
    dir.write("blank.txt", " \n\t\r\n\u{a0}\n");
    dir.write("bom-only.txt", b"\xEF\xBB\xBF\r\n");
    for name in ["empty.txt", "blank.txt", "bom-only.txt"] {
        fails(&dir, &["en.txt", name], &[name, "no text"]);
        fails(&dir, &["--line-per-sentence", name, "ar.txt"], &[name, "no text"]);
    }
}

#[test]
fn a_directory() {
    let (dir, _) = every_type_dir();
    std::fs::create_dir(dir.join("folder")).unwrap();
    fails(&dir, &["folder", "ar.txt"], &["folder", "directory"]);
}

/// Arabic-Indic digits and separators are not in Windows-1256.
fn western_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '٬' => ',',
            '٫' => '.',
            _ => c,
        })
        .collect()
}

#[test]
fn windows_1256_needs_encoding_option() {
    let (dir, c) = every_type_dir();
    let ar: Vec<String> = c.ar.iter().map(|s| western_digits(s)).collect();
    let text = lines(&ar);
    dir.write("ar-utf8.txt", &text);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    dir.write("ar-1256.txt", &bytes);
    let at = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    fails(
        &dir,
        &["--line-per-sentence", "en.txt", "ar-1256.txt"],
        &["ar-1256.txt", &format!("line {line}:byte {at}"), "--encoding windows-1256"],
    );
    let want = dir.command().args(["align", "--line-per-sentence", "en.txt", "ar-utf8.txt"]).stdout();
    let got = dir
        .command()
        .args(["align", "--line-per-sentence", "--encoding", "windows-1256", "en.txt", "ar-1256.txt"])
        .stdout();
    eqnice!(want, got);
}

#[test]
fn utf16_without_bom_is_an_error_with_a_hint() {
    let (dir, c) = every_type_dir();
    dir.write("en-le.txt", utf16(&lines(&c.en), false, false));
    dir.write("en-be.txt", utf16(&lines(&c.en), true, false));
    fails(&dir, &["en-le.txt", "ar.txt"], &["en-le.txt", "UTF-16", "--encoding utf-16le"]);
    fails(&dir, &["--line-per-sentence", "en-be.txt", "ar.txt"], &["en-be.txt", "UTF-16", "utf-16be"]);
    // naming the encoding (it applies to both files) reads them
    let want = align_lines(&dir, &[]);
    dir.write("ar-le.txt", utf16(&lines(&c.ar), false, false));
    let got = dir
        .command()
        .args(["align", "--line-per-sentence", "--encoding", "utf-16le", "en-le.txt", "ar-le.txt"])
        .stdout();
    eqnice!(want, got);
}

#[test]
fn utf16_arabic_without_bom_is_an_error_with_a_hint() {
    let (dir, c) = every_type_dir();
    dir.write("ar-le.txt", utf16(&lines(&c.ar), false, false));
    dir.write("ar-be.txt", utf16(&lines(&c.ar), true, false));
    fails(
        &dir,
        &["--line-per-sentence", "en.txt", "ar-le.txt"],
        &["ar-le.txt", "UTF-16", "--encoding utf-16le"],
    );
    fails(
        &dir,
        &["--line-per-sentence", "en.txt", "ar-be.txt"],
        &["ar-be.txt", "UTF-16", "--encoding utf-16"],
    );
    fails(&dir, &["en.txt", "ar-le.txt"], &["ar-le.txt", "UTF-16", "--encoding utf-16le"]);
}

#[test]
fn unknown_encoding_label() {
    let (dir, _) = every_type_dir();
    fails(&dir, &["--encoding", "klingon-8", "en.txt", "ar.txt"], &["klingon-8", "windows-1256"]);
}

#[test]
fn input_larger_than_max_input() {
    let (dir, _) = every_type_dir();
    let size = |name: &str| std::fs::metadata(dir.join(name)).unwrap().len();
    let (en, ar) = (size("en.txt"), size("ar.txt"));
    assert_ne!(en, ar);
    let (big, name) = if en > ar { (en, "en.txt") } else { (ar, "ar.txt") };
    let limit = (big - 1).to_string();
    fails(
        &dir,
        &["--max-input", &limit, "en.txt", "ar.txt"],
        &[name, &format!("{big} bytes"), "--max-input"],
    );
    // exactly the file's size is allowed
    let ok = dir.command().args(["align", "--max-input", &big.to_string(), "en.txt", "ar.txt"]).run();
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}

#[test]
fn declared_language_in_the_wrong_script() {
    let (dir, _) = every_type_dir();
    fails(&dir, &["--src-lang", "ar", "en.txt", "ar.txt"], &["en.txt", "\"ar\"", "Latin"]);
    fails(&dir, &["--tgt-lang", "en", "en.txt", "ar.txt"], &["ar.txt", "\"en\"", "Arabic"]);
    // files given in the wrong order
    fails(&dir, &["--src-lang", "en", "--tgt-lang", "ar", "ar.txt", "en.txt"], &["ar.txt"]);
    // an unknown code is a usage error
    let err = dir.command().args(["align", "--src-lang", "xx", "en.txt", "ar.txt"]).error();
    assert!(err.contains("\"xx\""), "{err}");
    // the right declaration is accepted
    dir.command().args(["align", "--src-lang", "en", "--tgt-lang", "ar", "en.txt", "ar.txt"]).stdout();
}

#[test]
fn bad_dictionary_line() {
    let (dir, _) = every_type_dir();
    dir.write("dict.txt", "# a comment\nنهر @ river\nschool\tمدرسة\nno separator here\n");
    fails(&dir, &["--dict", "dict.txt", "en.txt", "ar.txt"], &["dict.txt:line 4", "target @ source"]);
    fails(&dir, &["--dict", "missing-dict.txt", "en.txt", "ar.txt"], &["missing-dict.txt"]);
    dir.write("good.txt", "# a comment\nنهر @ river\nschool\tمدرسة\n");
    dir.command().args(["align", "--dict", "good.txt", "en.txt", "ar.txt"]).stdout();
}

#[test]
fn unknown_format() {
    let (dir, _) = every_type_dir();
    let err = fails(&dir, &["--format", "xml", "en.txt", "ar.txt"], &["xml"]);
    assert!(err.contains("tsv") && err.contains("vecalign") && err.contains("ladder"), "{err}");
}

#[test]
fn errors_leave_an_existing_output_file_alone() {
    let (dir, _) = every_type_dir();
    dir.write("out.tsv", "keep me\n");
    let err = dir.command().args(["align", "en.txt", "gone.txt", "-o", "out.tsv"]).error();
    assert!(err.contains("gone.txt"), "{err}");
    assert_eq!(dir.read("out.tsv"), "keep me\n");
}

/// A reader that goes away (`tandem align … | head -1`) ends tandem quietly
/// with success, even when the csv writer wraps the broken pipe.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let en: String = (0..3000).map(|i| format!("Sentence number {i} is here.\n")).collect();
    let ar: String = (0..3000).map(|i| format!("الجملة رقم {i} هنا.\n")).collect();
    let dir = Dir::new();
    dir.write("en.txt", en.as_bytes());
    dir.write("ar.txt", ar.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["align", "--line-per-sentence", "en.txt", "ar.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("src\ttgt"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `tandem eval … | head -1` too: the reader closes before eval prints.
#[test]
fn eval_into_a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let dir = Dir::new();
    dir.write("pred.txt", b"[0]:[0]\n[1]:[1]\n");
    dir.write("gold.txt", b"[0]:[0]\n[1]:[1]\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["eval", "pred.txt", "gold.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A gold file no monotone aligner can match (a sentence in two beads, a
/// swap) is scored as it is, with a note that says where.
#[test]
fn eval_notes_gold_that_repeats_or_crosses() {
    let dir = Dir::new();
    dir.write("pred.txt", b"[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
    dir.write("gold.txt", b"[0]:[0,1]\n[1]:[1]\n[3]:[2]\n[2]:[3]\n");
    let out = dir.command().args(["eval", "pred.txt", "gold.txt"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("target sentence 1 is in 2 beads"), "{}", out.stderr);
    assert!(
        out.stderr.contains("1 bead starts before an earlier bead ends on the source side, at 2"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("strict"), "{}", out.stdout);
}

/// Every language with a table can be declared on a text in its script,
/// and is what detection finds there too.
#[test]
fn every_table_can_be_declared_and_is_detected() {
    let dir = Dir::new();
    dir.write("en.txt", "The minister said that the bridge is safe.\nThe roads will open on Monday.\n");
    let texts = [
        ("de", "Der Minister sagte, dass die Brücke sicher ist.\nDie Straßen werden am Montag geöffnet.\n"),
        (
            "fr",
            "Le ministre a dit que le pont est sûr.\nLes routes ouvriront lundi et les travaux sont finis.\n",
        ),
        ("es", "El ministro dijo que el puente es seguro.\nLas carreteras se abrirán el lunes.\n"),
        (
            "it",
            "Il ministro ha detto che il ponte è sicuro.\nLe strade saranno aperte lunedì e il traffico riprenderà.\n",
        ),
        ("pt", "O ministro disse que a ponte é segura.\nAs estradas vão abrir na segunda-feira.\n"),
        (
            "nl",
            "De minister zei dat de brug veilig is.\nDe wegen gaan op maandag weer open voor het verkeer.\n",
        ),
        ("ar", "قال الوزير إن الجسر آمن.\nستفتح الطرق يوم الاثنين.\n"),
        ("fa", "وزیر گفت که پل امن است.\nجاده‌ها روز دوشنبه باز می‌شوند و کار تمام شده است.\n"),
        ("ur", "وزیر نے کہا کہ پل محفوظ ہے۔\nسڑکیں پیر کو کھلیں گی۔\n"),
        ("ru", "Министр сказал, что мост безопасен.\nДороги откроются в понедельник, работы закончены.\n"),
        ("zh", "部长说这座桥是安全的。\n道路将于星期一开放。\n"),
        ("ja", "大臣は橋が安全だと言った。\n道路は月曜日に開通する。\n"),
        ("ko", "장관은 다리가 안전하다고 말했다.\n도로는 월요일에 개통된다.\n"),
        ("el", "Ο υπουργός είπε ότι η γέφυρα είναι ασφαλής.\nΟι δρόμοι θα ανοίξουν τη Δευτέρα.\n"),
        ("he", "השר אמר שהגשר בטוח.\nהכבישים ייפתחו ביום שני.\n"),
        ("hi", "मंत्री ने कहा कि पुल सुरक्षित है।\nसड़कें सोमवार को खुलेंगी और काम पूरा हो गया है।\n"),
        (
            "tr",
            "Bakan köprünün güvenli olduğunu söyledi.\nYollar pazartesi günü açılacak ve çalışmalar bitti.\n",
        ),
        (
            "pl",
            "Minister powiedział, że most jest bezpieczny.\nDrogi zostaną otwarte w poniedziałek i prace się skończyły.\n",
        ),
    ];
    for (code, text) in texts {
        let file = format!("{code}.txt");
        dir.write(&file, text);
        let declared =
            dir.command().args(["align", "--format", "tmx", "--tgt-lang", code, "en.txt", &file]).stdout();
        let detected = dir.command().args(["align", "--format", "tmx", "en.txt", &file]).stdout();
        let tag = format!("xml:lang=\"{code}\"");
        assert!(declared.contains(&tag), "{code} declared:\n{declared}");
        assert!(detected.contains(&tag), "{code} detected:\n{detected}");
        // Declared on the English side, a language of another script fails.
        if !["de", "fr", "es", "it", "pt", "nl", "tr", "pl", "hi"].contains(&code) {
            fails(&dir, &["--src-lang", code, "en.txt", &file], &["en.txt", &format!("\"{code}\"")]);
        }
    }
}
