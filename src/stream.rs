//! JSON Lines in, JSON Lines out: the bridge to Spark's `RDD.pipe`, Hadoop
//! Streaming and GNU parallel.
//!
//! Each input line is a record
//! `{"id": …, "src": "text" | ["sentence", …], "tgt": …, "src_lang"?: "en", "tgt_lang"?: "ar"}`;
//! each gives exactly one output line, in input order:
//! `{"id": …, "src_lang": "en", "tgt_lang": "ar", "beads": [{"src": [0], "tgt": [0, 1], "type": "1-2",
//! "confidence": 0.97, "flags": []}, …], "src_sentences": […], "tgt_sentences": […]}`, or
//! `{"id": …, "line": 7, "error": "…"}` when the record cannot be aligned (bad JSON, a missing
//! side, empty text…). A bad record never ends the stream.
//!
//! A reader thread reads lines ahead into a bounded queue; the lines that
//! are waiting when a chunk starts (at most `chunk`) are aligned in
//! parallel and written in order, then flushed. A lone record is answered
//! at once, so the stream also works interactively.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, mpsc};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::lang::{self, LangRules};
use crate::{Aligner, DocOptions, Document, Error, Result};

/// How to read the records.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// A text given as one string is already split, one sentence per line.
    /// (A list of sentences is always taken as it is.)
    pub line_per_sentence: bool,
    /// Default source language, when a record names none.
    pub src_lang: Option<&'static LangRules>,
    /// Default target language.
    pub tgt_lang: Option<&'static LangRules>,
    /// At most this many records are aligned together.
    pub chunk: usize,
    /// Longer input lines (in bytes) are answered with an error.
    pub max_line: u64,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            line_per_sentence: false,
            src_lang: None,
            tgt_lang: None,
            chunk: 64,
            max_line: crate::input::DEFAULT_MAX_INPUT,
        }
    }
}

/// Counts of a finished stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamReport {
    /// Input lines answered.
    pub records: u64,
    /// Of which answered with an error.
    pub errors: u64,
}

#[derive(Serialize)]
struct OutBead {
    src: Vec<usize>,
    tgt: Vec<usize>,
    #[serde(rename = "type")]
    kind: String,
    confidence: f64,
    flags: Vec<String>,
}

#[derive(Serialize)]
struct OutRecord<'a> {
    id: &'a Value,
    src_lang: &'static str,
    tgt_lang: &'static str,
    beads: Vec<OutBead>,
    src_sentences: Vec<&'a str>,
    tgt_sentences: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct OutError<'a> {
    id: &'a Value,
    line: u64,
    error: String,
}

/// One input line, as the reader thread hands it over.
enum Line {
    Text(u64, Vec<u8>),
    TooLong(u64, u64),
}

fn error_line(id: &Value, line: u64, error: String) -> String {
    escape_c1(serde_json::to_string(&OutError { id, line, error }).expect("an error record serialises"))
}

/// JSON text with DEL and the C1 control characters (U+007F to U+009F)
/// written as `\u` escapes. serde_json escapes only U+0000 to U+001F; a
/// raw U+009B is CSI to some terminals, and the stream may be watched on
/// one. The escape is the same string to every JSON reader, and these
/// characters can only occur inside strings, so the record is unchanged.
fn escape_c1(json: String) -> String {
    if !json.chars().any(|c| matches!(c, '\u{7f}'..='\u{9f}')) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if matches!(c, '\u{7f}'..='\u{9f}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One side of a record: its text (unsplit, or a list of sentences) and
/// its declared language.
struct Side {
    text: Text,
    lang: Option<&'static LangRules>,
}

enum Text {
    One(String),
    Many(Vec<String>),
}

fn side(
    rec: &serde_json::Map<String, Value>,
    key: &str,
    lang_key: &str,
) -> std::result::Result<Side, String> {
    let text = match rec.get(key) {
        None | Some(Value::Null) => return Err(format!("the record has no {key:?} field")),
        Some(Value::String(s)) => Text::One(s.clone()),
        Some(Value::Array(items)) => {
            let mut v = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => v.push(s.clone()),
                    other => {
                        return Err(format!(
                            "{key}[{i}] should be a string (a sentence), found {}",
                            kind(other)
                        ));
                    }
                }
            }
            Text::Many(v)
        }
        Some(other) => {
            return Err(format!("{key:?} should be a text or a list of sentences, found {}", kind(other)));
        }
    };
    let lang = match rec.get(lang_key) {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) => Some(lang::by_code(code).ok_or_else(|| {
            let codes: Vec<_> = lang::ALL.iter().map(|r| r.code).collect();
            format!("{lang_key}: no rules for language {code:?}; known: {}", codes.join(", "))
        })?),
        Some(other) => return Err(format!("{lang_key:?} should be a language code, found {}", kind(other))),
    };
    Ok(Side { text, lang })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn document(
    side: Side,
    key: &str,
    line: u64,
    default: Option<&'static LangRules>,
    opts: &StreamOptions,
) -> Result<Document> {
    let name = format!("line {line}: {key}");
    let name = Path::new(&name);
    let lang = side.lang.or(default);
    match side.text {
        Text::One(s) => {
            if s.trim().is_empty() {
                return Err(Error::invalid(format!("{key} is empty: no text to align")));
            }
            let s = s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s);
            let s = if s.contains('\r') { s.replace("\r\n", "\n").replace('\r', "\n") } else { s };
            let o = DocOptions { line_per_sentence: opts.line_per_sentence, lang, ..DocOptions::default() };
            Document::from_text(s, name, &o)
        }
        Text::Many(v) => {
            if v.iter().all(|s| s.trim().is_empty()) {
                return Err(Error::invalid(format!("{key} has no sentences: no text to align")));
            }
            Document::from_sentences(&v, name, &DocOptions { lang, ..DocOptions::default() })
        }
    }
}

/// Answers one input line (without its newline) with one output line
/// (without newline); the flag is false for an error record.
pub fn process_line(bytes: &[u8], line: u64, aligner: &Aligner, opts: &StreamOptions) -> (String, bool) {
    let null = Value::Null;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_end_matches('\r'),
        Err(e) => {
            return (
                error_line(&null, line, format!("the line is not UTF-8 (byte {})", e.valid_up_to())),
                false,
            );
        }
    };
    if text.trim().is_empty() {
        return (error_line(&null, line, "an empty line, not a JSON record".into()), false);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (error_line(&null, line, format!("not valid JSON: {e}")), false),
    };
    let Value::Object(rec) = &value else {
        return (error_line(&null, line, format!("expected a JSON object, found {}", kind(&value))), false);
    };
    let id = rec.get("id").unwrap_or(&null);
    let fail = |msg: String| (error_line(id, line, msg), false);
    let (src, tgt) = match (side(rec, "src", "src_lang"), side(rec, "tgt", "tgt_lang")) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let src = match document(src, "src", line, opts.src_lang, opts) {
        Ok(d) => d,
        Err(e) => return fail(e.to_string()),
    };
    let tgt = match document(tgt, "tgt", line, opts.tgt_lang, opts) {
        Ok(d) => d,
        Err(e) => return fail(e.to_string()),
    };
    let al = aligner.align(&src, &tgt);
    let beads = al
        .beads
        .iter()
        .map(|b| {
            let (n, m) = b.kind();
            OutBead {
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
                kind: format!("{n}-{m}"),
                confidence: b.confidence,
                flags: b.flags.to_string().split(',').filter(|f| !f.is_empty()).map(str::to_string).collect(),
            }
        })
        .collect();
    let out = OutRecord {
        id,
        src_lang: src.lang.code,
        tgt_lang: tgt.lang.code,
        beads,
        src_sentences: src.sentences.iter().map(|s| s.text.as_str()).collect(),
        tgt_sentences: tgt.sentences.iter().map(|s| s.text.as_str()).collect(),
        warnings: [&src, &tgt].iter().filter_map(|d| d.cut_warning()).collect(),
    };
    (escape_c1(serde_json::to_string(&out).expect("a record serialises")), true)
}

/// Bytes of input lines read but not yet answered, shared by the reader
/// thread and the writer: the reader waits while the lines in flight hold
/// more than `cap` bytes, so a stream of huge lines is held a few at a time,
/// not `chunk` at a time (64 lines of 256 MiB would be 16 GiB).
struct Budget {
    state: Mutex<(u64, bool)>,
    freed: Condvar,
    cap: u64,
}

impl Budget {
    /// The least budget: small lines are never held back.
    const MIN: u64 = 64 << 20;

    fn new(max_line: u64) -> Budget {
        Budget { state: Mutex::new((0, false)), freed: Condvar::new(), cap: max_line.max(Budget::MIN) }
    }

    /// Waits until `len` more bytes fit (a line always fits when nothing
    /// is in flight); false when the writer has gone.
    fn take(&self, len: u64) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !st.1 && st.0 > 0 && st.0.saturating_add(len) > self.cap {
            st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        st.0 += len;
        !st.1
    }

    fn give(&self, len: u64) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 = st.0.saturating_sub(len);
        self.freed.notify_all();
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
        self.freed.notify_all();
    }
}

/// Closes the budget when the writer returns, however it returns.
struct CloseOnDrop(Arc<Budget>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Reads lines of at most `max` bytes; a longer line is skipped to its end
/// and reported with its length.
fn read_lines<R: Read>(input: R, max: u64, tx: mpsc::SyncSender<io::Result<Line>>, budget: &Budget) {
    let mut r = BufReader::with_capacity(1 << 16, input);
    let mut n = 0u64;
    loop {
        n += 1;
        let mut buf = Vec::new();
        let mut len = 0u64;
        let mut too_long = false;
        let res = loop {
            let avail = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Err(e),
            };
            if avail.is_empty() {
                break Ok(len > 0);
            }
            let (take, end) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            len += take as u64;
            if !too_long && len <= max {
                buf.extend_from_slice(&avail[..take]);
            } else if !too_long {
                too_long = true;
                buf = Vec::new();
            }
            r.consume(take + usize::from(end));
            if end {
                break Ok(true);
            }
        };
        let msg = match res {
            Ok(false) => return,
            Ok(true) if too_long => Ok(Line::TooLong(n, len)),
            Ok(true) => Ok(Line::Text(n, buf)),
            Err(e) => Err(e),
        };
        let stop = msg.is_err();
        if let Ok(Line::Text(_, bytes)) = &msg
            && !budget.take(bytes.len() as u64)
        {
            return;
        }
        if tx.send(msg).is_err() || stop {
            return;
        }
    }
}

/// Streams records from `input` to `out` until the input ends. Returns an
/// error only when reading the input or writing the output fails.
pub fn run<R>(
    input: R,
    out: &mut dyn Write,
    aligner: &Aligner,
    opts: &StreamOptions,
    pool: &rayon::ThreadPool,
) -> Result<StreamReport>
where
    R: Read + Send + 'static,
{
    let chunk = opts.chunk.max(1);
    let (tx, rx) = mpsc::sync_channel(chunk);
    let max = opts.max_line;
    // Not a scoped thread: if the output goes away, the reader may be
    // blocked on an input that never ends, and must not be waited for.
    let budget = Arc::new(Budget::new(max));
    let _close = CloseOnDrop(Arc::clone(&budget));
    let reader_budget = Arc::clone(&budget);
    std::thread::spawn(move || read_lines(input, max, tx, &reader_budget));
    let mut report = StreamReport::default();
    let wio = |e| Error::io("<stdout>", e);
    while let Ok(first) = rx.recv() {
        let mut lines = vec![first.map_err(|e| Error::io("<stdin>", e))?];
        while lines.len() < chunk {
            match rx.try_recv() {
                Ok(l) => lines.push(l.map_err(|e| Error::io("<stdin>", e))?),
                Err(_) => break,
            }
        }
        let answers: Vec<(String, bool)> = pool.install(|| {
            lines
                .par_iter()
                .map(|l| match l {
                    Line::Text(n, bytes) => process_line(bytes, *n, aligner, opts),
                    Line::TooLong(n, len) => (
                        error_line(
                            &Value::Null,
                            *n,
                            format!("the line is {len} bytes, more than the limit of {max} (raise it with --max-input)"),
                        ),
                        false,
                    ),
                })
                .collect()
        });
        let held: u64 = lines.iter().map(|l| if let Line::Text(_, b) = l { b.len() as u64 } else { 0 }).sum();
        drop(lines);
        budget.give(held);
        for (text, ok) in &answers {
            report.records += 1;
            report.errors += u64::from(!ok);
            out.write_all(text.as_bytes()).map_err(wio)?;
            out.write_all(b"\n").map_err(wio)?;
        }
        out.flush().map_err(wio)?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(line: &str) -> Value {
        let (text, _) = process_line(line.as_bytes(), 1, &Aligner::default(), &StreamOptions::default());
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn errors_keep_the_id() {
        let v = answer(r#"{"id": 7, "src": "Hello there."}"#);
        assert_eq!(v["id"], 7);
        assert!(v["error"].as_str().unwrap().contains("\"tgt\""), "{v}");
        let v = answer(r#"{"id": "a", "src": ["x", 3], "tgt": "y"}"#);
        assert!(v["error"].as_str().unwrap().contains("src[1]"), "{v}");
        let v = answer("{nope");
        assert_eq!(v["id"], Value::Null);
        assert!(v["error"].as_str().unwrap().starts_with("not valid JSON"), "{v}");
        let v = answer(r#"{"id": 1, "src": "  ", "tgt": "Bonjour."}"#);
        assert!(v["error"].as_str().unwrap().contains("src is empty"), "{v}");
    }

    #[test]
    fn the_reader_waits_while_the_lines_in_flight_fill_the_budget() {
        let budget = Arc::new(Budget::new(0));
        assert_eq!(budget.cap, Budget::MIN);
        assert!(budget.take(Budget::MIN), "a line always fits when nothing is in flight");
        let (tx, rx) = mpsc::channel();
        let b = Arc::clone(&budget);
        let reader = std::thread::spawn(move || tx.send(b.take(1)).unwrap());
        let wait = std::time::Duration::from_millis(200);
        assert!(rx.recv_timeout(wait).is_err(), "one byte more must wait");
        budget.give(Budget::MIN);
        assert_eq!(rx.recv_timeout(wait * 10), Ok(true));
        reader.join().unwrap();
        budget.give(1);
        // A closed budget lets a waiting reader go, and tells it to stop.
        assert!(budget.take(Budget::MIN));
        let (tx, rx) = mpsc::channel();
        let b = Arc::clone(&budget);
        let reader = std::thread::spawn(move || tx.send(b.take(Budget::MIN)).unwrap());
        budget.close();
        assert_eq!(rx.recv_timeout(wait * 10), Ok(false));
        reader.join().unwrap();
    }

    #[test]
    fn c1_controls_are_escaped_in_the_json() {
        let (text, ok) = process_line(
            "{\"id\": \"\u{9b}\", \"src\": [\"A \u{9b}2J b\u{7f}.\"], \"tgt\": [\"c.\"]}".as_bytes(),
            1,
            &Aligner::default(),
            &StreamOptions::default(),
        );
        assert!(ok, "{text}");
        assert!(!text.chars().any(char::is_control), "{text:?}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["id"], "\u{9b}");
        assert_eq!(v["src_sentences"][0], "A \u{9b}2J b\u{7f}.");
    }

    #[test]
    fn aligns_a_list_of_sentences() {
        let v = answer(r#"{"id": "p", "src": ["One.", "Two."], "tgt": ["Un.", "Deux."], "src_lang": "en"}"#);
        assert_eq!(v["src_sentences"], serde_json::json!(["One.", "Two."]));
        assert_eq!(v["src_lang"], "en");
        let beads = v["beads"].as_array().unwrap();
        assert_eq!(beads.len(), 2);
        assert_eq!(beads[1]["src"], serde_json::json!([1]));
        assert_eq!(beads[1]["type"], "1-1");
    }
}
