//! `--resume` reads existing outputs back: vecalign, ladder and TSV files
//! of any content are an error or beads, never a panic or a huge
//! allocation.
#![no_main]

use std::io::Write;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tandem::batch;
use tandem::output::Format;

fn dir() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "/tmp" };
        let d = std::path::Path::new(base).join(format!("tandem-fuzz-readback-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let path = dir().join("out");
    std::fs::File::create(&path).and_then(|mut f| f.write_all(data)).expect("write");
    for format in [Format::Vecalign, Format::Ladder, Format::Tsv, Format::Csv] {
        if let Ok(back) = batch::read_output(&path, format) {
            let stats = batch::Stats::of(&back.beads, back.confidences.as_deref(), back.flagged);
            let _ = stats.mean_confidence();
        }
    }
});
