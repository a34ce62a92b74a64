//! A document: its decoded text, its language and its sentences.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Position, Result};
use crate::input::{self, ReadOptions};
use crate::lang::{self, LangRules, Script, ScriptCounts};
use crate::segment::{self, Sentence};

/// How to turn a file into sentences.
#[derive(Debug, Clone, Default)]
pub struct DocOptions {
    /// Decoding and size limits.
    pub read: ReadOptions,
    /// The input is already split: one sentence per line.
    pub line_per_sentence: bool,
    /// The language, when given; detected from the text otherwise.
    pub lang: Option<&'static LangRules>,
}

/// A document ready to align.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from (a path or a label), for messages.
    pub name: PathBuf,
    /// The decoded, newline-normalised text.
    pub text: String,
    /// Its language rules.
    pub lang: &'static LangRules,
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
    /// Running-text sentences longer than [`segment::MAX_SENTENCE_CHARS`]
    /// that were cut into pieces (a warning for the user).
    pub cut_sentences: usize,
}

impl Document {
    /// Reads, decodes and splits a file.
    pub fn from_path(path: &Path, opts: &DocOptions) -> Result<Document> {
        let text = input::read_text(path, &opts.read)?;
        Document::from_text(text, path, opts)
    }

    /// Splits already decoded text; `name` labels it in messages.
    pub fn from_text(text: String, name: &Path, opts: &DocOptions) -> Result<Document> {
        if text.trim().is_empty() {
            return Err(Error::new(ErrorKind::Empty { pos: Position::file(name) }));
        }
        let lang = match opts.lang {
            Some(l) => {
                check_script(&text, l, name)?;
                l
            }
            None => lang::detect(&text),
        };
        let max = opts.read.max_sentences;
        let too_many = || {
            Error::parse(
                Position::file(name),
                format!(
                    "more than {max} sentences, the limit (raise it with --max-sentences, or split the document)"
                ),
            )
        };
        let (sentences, cut_sentences) = if opts.line_per_sentence {
            // Count before building: a file of empty lines is cheap to read
            // but each sentence costs memory.
            let body = text.strip_suffix('\n').unwrap_or(&text);
            if body.bytes().filter(|&b| b == b'\n').count() >= max {
                return Err(too_many());
            }
            (segment::split_lines(&text), 0)
        } else {
            let limits = segment::Limits { max_sentences: max, ..segment::Limits::default() };
            let s = segment::segment_limited(&text, lang, limits).ok_or_else(too_many)?;
            (s.sentences, s.cut)
        };
        Ok(Document { name: name.to_path_buf(), text, lang, sentences, cut_sentences })
    }

    /// A warning for the user when over-long sentences were cut.
    pub fn cut_warning(&self) -> Option<String> {
        (self.cut_sentences > 0).then(|| {
            format!(
                "{}: {} sentence(s) longer than {} characters cut into pieces at spaces (text without sentence ends?)",
                self.name.display(),
                self.cut_sentences,
                segment::MAX_SENTENCE_CHARS
            )
        })
    }

    /// Builds a document from sentences given one by one.
    pub fn from_sentences(sentences: &[String], name: &Path, opts: &DocOptions) -> Result<Document> {
        // Every sentence ends with a newline, so a last empty sentence stays.
        let text: String = sentences.iter().map(|s| s.replace(['\n', '\r'], " ") + "\n").collect();
        let opts = DocOptions { line_per_sentence: true, ..opts.clone() };
        Document::from_text(text, name, &opts)
    }
}

/// A declared language must be written in the script the text is in.
fn check_script(text: &str, lang: &LangRules, name: &Path) -> Result<()> {
    if lang.script == Script::Other {
        return Ok(());
    }
    let sample: String = text.chars().take(20_000).collect();
    let counts = ScriptCounts::of(&sample);
    let found = counts.script();
    if let Some(found) = found.filter(|&f| f != lang.script) {
        return Err(Error::new(ErrorKind::Language {
            pos: Position::file(name),
            msg: format!(
                "the language was given as {:?} ({:?} script) but the text is mostly {:?} script; check --src-lang/--tgt-lang and the file order",
                lang.code, lang.script, found
            ),
        }));
    }
    Ok(())
}
