//! Does a batch run faster on 2 threads than on 1? Pairs/s of `tandem::batch`
//! on 24 synthetic pairs of 300 sentences a side (one sentence a line, with
//! gold), read from disk and written as TSV to a temporary folder, on a
//! rayon pool of 1 and of 2 threads. The target: 2 threads at least
//! 1.8 times the throughput of 1.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use tandem::batch::{self, BatchOptions, Existing, Manifest};
use tandem::{Aligner, DocOptions};

const PAIRS: usize = 24;
const SENTENCES: usize = 300;

fn batch_threads(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let manifest =
        tandem::bench::write_set(&dir.path().join("set"), PAIRS, SENTENCES, 5).expect("set written");
    let aligner = Aligner::default();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(PAIRS as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        let opts = BatchOptions {
            doc: DocOptions { line_per_sentence: true, ..DocOptions::default() },
            existing: Existing::Overwrite,
            gold: true,
            ..BatchOptions::new(dir.path().join(format!("out-{threads}")))
        };
        group.bench_function(BenchmarkId::new("threads", threads), |b| {
            b.iter(|| {
                let manifest = Manifest::open(&manifest).expect("the manifest opens");
                let report = batch::run(manifest, &aligner, &opts, &pool, &|_| {}).expect("the batch runs");
                assert_eq!(report.ok, PAIRS);
                report
            })
        });
    }
    group.finish();
}

criterion_group!(benches, batch_threads);
criterion_main!(benches);
