#!/usr/bin/env bash
# A short smoke of every fuzz target (fuzz/): a fixed number of runs starting from the
# committed seeds, new inputs kept in a temporary folder. cargo fuzz needs nightly
# features; RUSTC_BOOTSTRAP=1 unlocks them on this stable toolchain. When cargo-fuzz
# cannot be installed or the targets cannot be built here, the smoke is skipped with
# a message; a crash found by a run fails it. The long campaign: fuzz/campaign.sh.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
RUNS="${FUZZ_SMOKE_RUNS:-20000}"
export RUSTC_BOOTSTRAP=1
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    if ! cargo install cargo-fuzz --locked --quiet; then
        echo "fuzz smoke SKIPPED: cargo-fuzz could not be installed"
        exit 0
    fi
fi
if ! cargo fuzz build -O -a -s none >/dev/null 2>&1; then
    echo "fuzz smoke SKIPPED: the fuzz targets do not build with this toolchain"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in tokenize gazetteer rules time extract extract_data; do
    dict=syntax
    case $t in tokenize|time|extract) dict=words ;; esac
    runs=$RUNS
    case $t in extract|extract_data) runs=$((RUNS / 4)) ;; esac
    mkdir -p "$work/$t"
    echo "== fuzz smoke: $t, $runs runs"
    cargo fuzz run -O -a -s none "$t" "$work/$t" "corpus/$t" -- -runs="$runs" -dict="dict/$dict.dict" \
        -max_len=4096 2>&1 | grep -E "^Done|ERROR|panicked" || true
    if [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
        echo "fuzz smoke FAILED: $t left a crash in fuzz/artifacts/$t" >&2
        exit 1
    fi
done
