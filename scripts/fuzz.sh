#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time each, one after
# the other, and prints the runs per target. Not part of CI.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60, all)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the
# build sets RUSTC_BOOTSTRAP=1 (cargo-fuzz asks for nightly flags); when the
# address-sanitizer runtime is missing it falls back to --sanitizer none.
# Crashes land in fuzz/artifacts/TARGET/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
# The corpus grows in fuzz/corpus/TARGET/ (seeded from fuzz/seeds/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-60}"
[ "$#" -gt 0 ] && shift
all=(decode segment manifest stream beads readback dict align)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz is missing; install it with: cargo install cargo-fuzz" >&2
  exit 2
fi
export RUSTC_BOOTSTRAP=1

# -O with debug assertions: fast, and overflow checks stay on.
build=(-O --debug-assertions)
sanitizer=()
if ! cargo fuzz build "${build[@]}" >/dev/null 2>&1; then
  echo "fuzz.sh: the address-sanitizer build failed; using --sanitizer none" >&2
  sanitizer=(--sanitizer none)
  cargo fuzz build "${build[@]}" "${sanitizer[@]}"
fi

mkdir -p target/fuzz-logs
status=0
printf '%-10s %12s  %s\n' target runs result
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  log="target/fuzz-logs/$t.log"
  # Wall-clock guard on top of libFuzzer's own limits: a hang is a finding.
  if timeout --kill-after=30 $((secs + 300)) cargo fuzz run "${build[@]}" "${sanitizer[@]}" "$t" \
      "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
      -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and fuzz/artifacts/$t/)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  printf '%-10s %12s  %s\n' "$t" "${runs:-?}" "$result"
done
exit "$status"
