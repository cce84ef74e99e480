#!/usr/bin/env bash
# Every test of the project: the Rust workspace (library, command line, HTML page in
# headless Chromium), then the Python package (API, spaCy component, Spark in local[2]
# mode, Dask) in a virtual environment it creates when missing (target/py-venv, or
# $GAZET_VENV). Needs a Rust toolchain and Python >= 3.9 with venv; Spark needs Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test --workspace"
cargo test --workspace

VENV="${GAZET_VENV:-target/py-venv}"
if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating $VENV"
    python3 -m venv "$VENV"
fi
echo "== installing the Python test requirements and the gazet package (pip install ./python)"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r python/requirements-test.txt
"$VENV/bin/python" -m pip install -q ./python

echo "== pytest python/tests"
"$VENV/bin/python" -m pytest -q python/tests
