#!/usr/bin/env bash
# Starts a CUPS server and a "booth-pdf" queue (cups-pdf) so printing can be tested end to end without paper.
#
# Written for CI and fresh Debian 12 machines where no init system runs: cupsd is started directly. Safe to
# run twice: a running scheduler and an existing queue are kept (the queue is re-enabled and set to accept
# jobs, so a test that paused it cannot poison the next run). Needs root (lpadmin, /etc/cups) and the
# packages packaging/install.sh installs: cups cups-bsd cups-client printer-driver-cups-pdf poppler-utils.
#
# PDFs land in $BOOTH_PDF_DIR (default /var/spool/cups-pdf/booth), named "<title>-job_<cups job id>.pdf",
# through a per-queue cups-pdf config (/etc/cups/cups-pdf-<queue>.conf) so the system-wide one is untouched.
set -euo pipefail

queue=${BOOTH_PDF_QUEUE:-booth-pdf}
outdir=${BOOTH_PDF_DIR:-/var/spool/cups-pdf/booth}
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

say() { echo "cups-setup: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  say "needs root (lpadmin and /etc/cups); run: sudo bash $0"
  exit 1
fi
for tool in cupsd lpadmin lpstat cupsenable cupsaccept; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    say "$tool is missing; install: apt-get install cups cups-bsd cups-client printer-driver-cups-pdf poppler-utils"
    exit 1
  fi
done
if [ ! -f "$ppd" ] || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
  say "the cups-pdf driver is missing; install: apt-get install printer-driver-cups-pdf"
  exit 1
fi
export PATH="$PATH:/usr/sbin"

# Per-queue cups-pdf settings: a fixed folder for every user (root included), every file labelled with its
# CUPS job id so a test can find the PDF of the job it sent, readable by the test that checks it.
mkdir -p "$outdir"
chmod 0777 "$outdir"
conf=/etc/cups/cups-pdf-${queue}.conf
wanted=$(printf 'Out %s\nAnonDirName %s\nLabel 2\nUserUMask 0000\nGrp lp\n' "$outdir" "$outdir")
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
  printf '%s\n' "$wanted" >"$conf"
fi

running() { lpstat -r 2>/dev/null | grep -q "is running"; }

if ! running; then
  mkdir -p /run/cups /var/spool/cups /var/log/cups
  # Without -f cupsd puts itself in the background; without -l it does not exit when idle.
  cupsd
  for _ in $(seq 1 100); do
    running && break
    sleep 0.1
  done
  if ! running; then
    say "cupsd did not answer within 10 s; see /var/log/cups/error_log"
    exit 1
  fi
fi

# The URI names the queue so cups-pdf reads the per-queue config above (with plain cups-pdf:/ it would not).
if ! lpstat -v "$queue" 2>/dev/null | grep -q "cups-pdf:/$queue"; then
  lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -P "$ppd" -D "booth test printer (PDF)" \
    -o printer-error-policy=retry-job 2>&1 | grep -v "drivers are deprecated" >&2 || true
fi
# Be the default printer only where there is none, so `booth print` works out of the box on CI.
if ! lpstat -d 2>/dev/null | grep -q "destination:"; then
  lpadmin -d "$queue"
fi
# A paused or rejecting queue left by an interrupted test run would make the next run fail for no reason.
cupsenable "$queue"
cupsaccept "$queue"
say "queue '$queue' ready; PDFs go to $outdir"
