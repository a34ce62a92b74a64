//! Input decoding: any bytes, with no encoding given (UTF-8, or UTF-16 with
//! a BOM) or with one named by the first byte; then a document from the
//! text. Never a panic; decoded text is valid and has no CR.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandem::input::{self, ReadOptions};
use tandem::{DocOptions, Document};

const LABELS: &[&str] =
    &["utf-8", "utf-16le", "utf-16be", "windows-1256", "iso-8859-6", "shift_jis", "gb18030"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let encoding = match first as usize % (LABELS.len() + 1) {
        0 => None,
        k => Some(input::encoding_for_label(LABELS[k - 1]).expect("a known label")),
    };
    let opts = ReadOptions { encoding, ..ReadOptions::default() };
    if let Ok(text) = input::decode(rest, Path::new("f"), &opts) {
        assert!(!text.contains('\r'));
        assert!(!text.trim().is_empty());
        let doc = DocOptions { read: opts, line_per_sentence: first & 0x80 != 0, lang: None };
        if let Ok(d) = Document::from_text(text, Path::new("f"), &doc) {
            for s in &d.sentences {
                assert!(s.span.end <= d.text.len());
            }
        }
    }
});
