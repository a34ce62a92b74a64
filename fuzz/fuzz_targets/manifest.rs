//! The batch manifest reader: any bytes become a header error or entries;
//! every id of a pair is vetted by check_id without a panic.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandem::batch::{self, Entry, Manifest};

fuzz_target!(|data: &[u8]| {
    let Ok(manifest) =
        Manifest::from_reader(Box::new(Cursor::new(data.to_vec())), Path::new("dir/pairs.tsv"))
    else {
        return;
    };
    let _ = manifest.has_gold();
    for entry in manifest.take(10_000) {
        match entry {
            Ok(Entry::Pair(p)) => {
                let _ = batch::check_id(&p.id);
                assert!(p.src.starts_with("dir") || p.src.is_absolute());
            }
            Ok(Entry::Bad { .. }) => {}
            Err(_) => break,
        }
    }
    let _ = batch::default_id(Path::new(&*String::from_utf8_lossy(data)));
});
