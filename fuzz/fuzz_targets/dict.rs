//! The dictionary parser (`--dict`), and aligning with what it read.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandem::{Aligner, Dictionary, DocOptions, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(dict) = Dictionary::parse(&text, Path::new("dict")) else { return };
    let _ = (dict.len(), dict.is_empty());
    let opts = DocOptions::default();
    let src = Document::from_text("The dam holds water. It opened in 2019.".into(), Path::new("s"), &opts);
    let tgt = Document::from_text("يحجز السد المياه. افتتح عام 2019.".into(), Path::new("t"), &opts);
    if let (Ok(s), Ok(t)) = (src, tgt) {
        let al = Aligner::default().with_dict(dict).align(&s, &t);
        assert_eq!(al.beads.iter().map(|b| b.src.len()).sum::<usize>(), s.sentences.len());
    }
});
