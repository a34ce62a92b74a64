//! How fast does the segmenter split running text into sentences, in MB/s,
//! for English and for Arabic?
//!
//! The text is a synthetic news-like document (`tandem::bench`): paragraphs
//! of 2 to 7 sentences of varied length, with numbers, dates, names and
//! acronyms; the Arabic side mixes Western and Arabic-Indic digits.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use tandem::bench::SyntheticPair;
use tandem::{lang, segment};

fn segmentation(c: &mut Criterion) {
    let pair = SyntheticPair::generate(3000, 11);
    let mut group = c.benchmark_group("segment");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for (code, text) in [("en", pair.src_text()), ("ar", pair.tgt_text())] {
        let rules = lang::by_code(code).expect("a language with rules");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(code), &text, |b, text| {
            b.iter(|| segment::segment(black_box(text), rules))
        });
    }
    group.finish();
}

criterion_group!(benches, segmentation);
criterion_main!(benches);
