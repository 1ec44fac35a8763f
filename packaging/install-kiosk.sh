#!/usr/bin/env bash
# Turns a Debian/Ubuntu PC into a booth kiosk: the bundle (bash packaging/build.sh) under /opt/booth, a
# `booth` user (groups video, lpadmin), settings, PIN, events and logs in /var/lib/booth, and
# booth-kiosk.service, which starts the booth full screen on tty1 at boot under cage and restarts it
# within seconds after any crash. Run as root.
#
#   install-kiosk.sh [--bundle DIR] [--x11]   install (or update) the kiosk; --x11: Xorg instead of cage
#   install-kiosk.sh --uninstall [--purge]    undo it; --purge also deletes /var/lib/booth and the user
#   install-kiosk.sh --stage ROOT [...]       only the files, under ROOT (no apt, user or systemd): what the
#                                             tests check with systemd-analyze verify and run under cage;
#                                             with --uninstall, removes them from ROOT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle="$here/../dist/booth"
mode=cage
action=install
purge=0
staged=0
root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle=$2; shift ;;
    --x11) mode=x11 ;;
    --uninstall) action=uninstall ;;
    --purge) purge=1 ;;
    --stage) staged=1; root=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install-kiosk: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

opt="$root/opt/booth"
data="$root/var/lib/booth"
unit="$root/etc/systemd/system/booth-kiosk.service"
state="$data/.kiosk-install"

cage_packages=(cage xwayland)
x11_packages=(xserver-xorg-core xserver-xorg-input-libinput xserver-xorg-legacy xinit)
# What the bundle's Qt loads from the system (everything else is inside it), fonts, CUPS, setterm.
common_packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0
  libwayland-cursor0 libwayland-egl1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libdbus-1-3
  fonts-dejavu-core fonts-noto-core cups cups-client util-linux)

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-kiosk: run me as root (sudo bash $0 ...)" >&2
    exit 1
  fi
}

write_files() {
  if [ ! -x "$bundle/booth" ]; then
    echo "install-kiosk: no bundle at $bundle: build it first (bash packaging/build.sh) or name it with --bundle" >&2
    exit 1
  fi
  rm -rf "$opt.new"
  mkdir -p "$(dirname "$opt")" "$(dirname "$unit")"
  cp -a "$bundle" "$opt.new"
  install -m 0755 "$here/kiosk/booth-session" "$opt.new/booth-session"
  install -m 0644 "$here/README.md" "$opt.new/README.md"
  rm -rf "$opt"  # an update: the running booth keeps its open files until the restart below
  mv "$opt.new" "$opt"
  local session_type=wayland
  if [ "$mode" = x11 ]; then session_type=x11; fi
  sed -e "s/@MODE@/$mode/" -e "s/@SESSION_TYPE@/$session_type/" "$here/kiosk/booth-kiosk.service" > "$unit"
  chmod 0644 "$unit"
  install -d -m 0700 "$data" "$data/logs" "$data/events"
  if [ ! -e "$data/booth.toml" ]; then  # an operator's settings are never overwritten
    sed -e 's|^dir = "~/booth-events/default"|dir = "/var/lib/booth/events/default"|' \
      "$opt/_internal/config/booth.toml" > "$data/booth.toml"
    chmod 0600 "$data/booth.toml"
  fi
}

install_kiosk() {
  need_root
  local packages=("${common_packages[@]}")
  if [ "$mode" = x11 ]; then packages+=("${x11_packages[@]}"); else packages+=("${cage_packages[@]}"); fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  getent group lpadmin >/dev/null || groupadd --system lpadmin
  if ! id booth >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/booth --shell /usr/sbin/nologin --user-group booth
  fi
  usermod -a -G video,lpadmin booth
  for group in render input; do  # the GPU and the touchscreen, where the system has these groups
    if getent group "$group" >/dev/null; then usermod -a -G "$group" booth; fi
  done
  if [ ! -e "$state" ]; then
    mkdir -p "$data"
    echo "default_target=$(systemctl get-default)" > "$state"
  fi
  write_files
  chown -R booth:booth "$data"
  if [ "$mode" = x11 ]; then  # Xorg started by a non-root user on a console
    printf 'allowed_users=anybody\nneeds_root_rights=yes\n' > /etc/X11/Xwrapper.config
  fi
  # Offline (an image being prepared, a container) systemctl still links units; only reload needs systemd.
  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
  systemctl mask getty@tty1.service
  if [ "$(systemctl get-default)" != graphical.target ]; then systemctl set-default graphical.target; fi
  systemctl enable booth-kiosk.service
  if [ -d /run/systemd/system ]; then systemctl restart booth-kiosk.service; fi
  echo "install-kiosk: the booth starts on tty1 ($mode) now and at every boot; settings in $data/booth.toml"
  echo "install-kiosk: set the operator PIN on the kiosk's first screen, or: sudo -u booth" \
    "BOOTH_CONFIG=$data/booth.toml /opt/booth/booth pin set"
}

uninstall_kiosk() {
  if [ "$staged" = 0 ]; then
    need_root
    if [ -d /run/systemd/system ]; then systemctl disable --now booth-kiosk.service 2>/dev/null || true; fi
    systemctl disable booth-kiosk.service 2>/dev/null || true
    systemctl unmask getty@tty1.service 2>/dev/null || true
    previous=$( [ -e "$state" ] && sed -n 's/^default_target=//p' "$state" || true)
    if [ -n "$previous" ] && [ "$(systemctl get-default)" != "$previous" ]; then
      systemctl set-default "$previous" || true
    fi
  fi
  rm -f "$unit" "$state"
  [ "$staged" = 1 ] || systemctl daemon-reload 2>/dev/null || true
  rm -rf "$opt"
  if [ "$purge" = 1 ]; then
    rm -rf "$data"
    if [ "$staged" = 0 ] && id booth >/dev/null 2>&1; then userdel booth; fi
    echo "install-kiosk: removed the kiosk, its settings, events and the booth user"
  else
    echo "install-kiosk: removed the kiosk; the guests' photos and settings stay in $data" \
      "(--uninstall --purge deletes them and the booth user)"
  fi
}

case "$action:$staged" in
  install:0) install_kiosk ;;
  install:1) write_files; echo "install-kiosk: staged under $root" ;;
  uninstall:*) uninstall_kiosk ;;
esac
