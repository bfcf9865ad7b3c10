#!/usr/bin/env bash
# Task runner for a fresh machine that has only Python 3.11, pip and gcc (no make needed).
#   ./dev.sh demo   set up, ingest the bundled examples into tacitus.db, link incidents, print a summary
#   ./dev.sh test   set up with the test extras, run lint, types and the test suite
#   ./dev.sh lint | bench | eval | setup
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
BIN="$VENV/bin"
export TACITUS_SHARED=${TACITUS_SHARED:-$(cd .. && pwd)/shared}

setup() {
  if [ ! -x "$BIN/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  # Re-install only when pyproject.toml changed since the last install.
  if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
    "$BIN/pip" install --quiet --disable-pip-version-check -e '.[test]'
    touch "$VENV/.installed"
  fi
}

cmd=${1:-help}
case "$cmd" in
  setup) setup ;;
  demo)
    setup
    "$BIN/tacitus" gazetteer build --if-missing
    "$BIN/tacitus" ingest examples/ --db tacitus.db
    "$BIN/tacitus" link --db tacitus.db
    "$BIN/tacitus" incidents --db tacitus.db
    ;;
  lint)
    setup
    "$BIN/ruff" check src tests
    "$BIN/ruff" format --check src tests
    "$BIN/mypy"
    ;;
  test)
    setup
    "$BIN/ruff" check src tests
    "$BIN/mypy"
    # Build the place index once, before two test workers would both need it.
    "$BIN/tacitus" gazetteer build --if-missing
    "$BIN/pytest" -n 2 --dist loadfile -q
    ;;
  bench) setup; "$BIN/python" -m tacitus.bench "${@:2}" ;;
  eval) setup; "$BIN/tacitus" eval all ;;
  *) sed -n '2,6p' "$0"; exit 2 ;;
esac
