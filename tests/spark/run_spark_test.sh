#!/usr/bin/env bash
# Runs examples/spark_align.py for real in Spark local mode on a shared evaluation set and checks
# that its rows equal `tandem batch` on the same pairs. Not part of `cargo test` (it installs
# pyspark, ~300 MB): run it by hand, `bash tests/spark/run_spark_test.sh [MANIFEST]`.
# Needs python3 with venv, Java 17 (for Spark) and the network to PyPI on the first run; the
# virtual environment is kept in target/spark-venv for the next runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
MANIFEST="${1:-../shared/data/ntrex-en-ar-edited/pairs.tsv}"
if [ ! -f "$MANIFEST" ]; then
  echo "skipped: $MANIFEST is absent (the shared evaluation data lives in ../shared/data)"
  exit 0
fi
if ! command -v java >/dev/null 2>&1; then
  echo "skipped: no java on PATH (Spark needs Java 17)"
  exit 0
fi
VENV=target/spark-venv
WORK=target/spark-test
SECONDS=0
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pyspark, pyarrow' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pyspark pyarrow
  echo "venv: installed pyspark and pyarrow in ${SECONDS} s"
fi
cargo build --release --quiet
rm -rf "$WORK"
mkdir -p "$WORK"

start=$SECONDS
status=0
target/release/tandem batch "$MANIFEST" --out "$WORK/batch" --line-per-sentence --quiet || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  echo "tandem batch failed (exit $status)"
  exit 1
fi
echo "batch: $((SECONDS - start)) s"

start=$SECONDS
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
"$VENV/bin/python" examples/spark_align.py --master 'local[2]' --manifest "$MANIFEST" \
  --out "$WORK/aligned.parquet" --tandem "$PWD/target/release/tandem" --line-per-sentence \
  2> "$WORK/spark.log" || { tail -30 "$WORK/spark.log"; exit 1; }
echo "spark job: $((SECONDS - start)) s (log in $WORK/spark.log)"

"$VENV/bin/python" tests/spark/compare.py "$WORK/aligned.parquet" "$WORK/batch"
echo "total: ${SECONDS} s"
