//! `tandem batch` and `tandem stream`, run as a user runs them: the binary on
//! small English/Arabic sets generated in a temporary folder.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn tandem(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem")).args(args).current_dir(dir).output().expect("tandem runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn arabic_digits(s: &str) -> String {
    s.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x660 + d).unwrap())).collect()
}

/// A pair of `n` sentences a side, one a line, aligned 1-1 (so its gold is
/// `[i]:[i]`); `seed` varies the numbers.
fn pair(n: usize, seed: usize) -> (String, String, String) {
    const T: &[(&str, &str)] = &[
        (
            "The ministry said {a} families received aid on day {b}.",
            "قالت الوزارة إن {a} أسرة تلقت مساعدات في اليوم {b}.",
        ),
        (
            "Officials reported {a} new cases in the northern province.",
            "أبلغ المسؤولون عن {a} حالة جديدة في المحافظة الشمالية.",
        ),
        (
            "Rescue teams worked through the night near the river, and {a} people were moved to safety before dawn on {b} March.",
            "عملت فرق الإنقاذ طوال الليل قرب النهر، ونقل {a} شخصاً إلى مكان آمن قبل فجر {b} مارس.",
        ),
        ("The FBI declined to comment.", "رفض مكتب FBI التعليق."),
        ("Prices rose by {a} percent in {b}.", "ارتفعت الأسعار بنسبة {a} في المئة في عام {b}."),
        (
            "Baghdad and Amman signed an agreement covering {a} kilometres of roads, the first such deal since {b}.",
            "وقعت بغداد وعمان اتفاقاً يشمل {a} كيلومتراً من الطرق، وهو أول اتفاق من نوعه منذ عام {b}.",
        ),
    ];
    let (mut en, mut ar, mut gold) = (String::new(), String::new(), String::new());
    for i in 0..n {
        let (e, a) = T[(i * 5 + seed) % T.len()];
        let na = ((i * 37 + seed * 11) % 900 + 10).to_string();
        let nb = (2000 + (i + seed) % 25).to_string();
        en += &e.replace("{a}", &na).replace("{b}", &nb);
        en.push('\n');
        ar += &a.replace("{a}", &arabic_digits(&na)).replace("{b}", &arabic_digits(&nb));
        ar.push('\n');
        gold += &format!("[{i}]:[{i}]\n");
    }
    (en, ar, gold)
}

/// Writes `count` generated pairs as docs/NAME.en, docs/NAME.ar,
/// docs/NAME.gold and a manifest pairs.tsv (`src tgt gold`).
fn make_set(dir: &Path, count: usize) -> PathBuf {
    fs::create_dir_all(dir.join("docs")).unwrap();
    let mut manifest = String::from("src\ttgt\tgold\n");
    for k in 0..count {
        let (en, ar, gold) = pair(8 + k % 7, k);
        let name = format!("doc{k:03}");
        fs::write(dir.join(format!("docs/{name}.en")), en).unwrap();
        fs::write(dir.join(format!("docs/{name}.ar")), ar).unwrap();
        fs::write(dir.join(format!("docs/{name}.gold")), gold).unwrap();
        manifest += &format!("docs/{name}.en\tdocs/{name}.ar\tdocs/{name}.gold\n");
    }
    let path = dir.join("pairs.tsv");
    fs::write(&path, manifest).unwrap();
    path
}

/// The summary as rows of column name to value.
fn summary(out: &Path) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_path(out.join("summary.csv")).unwrap();
    let header = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| header.iter().map(str::to_string).zip(r.unwrap().iter().map(str::to_string)).collect())
        .collect()
}

/// Every file of a folder by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), fs::read(e.path()).unwrap())
        })
        .collect()
}

fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut f = files(dir);
    f.remove("summary.csv");
    f
}

fn without_timing(rows: &[BTreeMap<String, String>]) -> Vec<BTreeMap<String, String>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .filter(|(k, _)| *k != "ms" && *k != "status")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .collect()
}

#[test]
fn a_manifest_with_gold_is_read_one_sentence_a_line() {
    // Gold alignments number lines; lines holding two sentences must stay
    // one sentence each, or the scores compare different units.
    let dir = tempfile::tempdir().unwrap();
    let (mut en, mut ar, mut gold) = (String::new(), String::new(), String::new());
    for i in 0..6 {
        en += &format!("Line {i} has {} words. It has a second sentence too.\n", 10 + i);
        ar += &format!("السطر {i} فيه {} كلمة. وفيه جملة ثانية أيضا.\n", 10 + i);
        gold += &format!("[{i}]:[{i}]\n");
    }
    fs::write(dir.path().join("a.en"), en).unwrap();
    fs::write(dir.path().join("a.ar"), ar).unwrap();
    fs::write(dir.path().join("a.gold"), gold).unwrap();
    fs::write(dir.path().join("m.tsv"), "src\ttgt\tgold\na.en\ta.ar\ta.gold\n").unwrap();
    let o = tandem(&["batch", "m.tsv", "--out", "out"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("one sentence a line"), "{}", stderr(&o));
    let rows = summary(&dir.path().join("out"));
    assert_eq!(rows[0]["src_sentences"], "6", "{:?}", rows[0]);
    assert_eq!(rows[0]["f1_strict"], "1.0000", "{:?}", rows[0]);
}

#[test]
fn manifest_batch_writes_one_file_per_pair_and_a_summary_with_gold() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 4);
    // An id column, empty on one row (the src file stem is taken), and a
    // language given on one row.
    let mut m = String::from("id\tsrc\ttgt\tgold\tsrc_lang\ttgt_lang\n");
    m += "first\tdocs/doc000.en\tdocs/doc000.ar\tdocs/doc000.gold\ten\tar\n";
    m += "\tdocs/doc001.en\tdocs/doc001.ar\tdocs/doc001.gold\t\t\n";
    m += "third\tdocs/doc002.en\tdocs/doc002.ar\t\t\t\n";
    fs::write(dir.path().join("m.tsv"), m).unwrap();
    let o = tandem(&["batch", "m.tsv", "--out", "out", "--line-per-sentence"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("overall (2 pairs with gold"), "{}", stderr(&o));
    let out = dir.path().join("out");
    let names: Vec<_> = files(&out).into_keys().collect();
    assert_eq!(names, ["docs_doc001.tsv", "first.tsv", "summary.csv", "third.tsv"]);
    // The same bytes as `tandem align` writes for the pair.
    let single = tandem(
        &["align", "--line-per-sentence", "docs/doc001.en", "docs/doc001.ar", "-o", "single.tsv"],
        dir.path(),
    );
    assert_eq!(code(&single), 0);
    assert_eq!(
        fs::read(out.join("docs_doc001.tsv")).unwrap(),
        fs::read(dir.path().join("single.tsv")).unwrap()
    );

    let rows = summary(&out);
    let ids: Vec<_> = rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["first", "docs_doc001", "third", "overall"]);
    for r in &rows {
        assert_eq!(r["status"], "ok", "{r:?}");
        assert_eq!(r["error"], "");
    }
    assert_eq!(rows[0]["src_sentences"], "8");
    assert_eq!(rows[0]["beads"], "8");
    assert_eq!(rows[0]["beads_1_1"], "8");
    assert_eq!(rows[0]["f1_strict"], "1.0000", "a clean 1-1 pair aligns perfectly: {:?}", rows[0]);
    assert_eq!(rows[2]["f1_strict"], "", "no gold, no score");
    let total: usize = rows[..3].iter().map(|r| r["src_sentences"].parse::<usize>().unwrap()).sum();
    assert_eq!(rows[3]["src_sentences"], total.to_string());
    assert_eq!(rows[3]["f1_lax"], "1.0000");
    for c in ["beads_merge", "beads_omission", "mean_confidence", "flagged", "p_strict", "r_lax"] {
        assert!(rows[0].contains_key(c), "column {c}");
    }
}

#[test]
fn formats_name_the_output_files() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 2);
    for (format, ext) in [("vecalign", "vecalign"), ("ladder", "ladder")] {
        let out = format!("out-{format}");
        let o = tandem(&["batch", "pairs.tsv", "-o", &out, "--line-per-sentence", "-f", format], dir.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = fs::read_to_string(dir.path().join(&out).join(format!("docs_doc000.{ext}"))).unwrap();
        if format == "vecalign" {
            assert!(text.starts_with("[0]:[0]\n"), "{text}");
        } else {
            assert!(text.ends_with("8\t8\t1.000\n"), "{text}");
        }
    }
}

#[test]
fn bad_pairs_are_recorded_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 3);
    let d = dir.path().join("docs");
    let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode("سلام عليكم. كيف حالك؟\n");
    fs::write(d.join("cp1256.ar"), &w1256).unwrap();
    fs::write(d.join("empty.ar"), "\n \n").unwrap();
    let mut m = String::from("id\tsrc\ttgt\n");
    m += "good0\tdocs/doc000.en\tdocs/doc000.ar\n";
    m += "missing\tdocs/nope.en\tdocs/doc000.ar\n";
    m += "encoding\tdocs/doc001.en\tdocs/cp1256.ar\n";
    m += "empty\tdocs/doc001.en\tdocs/empty.ar\n";
    m += "../escape\tdocs/doc001.en\tdocs/doc001.ar\n";
    m += "/abs\tdocs/doc001.en\tdocs/doc001.ar\n";
    m += "good0\tdocs/doc002.en\tdocs/doc002.ar\n";
    m += "notgt\tdocs/doc002.en\t\n";
    m += "good2\tdocs/doc002.en\tdocs/doc002.ar\n";
    fs::write(dir.path().join("m.tsv"), m).unwrap();
    let o = tandem(&["batch", "m.tsv", "--out", "out", "--line-per-sentence", "--quiet"], dir.path());
    assert_eq!(code(&o), 3, "some pairs failed: {}", stderr(&o));
    assert_eq!(stderr(&o), "", "--quiet");
    let rows = summary(&dir.path().join("out"));
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (r["id"].as_str(), r["status"].as_str())).collect();
    assert_eq!(
        got,
        [
            ("good0", "ok"),
            ("missing", "error"),
            ("encoding", "error"),
            ("empty", "error"),
            ("../escape", "error"),
            ("/abs", "error"),
            ("good0", "error"),
            ("notgt", "error"),
            ("good2", "ok"),
            ("overall", "error"),
        ]
    );
    let err = |i: usize| rows[i]["error"].as_str();
    assert!(err(1).contains("nope.en"), "{}", err(1));
    assert!(err(2).contains("cp1256.ar") && err(2).contains("--encoding"), "{}", err(2));
    assert!(err(3).contains("no text"), "{}", err(3));
    assert!(err(4).contains("outside the output folder"), "{}", err(4));
    assert!(err(5).contains("outside the output folder"), "{}", err(5));
    assert!(err(6).contains("already used by") && err(6).contains("line 2"), "{}", err(6));
    assert!(err(7).contains("tgt cell"), "{}", err(7));
    assert_eq!(err(9), "7 of 9 pairs failed");
    let names: Vec<_> = files(&dir.path().join("out")).into_keys().collect();
    assert_eq!(names, ["good0.tsv", "good2.tsv", "summary.csv"]);
    assert!(!dir.path().join("escape.tsv").exists());
    // The first good0 keeps its file: it is the output of doc000.
    let good0 = fs::read_to_string(dir.path().join("out/good0.tsv")).unwrap();
    assert!(
        good0.contains(&fs::read_to_string(d.join("doc000.en")).unwrap().lines().next().unwrap().to_string())
    );
}

#[test]
fn a_missing_manifest_or_column_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let o = tandem(&["batch", "none.tsv", "--out", "out"], dir.path());
    assert_eq!(code(&o), 2);
    fs::write(dir.path().join("m.tsv"), "source\ttgt\na\tb\n").unwrap();
    let o = tandem(&["batch", "m.tsv", "--out", "out"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no \"src\" column"), "{}", stderr(&o));
}

#[test]
fn folders_pair_by_name_and_report_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let (en, ar) = (dir.path().join("en"), dir.path().join("ar"));
    fs::create_dir_all(&en).unwrap();
    fs::create_dir_all(&ar).unwrap();
    for (k, name) in ["b.txt", "a.txt"].iter().enumerate() {
        let (e, a, _) = pair(6, k);
        fs::write(en.join(name), e).unwrap();
        fs::write(ar.join(name), a).unwrap();
    }
    fs::write(en.join("only-en.txt"), "Alone.\n").unwrap();
    fs::write(ar.join("only-ar.txt"), "وحيد.\n").unwrap();
    fs::write(en.join(".DS_Store"), "x").unwrap();
    fs::create_dir_all(en.join("sub")).unwrap();
    let o = tandem(
        &["batch", "--src-dir", "en", "--tgt-dir", "ar", "--out", "out", "--line-per-sentence", "-j", "2"],
        dir.path(),
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(stderr(&o).contains("2 aligned, 0 skipped, 2 failed"), "{}", stderr(&o));
    let rows = summary(&dir.path().join("out"));
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (r["id"].as_str(), r["status"].as_str())).collect();
    assert_eq!(
        got,
        [("a", "ok"), ("b", "ok"), ("only-ar", "error"), ("only-en", "error"), ("overall", "error")]
    );
    assert!(rows[2]["error"].contains("only-ar.txt") && rows[2]["error"].contains("without its source"));
    assert!(rows[3]["error"].contains("only-en.txt") && rows[3]["error"].contains("without its translation"));
    let names: Vec<_> = files(&dir.path().join("out")).into_keys().collect();
    assert_eq!(names, ["a.tsv", "b.tsv", "summary.csv"]);
}

#[test]
fn outputs_are_identical_whatever_the_threads_and_chunks() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 13);
    for (out, j, chunk, format) in [
        ("o1", "1", "5", "tsv"),
        ("o2", "2", "3", "tsv"),
        ("v1", "1", "256", "vecalign"),
        ("v2", "2", "1", "vecalign"),
    ] {
        let o = tandem(
            &[
                "batch",
                "pairs.tsv",
                "-o",
                out,
                "-j",
                j,
                "--chunk",
                chunk,
                "-f",
                format,
                "--line-per-sentence",
            ],
            dir.path(),
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let p = dir.path();
    assert_eq!(outputs(&p.join("o1")).len(), 13);
    assert_eq!(outputs(&p.join("o1")), outputs(&p.join("o2")));
    assert_eq!(outputs(&p.join("v1")), outputs(&p.join("v2")));
    assert_eq!(without_timing(&summary(&p.join("o1"))), without_timing(&summary(&p.join("o2"))));
}

#[test]
fn existing_outputs_are_kept_unless_resume_or_force() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 3);
    let args = ["batch", "pairs.tsv", "-o", "out", "--line-per-sentence"];
    assert_eq!(code(&tandem(&args, dir.path())), 0);
    let out = dir.path().join("out");
    let first = summary(&out);
    let real = fs::read(out.join("docs_doc001.tsv")).unwrap();
    fs::write(out.join("docs_doc001.tsv"), "sentinel").unwrap();

    let o = tandem(&args, dir.path());
    assert_eq!(code(&o), 3);
    let rows = summary(&out);
    assert!(rows[1]["error"].contains("exists already") && rows[1]["error"].contains("--resume"));
    assert_eq!(fs::read(out.join("docs_doc001.tsv")).unwrap(), b"sentinel");

    let o = tandem(&[&args[..], &["--resume"]].concat(), dir.path());
    assert_eq!(code(&o), 3, "a file that is not an alignment cannot be read back");
    assert!(summary(&out)[1]["error"].contains("--force"));

    let o = tandem(&[&args[..], &["--force"]].concat(), dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fs::read(out.join("docs_doc001.tsv")).unwrap(), real);

    let o = tandem(&[&args[..], &["--resume"]].concat(), dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("0 aligned, 3 skipped"), "{}", stderr(&o));
    let resumed = summary(&out);
    assert!(resumed[..3].iter().all(|r| r["status"] == "skipped"));
    assert_eq!(
        without_timing(&resumed),
        without_timing(&first),
        "skipped pairs are read back from their files"
    );
}

#[test]
fn a_killed_batch_resumes_to_the_same_files_with_no_temp_left() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // 300 copies of a medium pair (the sample article, twice).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let twice = |f: &str| {
        let t = fs::read_to_string(root.join(f)).unwrap();
        format!("{t}\n\n{t}")
    };
    fs::write(p.join("m.en"), twice("sample.en.txt")).unwrap();
    fs::write(p.join("m.ar"), twice("sample.ar.txt")).unwrap();
    let mut m = String::from("id\tsrc\ttgt\n");
    for k in 0..300 {
        m += &format!("p{k:03}\tm.en\tm.ar\n");
    }
    fs::write(p.join("m.tsv"), m).unwrap();

    let reference = tandem(&["batch", "m.tsv", "-o", "reference", "-j", "2", "-q"], p);
    assert_eq!(code(&reference), 0, "{}", stderr(&reference));

    let out = p.join("out");
    fs::create_dir_all(&out).unwrap();
    // A temporary file of a process that is long gone.
    fs::write(out.join(".p299.tsv.tmp4000000000"), "half a fi").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["batch", "m.tsv", "-o", "out", "-j", "2", "--chunk", "16", "-q"])
        .current_dir(p)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let count = || {
        fs::read_dir(&out)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tsv"))
            .count()
    };
    let start = Instant::now();
    while count() < 20 {
        assert!(start.elapsed() < Duration::from_secs(120), "no output after 2 minutes");
        assert!(child.try_wait().unwrap().is_none(), "the batch ended before it could be killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let done = count();
    assert!(done < 300, "killed halfway, not at the end ({done} outputs)");
    assert!(!out.join("summary.csv").exists(), "the summary is only renamed into place at the end");
    assert!(
        files(&out).keys().any(|n| n.starts_with(".summary.csv.tmp")),
        "the killed run left its temporary summary"
    );

    let resumed = tandem(&["batch", "m.tsv", "-o", "out", "-j", "2", "--resume"], p);
    assert_eq!(code(&resumed), 0, "{}", stderr(&resumed));
    let err = stderr(&resumed);
    assert!(err.contains(&format!("{} skipped", done)), "{err}");
    assert!(err.contains("temporary file(s) left by an interrupted run"), "{err}");

    let left: Vec<_> = files(&out).into_keys().filter(|n| n.starts_with('.')).collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert_eq!(outputs(&out), outputs(&p.join("reference")));
    assert_eq!(outputs(&out).len(), 300);
    assert_eq!(without_timing(&summary(&out)), without_timing(&summary(&p.join("reference"))));
}

#[test]
fn the_shared_ntrex_set_scores_as_tandem_eval_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = root.join("../shared/data/ntrex-en-ar-edited");
    if !set.join("pairs.tsv").exists() {
        eprintln!("skipped: {} is absent", set.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let manifest = set.join("pairs.tsv");
    let o = tandem(
        &["batch", manifest.to_str().unwrap(), "-o", "out", "--line-per-sentence", "-f", "vecalign"],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = summary(&dir.path().join("out"));
    assert_eq!(rows.len(), 21);
    let first = &rows[0];
    let pred = dir.path().join("out").join(format!("{}.vecalign", first["id"]));
    let gold = set.join(format!("{}.gold", first["id"]));
    let e = tandem(&["eval", pred.to_str().unwrap(), gold.to_str().unwrap()], dir.path());
    let line = String::from_utf8(e.stdout).unwrap();
    let f1 = line.split("F1 ").nth(1).unwrap().split(' ').next().unwrap();
    assert_eq!(format!("{:.3}", first["f1_strict"].parse::<f64>().unwrap()), f1, "{line}");
    assert!(rows[20]["f1_strict"].parse::<f64>().unwrap() > 0.9);
}

fn stream(args: &[&str], input: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn stream_answers_every_line_in_order_with_errors_in_place() {
    let mut lines = Vec::new();
    for k in 0..40 {
        let (en, ar, _) = pair(3 + (k * 7) % 30, k);
        let line = match k % 10 {
            3 => "{not json".to_string(),
            5 => json!({"id": k, "src": en}).to_string(),
            7 => String::new(),
            8 => {
                json!({"id": k, "src": en.lines().collect::<Vec<_>>(), "tgt": ar.lines().collect::<Vec<_>>()})
                    .to_string()
            }
            _ => json!({"id": k, "src": en, "tgt": ar, "src_lang": "en", "tgt_lang": "ar"}).to_string(),
        };
        lines.push(line);
    }
    let input = lines.join("\n") + "\n";
    let parallel = stream(&["-j", "2", "--chunk", "7", "--line-per-sentence"], &input);
    assert_eq!(parallel.len(), 40, "one line out per line in");
    for (k, v) in parallel.iter().enumerate() {
        match k % 10 {
            3 | 7 => {
                assert_eq!(v["id"], Value::Null);
                assert_eq!(v["line"], k + 1);
                assert!(v["error"].is_string(), "{v}");
            }
            5 => {
                assert_eq!(v["id"], k);
                assert!(v["error"].as_str().unwrap().contains("\"tgt\""), "{v}");
            }
            _ => {
                assert_eq!(v["id"], k, "in input order");
                assert!(v.get("error").is_none(), "{v}");
                let n = 3 + (k * 7) % 30;
                assert_eq!(v["src_sentences"].as_array().unwrap().len(), n);
                let beads = v["beads"].as_array().unwrap();
                assert!(beads.iter().all(|b| b["type"] == "1-1"), "{v}");
                assert!(beads[0]["confidence"].as_f64().unwrap() > 0.5);
                assert!(beads[0]["flags"].is_array());
            }
        }
    }
    let serial = stream(&["-j", "1", "--chunk", "1", "--line-per-sentence"], &input);
    for (p, s) in parallel.iter().zip(&serial) {
        assert!(same_answer(p, s), "the same answers whatever the threads:\n{p}\n{s}");
    }
}

/// Equal answers, confidences to 1e-6: the library sums anchor weights in
/// hash-map order, so their last bits differ from one process to the next.
fn same_answer(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-6
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_answer(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_answer(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn stream_takes_lists_of_sentences_as_they_are() {
    let (en, ar, _) = pair(5, 1);
    let en_list: Vec<&str> = en.lines().collect();
    let ar_list: Vec<&str> = ar.lines().collect();
    let input = format!(
        "{}\n{}\n{}\n",
        json!({"id": "list", "src": en_list, "tgt": ar_list}),
        json!({"id": "text", "src": en, "tgt": ar}),
        json!({"id": "bad", "src": ["a", 1], "tgt": "b"}),
    );
    let out = stream(&["--line-per-sentence"], &input);
    assert_eq!(out[0]["src_sentences"], json!(en_list));
    assert_eq!(out[0]["tgt_sentences"], json!(ar_list));
    assert!(same_answer(&out[0]["beads"], &out[1]["beads"]), "a list is the text split by lines");
    assert!(out[2]["error"].as_str().unwrap().contains("src[1]"), "{}", out[2]);
    // Without --line-per-sentence a text is segmented; a list never is.
    let joined = json!({"id": 1, "src": [en_list.join(" ")], "tgt": ar}).to_string() + "\n";
    let out = stream(&[], &joined);
    assert_eq!(out[0]["src_sentences"].as_array().unwrap().len(), 1);
    assert_eq!(out[0]["tgt_sentences"].as_array().unwrap().len(), 5);
}

#[test]
fn stream_answers_a_record_before_the_input_ends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["stream", "--chunk", "100"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        tx.send(line).unwrap();
    });
    writeln!(stdin, "{}", json!({"id": "now", "src": "Hello there.", "tgt": "Bonjour."})).unwrap();
    stdin.flush().unwrap();
    let line = rx.recv_timeout(Duration::from_secs(60)).expect("an answer while stdin is still open");
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["id"], "now");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn min_confidence_filters_every_pair_and_the_summary_counts_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    make_set(dir.path(), 4);
    // One pair with an extra sentence on the target side, so that some beads
    // are less sure than others.
    let doc = dir.path().join("docs/doc000.ar");
    let mut ar: Vec<String> = fs::read_to_string(&doc).unwrap().lines().map(str::to_string).collect();
    ar.insert(3, "وأضاف المتحدث أن الوضع لا يزال صعباً في المناطق الريفية.".to_string());
    fs::write(&doc, ar.join("\n") + "\n").unwrap();
    let base = ["batch", "pairs.tsv", "--line-per-sentence", "-o"];
    assert_eq!(code(&tandem(&[&base[..], &["all"]].concat(), dir.path())), 0);
    let confidences = |name: &str| -> Vec<f64> {
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        text.lines().skip(1).map(|l| l.split('\t').nth(3).unwrap().parse().unwrap()).collect()
    };
    let mut all: Vec<f64> = (0..4).flat_map(|k| confidences(&format!("all/docs_doc{k:03}.tsv"))).collect();
    all.sort_by(f64::total_cmp);
    let (lo, hi) = (all[0], all[all.len() - 1]);
    assert!(lo < hi, "the set has beads of different confidence: {all:?}");
    let threshold = format!("{:.3}", (lo + hi) / 2.0);
    let min: f64 = threshold.parse().unwrap();

    let args = [&base[..], &["kept", "--min-confidence", &threshold]].concat();
    let o = tandem(&args, dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = summary(&dir.path().join("kept"));
    let mut dropped = 0;
    for (k, row) in rows.iter().take(4).enumerate() {
        let (kept, whole) = (
            confidences(&format!("kept/docs_doc{k:03}.tsv")),
            confidences(&format!("all/docs_doc{k:03}.tsv")),
        );
        assert!(kept.iter().all(|&c| c >= min), "pair {k}: {kept:?} below {min}");
        assert_eq!(kept.len(), whole.iter().filter(|&&c| c >= min).count(), "pair {k}");
        assert_eq!(row["beads"], kept.len().to_string(), "the summary counts the beads written");
        dropped += whole.len() - kept.len();
    }
    assert!(dropped > 0);
    // A resumed run reads the filtered files back to the same summary.
    let o = tandem(&[&args[..], &["--resume"]].concat(), dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(without_timing(&summary(&dir.path().join("kept"))), without_timing(&rows));

    let o = tandem(&[&base[..], &["bad", "--min-confidence", "1.5"]].concat(), dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("1.5"), "{}", stderr(&o));
}
