#!/usr/bin/env bash
# Runs every benchmark of benches/ once and writes BENCHMARKS.md at the
# repository root: machine, date, ns/op table, each target's ratio and
# verdict, memory, clean build time, and how to reproduce.
#
#   benches/run.sh                 # full run (about 6 minutes on 2 cores)
#   QUICK=1 benches/run.sh         # shorter measurement, for trying it out
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
warm=1 measure=3
if [[ "${QUICK:-}" == 1 ]]; then warm=0.3 measure=0.7; fi
results="$(mktemp -d)"
# Kept when a step or the report fails, so minutes of measurements are not lost.
trap 'echo "measurements kept in $results" >&2' ERR

cargo bench -p x0tta-metrics-benches --features prometheus-protobuf --no-run
for bench in hot_path scrape contention compile_time; do
    cargo bench -p x0tta-metrics-benches --features prometheus-protobuf --bench "$bench" -- \
        --warm-up-time "$warm" --measurement-time "$measure" | tee "$results/$bench.log"
done
# Without prometheus-protobuf: its protobuf model would change the size of
# the prometheus baseline's label pairs.
cargo bench -p x0tta-metrics-benches --bench memory > "$results/memory.md"
# live-check on a 10,000-series target (issue 13): the whole command, timed
# from the CLI crate's bench (it runs the built binary).
cargo bench -p x0tta-metrics-cli --bench live_check -- \
    --warm-up-time "$warm" --measurement-time "$measure" | tee "$results/live_check.log"

# Scrapes under load (issue 5) and the cardinality soak (issue 7): the tests
# print their numbers; release mode, as a service would run.
cargo test --release -p x0tta-metrics-tests --test e2e_load --test soak -- --nocapture 2>&1 \
    | grep -E '^(load|soak):' > "$results/printed.txt"
# Sustained load (issue 12): 60 s of 16 clients per variant on a release
# build of the demo; ignored in ordinary test runs.
cargo test --release -p x0tta-metrics-tests --test e2e_sustained_load -- --ignored --nocapture 2>&1 \
    | grep -E '^load:' >> "$results/printed.txt"
# Fleet capacity (issue 12): agents remote-writing N nodes to one central
# Prometheus; minutes long, so the test is ignored unless asked for.
cargo test --release -p x0tta-metrics-tests --test fleet_capacity -- --ignored --nocapture 2>&1 \
    | grep -E '^fleet:' >> "$results/printed.txt"

# Clean build time of the runtime crate (own target dir, so it is clean).
build_dir="$results/clean-build"
start=$(date +%s.%N)
CARGO_TARGET_DIR="$build_dir" cargo build -p x0tta-metrics --release --quiet
end=$(date +%s.%N)
echo "$start $end" | awk '{printf "%.1f\n", $2 - $1}' > "$results/build_seconds"

python3 "$root/benches/report.py" \
    --criterion "$CARGO_TARGET_DIR/criterion" \
    --memory "$results/memory.md" \
    --build-seconds "$(cat "$results/build_seconds")" \
    --notes "$root/benches/NOTES.md" \
    --printed "$results/printed.txt" \
    --out "$root/BENCHMARKS.md"
rm -rf "$results"
echo "wrote $root/BENCHMARKS.md"
