#!/usr/bin/env python3
"""Align a manifest of document pairs on Apache Spark through `tandem stream`.

Reads a manifest TSV (header `src<TAB>tgt`, optionally `id`, `src_lang`, `tgt_lang`; paths
relative to the manifest, the layout of `tandem batch`), builds one JSON record per pair, pipes
the records through `tandem stream` with `RDD.pipe` (one tandem process per partition, each using
its own threads), and writes one Parquet row per bead:

    id, bead, src, tgt, type, confidence, flag, src_text, tgt_text, error

`src`/`tgt` are 1-based sentence numbers as in tandem's TSV (`3`, `3..5`, empty), `flag` is the
TSV's flag column (comma-separated), and a pair that tandem could not align gives a single row
whose `error` says why (the job goes on).

    spark-submit examples/spark_align.py --manifest pairs.tsv --out aligned.parquet \\
        --tandem target/release/tandem --line-per-sentence

The document files are read by the executors, so on a cluster they must be on a file system
every worker sees (or the manifest must name such paths), and the tandem binary must exist at
the same path on every worker (or be shipped with `--files` and named by its base name).
"""

import argparse
import csv
import json
import os
import shlex
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("id", StringType(), False),
        StructField("bead", IntegerType(), True),
        StructField("src", StringType(), True),
        StructField("tgt", StringType(), True),
        StructField("type", StringType(), True),
        StructField("confidence", DoubleType(), True),
        StructField("flag", StringType(), True),
        StructField("src_text", StringType(), True),
        StructField("tgt_text", StringType(), True),
        StructField("error", StringType(), True),
    ]
)


def read_manifest(path):
    """The manifest's pairs as dicts with absolute paths (the manifest is small: one row a pair)."""
    base = os.path.dirname(os.path.abspath(path))
    pairs = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        for field in ("src", "tgt"):
            if field not in (rows.fieldnames or []):
                sys.exit(f"{path}: the header has no {field!r} column")
        for row in rows:
            src, tgt = (row.get("src") or "").strip(), (row.get("tgt") or "").strip()
            stem = os.path.splitext(os.path.basename(src))[0]
            pair = {
                "id": (row.get("id") or "").strip() or stem,
                "src": os.path.join(base, src) if src else "",
                "tgt": os.path.join(base, tgt) if tgt else "",
            }
            for lang in ("src_lang", "tgt_lang"):
                if (row.get(lang) or "").strip():
                    pair[lang] = row[lang].strip()
            pairs.append(pair)
    return pairs


def read_text(path):
    # utf-8-sig drops a byte-order mark; newline="" keeps CR/LF for tandem to normalise.
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def prepare(pair):
    """(True, JSON line for `tandem stream`), or (False, error row) when a file cannot be read,
    so that the pair is reported, not dropped."""
    record = {"id": pair["id"]}
    try:
        for side in ("src", "tgt"):
            if not pair[side]:
                raise OSError(f"the {side} cell is empty")
            record[side] = read_text(pair[side])
    except (OSError, UnicodeDecodeError) as e:
        return (False, (pair["id"], None, None, None, None, None, None, None, None, f"{pair[side]}: {e}"))
    for lang in ("src_lang", "tgt_lang"):
        if lang in pair:
            record[lang] = pair[lang]
    return (True, json.dumps(record, ensure_ascii=False))


def label(indices):
    """1-based sentence numbers as tandem's TSV writes them."""
    if not indices:
        return ""
    if len(indices) == 1:
        return str(indices[0] + 1)
    return f"{indices[0] + 1}..{indices[-1] + 1}"


def to_rows(line):
    answer = json.loads(line)
    pair_id = answer.get("id")
    pair_id = "" if pair_id is None else str(pair_id)
    if "error" in answer:
        return [(pair_id, None, None, None, None, None, None, None, None, answer["error"])]
    src, tgt = answer["src_sentences"], answer["tgt_sentences"]
    rows = []
    for n, bead in enumerate(answer["beads"]):
        rows.append(
            (
                pair_id,
                n,
                label(bead["src"]),
                label(bead["tgt"]),
                bead["type"],
                float(bead["confidence"]),
                ",".join(bead["flags"]),
                " ".join(src[i] for i in bead["src"]),
                " ".join(tgt[i] for i in bead["tgt"]),
                None,
            )
        )
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", required=True, help="pairs TSV (src, tgt, optional id, src_lang, tgt_lang)")
    ap.add_argument("--out", required=True, help="Parquet folder to write (replaced)")
    ap.add_argument("--tandem", default="tandem", help="path of the tandem binary on the workers")
    ap.add_argument("--line-per-sentence", action="store_true", help="the documents hold one sentence a line")
    ap.add_argument("--threads", type=int, default=1, help="threads of each tandem process (default 1)")
    ap.add_argument("--tandem-args", default="", help="more arguments for `tandem stream`, e.g. '--src-lang en'")
    ap.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's default parallelism)")
    ap.add_argument("--master", default=None, help="Spark master when not set by spark-submit, e.g. local[2]")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("tandem-align")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext

    pairs = read_manifest(args.manifest)
    partitions = args.partitions or sc.defaultParallelism
    command = [args.tandem, "stream", "--threads", str(args.threads)]
    if args.line_per_sentence:
        command.append("--line-per-sentence")
    command += shlex.split(args.tandem_args)

    prepared = sc.parallelize(pairs, partitions).map(prepare)
    unreadable = prepared.filter(lambda p: not p[0]).map(lambda p: p[1])
    lines = prepared.filter(lambda p: p[0]).map(lambda p: p[1])
    # `tandem stream` answers every line in order, with the record's id; checkCode fails the
    # task if tandem itself fails (a bad record does not: it is answered with an error).
    rows = lines.pipe(shlex.join(command), checkCode=True).flatMap(to_rows).union(unreadable)
    df = spark.createDataFrame(rows, SCHEMA)
    df.write.mode("overwrite").parquet(args.out)
    written = spark.read.parquet(args.out)
    errors = written.filter(written.error.isNotNull()).count()
    print(f"spark_align: {written.count()} rows, {len(pairs)} pairs, {errors} failed -> {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
