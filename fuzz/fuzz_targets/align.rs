//! The alignment of two fuzzed sentence lists (split at the first NUL, then
//! at newlines): the beads cover every sentence once, in order, with
//! confidences in [0, 1].
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandem::{Aligner, DocOptions, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let side = |s: &str| s.split('\n').take(200).map(str::to_string).collect::<Vec<_>>();
    let opts = DocOptions::default();
    let (Ok(src), Ok(tgt)) = (
        Document::from_sentences(&side(a), Path::new("s"), &opts),
        Document::from_sentences(&side(b), Path::new("t"), &opts),
    ) else {
        return;
    };
    let al = Aligner::default().align(&src, &tgt);
    let (mut i, mut j) = (0, 0);
    for bead in &al.beads {
        assert_eq!((bead.src.start, bead.tgt.start), (i, j), "contiguous beads");
        assert!(!bead.src.is_empty() || !bead.tgt.is_empty());
        assert!((0.0..=1.0).contains(&bead.confidence), "{}", bead.confidence);
        (i, j) = (bead.src.end, bead.tgt.end);
    }
    assert_eq!((i, j), (src.sentences.len(), tgt.sentences.len()));
});
