//! One JSON Lines record of `tandem stream`: every input line gets one
//! output line of valid JSON, with no raw control character a terminal
//! would act on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::Aligner;
use tandem::stream::{self, StreamOptions};

fuzz_target!(|data: &[u8]| {
    if data.contains(&b'\n') {
        return; // the reader splits lines before this point
    }
    let opts =
        StreamOptions { line_per_sentence: data.first().is_some_and(|b| b & 1 == 1), ..Default::default() };
    let (line, _ok) = stream::process_line(data, 1, &Aligner::default(), &opts);
    assert!(!line.contains('\n'));
    assert!(!line.chars().any(|c| c.is_control()), "raw control character in {line:?}");
    let v: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
    assert!(v.is_object());
});
