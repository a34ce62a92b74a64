//! Segmentation of running text (English and Arabic rules) and of one
//! sentence per line: spans point at the text, sentences are trimmed and no
//! longer than the cut, and a sentence limit is kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::lang;
use tandem::segment::{self, Limits, MAX_SENTENCE_CHARS};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for code in ["en", "ar"] {
        let rules = lang::by_code(code).expect("known language");
        let sents = segment::segment(&text, rules);
        let mut last = 0;
        for s in &sents {
            assert!(s.span.start >= last, "spans in order");
            last = s.span.end;
            assert_eq!(text[s.span.clone()].replace('\n', " "), s.text);
            assert!(!s.text.is_empty() && s.text.trim() == s.text);
            assert!(s.text.chars().count() <= MAX_SENTENCE_CHARS);
        }
        // A small cut and a sentence limit.
        let limits = Limits { max_sentence_chars: 7, max_sentences: 5 };
        match segment::segment_limited(&text, rules, limits) {
            Some(s) => {
                assert!(s.sentences.len() <= 5);
                assert!(s.sentences.iter().all(|x| x.text.chars().count() <= 7));
            }
            None => {
                let all = segment::segment_limited(
                    &text,
                    rules,
                    Limits { max_sentence_chars: 7, ..Limits::default() },
                );
                assert!(all.expect("no limit").sentences.len() > 5);
            }
        }
    }
    let lines = segment::split_lines(&text);
    assert_eq!(lines.len(), text.strip_suffix('\n').unwrap_or(&text).split('\n').count());
});
