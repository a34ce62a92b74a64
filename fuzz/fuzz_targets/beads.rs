//! The vecalign/gold bead parser.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(beads) = tandem::eval::parse_beads(&text, Path::new("gold")) {
        let mut score = tandem::eval::Score::default();
        score.add(&beads, &beads);
        let _ = score.prf();
    }
});
