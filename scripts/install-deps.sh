#!/usr/bin/env bash
# Installs the system packages Partner Atlas needs on Debian/Ubuntu, only when
# they are missing. Extra package names given as arguments are installed too.
#
#   scripts/install-deps.sh                 # build dependencies (cgo, OpenGL, X11, Wayland)
#   scripts/install-deps.sh poppler-utils   # ... plus extra packages
set -euo pipefail

# What Fyne needs to build with cgo on Linux.
packages=(
  gcc
  pkg-config
  libgl1-mesa-dev
  libx11-dev
  libxcursor-dev
  libxrandr-dev
  libxinerama-dev
  libxi-dev
  libxxf86vm-dev
  libxkbcommon-dev
  libwayland-dev
)
packages+=("$@")

# Collect the packages that are not installed yet.
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; please install these packages yourself: ${missing[*]}" >&2
  exit 1
fi

# Run as root directly, otherwise through sudo.
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

# Another apt or dpkg (for example unattended-upgrades) may hold the lock.
# Wait for it for up to 5 minutes instead of failing at once.
wait_for_dpkg_lock() {
  local waited=0 limit=300
  local locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
  while true; do
    local busy=""
    if command -v fuser >/dev/null 2>&1; then
      for lock in "${locks[@]}"; do
        if [ -e "$lock" ] && "${sudo[@]}" fuser "$lock" >/dev/null 2>&1; then
          busy="$lock"
          break
        fi
      done
    elif pgrep -x 'apt|apt-get|dpkg|unattended-upgr' >/dev/null 2>&1; then
      busy="a running apt/dpkg process"
    fi
    [ -z "$busy" ] && return 0
    if [ "$waited" -ge "$limit" ]; then
      echo "install-deps: still locked by $busy after ${limit}s; giving up" >&2
      return 1
    fi
    if [ "$waited" -eq 0 ]; then
      echo "install-deps: waiting for $busy to be released (up to ${limit}s)..."
    fi
    sleep 5
    waited=$((waited + 5))
  done
}

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# apt-get also waits on the lock itself (DPkg::Lock::Timeout, apt >= 1.9);
# the loop above covers older versions and the apt-get update lists lock.
apt_opts=(-o DPkg::Lock::Timeout=300)
wait_for_dpkg_lock
"${sudo[@]}" apt-get "${apt_opts[@]}" update
wait_for_dpkg_lock
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
