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
        let sentences =
            if opts.line_per_sentence { segment::split_lines(&text) } else { segment::segment(&text, lang) };
        Ok(Document { name: name.to_path_buf(), text, lang, sentences })
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
    if let Some(found) = counts.dominant().filter(|&f| f != lang.script) {
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
