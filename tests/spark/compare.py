#!/usr/bin/env python3
"""Compares the Parquet rows of examples/spark_align.py with the TSV files of `tandem batch`.

usage: compare.py PARQUET_DIR BATCH_OUT_DIR

Every pair of the batch summary must have exactly its TSV's beads in the Parquet output, in
order, with equal sentence numbers, type, flag and texts, and a confidence within rounding of
the TSV's 3 decimals; failed pairs must fail on both sides. Exit status 1 on any difference.
"""

import csv
import sys

import pyarrow.parquet as pq


def main(parquet_dir, batch_dir):
    table = pq.read_table(parquet_dir).to_pylist()
    spark = {}
    for row in table:
        spark.setdefault(row["id"], []).append(row)
    with open(f"{batch_dir}/summary.csv", newline="", encoding="utf-8") as f:
        summary = [r for r in csv.DictReader(f) if r["id"] != "overall"]
    problems, beads = [], 0
    for pair in summary:
        pid = pair["id"]
        rows = sorted(spark.pop(pid, []), key=lambda r: (r["bead"] is None, r["bead"] or 0))
        if pair["status"] == "error":
            if not (len(rows) == 1 and rows[0]["error"]):
                problems.append(f"{pid}: failed in batch ({pair['error']}) but not in Spark")
            continue
        with open(f"{batch_dir}/{pid}.tsv", newline="", encoding="utf-8-sig") as f:
            tsv = list(csv.DictReader(f, delimiter="\t"))
        if len(rows) != len(tsv):
            problems.append(f"{pid}: {len(tsv)} beads in batch, {len(rows)} rows in Spark")
            continue
        for n, (b, s) in enumerate(zip(tsv, rows)):
            beads += 1
            for col in ("src", "tgt", "type", "flag", "src_text", "tgt_text"):
                if b[col] != (s[col] or ""):
                    problems.append(f"{pid} bead {n}: {col} {b[col]!r} (batch) != {s[col]!r} (Spark)")
            if abs(float(b["confidence"]) - s["confidence"]) > 0.0005 + 1e-9:
                problems.append(f"{pid} bead {n}: confidence {b['confidence']} != {s['confidence']}")
    for pid in spark:
        problems.append(f"{pid}: in Spark's output but not in the batch summary")
    for p in problems[:20]:
        print("DIFF", p)
    print(f"compare: {len(summary)} pairs, {beads} beads compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
