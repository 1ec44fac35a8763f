#!/usr/bin/env bash
# Builds the one-folder bundle dist/booth/ with PyInstaller (packaging/bundle/booth.spec): the `booth`
# program with Python, Qt (xcb and wayland plugins), OpenCV, the local engine, art, translations and the
# default config inside, so it runs on a machine with no Python. Prints the bundle's size and build time.
# Needs the test extras (bash packaging/install.sh --test), which bring PyInstaller. PYTHON picks another
# interpreter that has booth's dependencies and PyInstaller installed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/bundle/booth.spec
took=$(( $(date +%s) - start ))
size_mb=$(du -sm dist/booth | cut -f1)
files=$(find dist/booth -type f | wc -l)
echo "booth: built dist/booth in ${took} s: ${size_mb} MB in ${files} files (run dist/booth/booth --version)"
