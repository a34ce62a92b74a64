//! Bilingual dictionaries for `--dict`: hunalign's `target @ source` lines or
//! a two-column TSV `source<TAB>target`.

use std::path::Path;

use crate::anchor::{arabic_forms, words};
use crate::error::{Error, Position, Result};
use crate::lang::{Script, script_of};

/// Word pairs, each side a phrase of normalised words.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entries: Vec<(Vec<String>, Vec<String>)>,
}

impl Dictionary {
    /// Reads a dictionary file.
    pub fn from_path(path: &Path) -> Result<Dictionary> {
        let text = crate::input::read_text(path, &crate::input::ReadOptions::default())?;
        Dictionary::parse(&text, path)
    }

    /// Parses dictionary text; `path` names the source in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Dictionary> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (src, tgt) = if let Some((s, t)) = line.split_once('\t') {
                (s, t)
            } else if let Some((t, s)) = line.split_once(" @ ") {
                (s, t)
            } else {
                return Err(Error::parse(
                    Position::file(path).with_line(n + 1),
                    "expected `target @ source` (hunalign) or `source<TAB>target`",
                ));
            };
            let (src, tgt) = (Dictionary::phrase(src), Dictionary::phrase(tgt));
            if src.is_empty() || tgt.is_empty() {
                return Err(Error::parse(
                    Position::file(path).with_line(n + 1),
                    "an entry needs a word on both sides",
                ));
            }
            entries.push((src, tgt));
        }
        Ok(Dictionary { entries })
    }

    /// The entries as (source words, target words).
    pub fn entries(&self) -> &[(Vec<String>, Vec<String>)] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn phrase(text: &str) -> Vec<String> {
        words(text).map(|w| Dictionary::forms(w).swap_remove(0)).collect()
    }

    /// The normalised forms a text word can be looked up by: lower case, and
    /// for Arabic also without diacritics and leading clitics.
    pub fn forms(word: &str) -> Vec<String> {
        if word.chars().find_map(script_of) == Some(Script::Arabic) {
            arabic_forms(word)
        } else {
            vec![word.to_lowercase()]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_formats() {
        let d = Dictionary::parse("# c\nسد @ dam\nriver\tنهر\n\n", Path::new("d")).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.entries()[0], (vec!["dam".to_string()], vec!["سد".to_string()]));
        assert_eq!(d.entries()[1], (vec!["river".to_string()], vec!["نهر".to_string()]));
    }

    #[test]
    fn bad_line_names_its_line() {
        let err = Dictionary::parse("a @ b\nnonsense\n", Path::new("d.txt")).unwrap_err();
        assert!(err.to_string().starts_with("d.txt:line 2:"), "{err}");
    }

    #[test]
    fn arabic_clitics_are_stripped_for_lookup() {
        assert!(Dictionary::forms("والكتاب").contains(&"كتاب".to_string()));
    }
}
