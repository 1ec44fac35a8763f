#!/usr/bin/env bash
# Installs what booth needs on Debian 12: the system libraries the Qt wheels load (xcb, EGL, fonts),
# CUPS with a PDF printer, then a venv in .venv with booth in it. `--test` adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--test" ] && extra="[test]"

apt_packages=(
  python3-venv python3-pip
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1
  fonts-dejavu-core fonts-noto-core
  cage xwayland grim systemd  # the kiosk session's tests: cage headless, grim screenshots, systemd-analyze
  cups cups-bsd cups-client printer-driver-cups-pdf libcups2 poppler-utils
  xvfb v4l-utils
  rclone chromium
)

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  missing=()
  for pkg in "${apt_packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "booth: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "booth: no apt-get here; install Qt's xcb libraries, CUPS and ffmpeg with your package manager" >&2
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extra}"
echo "booth: installed into $(pwd)/.venv"
