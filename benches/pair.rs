//! Pairing speed on generated collections (`tandem::pair::synthetic`):
//! 1,000 and 10,000 English and Arabic documents a side, a fifth of them
//! without counterpart, read from folders as `tandem pair` reads them.
//!
//! `cargo bench --bench pair` runs both; the 10,000-document folders are
//! left in `target/pair-bench/` so that the command itself can be timed:
//! `/usr/bin/time -v target/release/tandem pair target/pair-bench/10000/en target/pair-bench/10000/ar -o /dev/null`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem::pair::{self, PairOptions, synthetic};

/// Writes the collection of about `per_side` documents a side once (fixed
/// seed) and returns its folder.
fn collection(per_side: usize) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("pair-bench").join(per_side.to_string());
    if !dir.join("gold.tsv").exists() {
        let spec = synthetic::Spec::default();
        // A fifth lose their counterpart, half of them on each side.
        let docs = (per_side as f64 / (1.0 - spec.orphans / 2.0)).round() as usize;
        let corpus = synthetic::corpus(&synthetic::Spec { docs, seed: 7, ..spec });
        let _ = std::fs::remove_dir_all(&dir);
        synthetic::write(&corpus, &dir).expect("write the generated collection");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pair");
    group.sample_size(10);
    for docs in [1_000, 10_000] {
        let dir = collection(docs);
        let opts = PairOptions::default();
        // Accuracy on the generated set, printed once.
        let p = pair::pair_dirs(&dir.join("en"), &dir.join("ar"), &opts).expect("pairs");
        let pred: Vec<(String, String)> = p
            .matching
            .pairs
            .iter()
            .map(|&(i, j, _)| (p.src[i].display().to_string(), p.tgt[j].display().to_string()))
            .collect();
        let gold = pair::read_pairs(&dir.join("gold.tsv")).expect("gold");
        eprintln!("pair/{docs}: {}", pair::PairScore::of(&pred, &gold));
        group.measurement_time(Duration::from_secs(if docs > 1_000 { 300 } else { 20 }));
        group.bench_function(format!("{docs} documents a side"), |b| {
            b.iter(|| pair::pair_dirs(&dir.join("en"), &dir.join("ar"), &opts).expect("pairs"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
