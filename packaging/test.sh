#!/usr/bin/env bash
# Runs every check CI runs: ruff, the import contracts, then the test suite (with a CUPS PDF printer).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
if [ -f packaging/cups-setup.sh ]; then
  bash packaging/cups-setup.sh || echo "booth: CUPS could not be started; printing tests will say so" >&2
fi
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
