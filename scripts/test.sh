#!/usr/bin/env bash
# Runs every check of the project: formatting, clippy, and the whole test
# suite (unit, integration, compile-fail, property, end-to-end against a real
# Prometheus, Pushgateway and promtool). Installs the Debian packages the
# tests use when they are missing, so a new machine needs only this command.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests run for real, keyed by the command they provide.
declare -A packages=(
    [promtool]=prometheus
    [prometheus]=prometheus
    [prometheus-pushgateway]=prometheus-pushgateway
    # live-check's HTTPS test (a private CA and `openssl s_server`) and the
    # HTTPS Pushgateway test's CA and server certificate.
    [openssl]=openssl
    # The protobuf oracle: tests/build.rs compiles client_model's metrics.proto
    # with prost-build, which runs protoc.
    [protoc]=protobuf-compiler
)
missing=()
for command in "${!packages[@]}"; do
    command -v "$command" >/dev/null 2>&1 || missing+=("${packages[$command]}")
done
# The second parser of the exposition in the end-to-end tests (Debian's python3).
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || missing+=(python3-prometheus-client)
# GNU time: benches/benches/cargo_check.rs reads the peak memory of `cargo check` from it.
[ -x /usr/bin/time ] || missing+=(time)
# The real validator of the spec's JSON Schema (x0tta-metrics-cli/tests/schema.rs).
/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
# The well-known types metrics.proto imports (google/protobuf/timestamp.proto).
[ -f /usr/include/google/protobuf/timestamp.proto ] || missing+=(libprotobuf-dev)
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # shellcheck disable=SC2046
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u)
fi

# Grafana dashboards are type-checked against @grafana/schema (pinned npm packages).
(cd x0tta-metrics-cli/dashboards-typecheck && npm ci --no-audit --no-fund --silent && npm run --silent check)

cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --all-targets
cargo test --workspace --doc
# Every public item is documented (missing_docs, via clippy) and every doc link resolves.
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

# The published crates package and build from their .crate files alone
# (tests/tests/packaged.rs also builds the README's example against them).
# `cargo package --workspace` verifies each crate against the others through a
# temporary local registry, and cargo unpacks a registry crate only once per
# name and version: a copy unpacked by an earlier run of the same version
# (under ~/.cargo/registry/src/<registry hash>/) would be built instead of the
# one just packaged. Our crates are not on crates.io, so every unpacked copy of
# them is such a leftover; cargo unpacks the fresh ones again.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
for stale in "$cargo_home"/registry/src/*/x0tta-metrics-*; do
    case "$stale" in
    */index.crates.io-*) ;;
    *) if [ -d "$stale" ]; then rm -rf -- "$stale"; fi ;;
    esac
done
cargo package --workspace --locked

# The MSRV (`rust-version` in Cargo.toml) builds the published crates with the
# locked dependencies; clippy's incompatible_msrv lint (above) guards the
# standard library APIs. Where that toolchain cannot be installed, the oldest
# one present stands in, and the log says so.
msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
if rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1; then
    toolchain="$msrv"
else
    toolchain=$(rustup toolchain list | awk '{print $1}' | grep -E '^[0-9]' | sort -V | head -n 1)
    echo "note: Rust $msrv (the MSRV) cannot be installed here; checking with the oldest toolchain present, ${toolchain:-stable}" >&2
fi
cargo "+${toolchain:-stable}" check --locked --target-dir target/msrv --all-features \
    -p x0tta-metrics -p x0tta-metrics-macros -p x0tta-metrics-codegen -p x0tta-metrics-cli
