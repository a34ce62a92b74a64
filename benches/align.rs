//! How long does aligning one document pair take, and does the time grow
//! linearly with its length? Pairs of 100, 1,000 and 10,000 sentences a side
//! (synthetic English/Arabic with merges and omissions, `tandem::bench`), on
//! one thread, documents already split (one sentence a line), so the figure
//! is the aligner's: anchors, costs, the banded search and the posteriors.
//! The targets: 10,000 sentences a side in under 1 s, and 10k at
//! most 12 times the 1k time.
//!
//! When the shared evaluation data is beside the project
//! (`../shared/data`), also the "long pair" of its README: every file of
//! `ntrex-en-ar-edited` concatenated and repeated to about 10,000 sentences.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use tandem::Aligner;
use tandem::bench::SyntheticPair;

fn bench_pair(c: &mut Criterion, name: &str, pair: &SyntheticPair) {
    let (src, tgt) = pair.documents().expect("the pair makes documents");
    let aligner = Aligner::default();
    let n = pair.src.len();
    let mut group = c.benchmark_group("align");
    // Room for ten samples (criterion's linear sampling runs 55 alignments).
    let seconds = match n {
        5000.. => 15,
        500.. => 5,
        _ => 3,
    };
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(seconds));
    group.throughput(Throughput::Elements(n as u64));
    group.bench_with_input(BenchmarkId::new(name, n), &(src, tgt), |b, (src, tgt)| {
        b.iter(|| aligner.align(black_box(src), black_box(tgt)))
    });
    group.finish();
}

fn alignment(c: &mut Criterion) {
    for n in [100, 1000, 10_000] {
        bench_pair(c, "synthetic", &SyntheticPair::generate(n, 42));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-en-ar-edited/pairs.tsv");
    if !manifest.is_file() {
        println!("skipping the long pair: {} is absent", manifest.display());
        return;
    }
    let long = SyntheticPair::concatenated(&manifest, 10_000).expect("the shared set reads");
    bench_pair(c, "ntrex-long", &long);
}

criterion_group!(benches, alignment);
criterion_main!(benches);
