#!/usr/bin/env bash
# Prints one value of the [Details] table of FyneApp.toml, the one place the
# app's version and build number are kept:
#
#   scripts/fyneapp.sh Version    # 0.1.0
#   scripts/fyneapp.sh Build      # 1
#
# The Makefile passes both to every build with -ldflags; scripts/dist.sh
# names the packages after them. FYNEAPP_TOML=PATH reads another copy.
set -euo pipefail
key=${1:?usage: scripts/fyneapp.sh KEY}
toml=${FYNEAPP_TOML:-"$(dirname "$0")/../FyneApp.toml"}
value=$(awk -v key="$key" '
  /^[[:space:]]*\[/ { table = $0; gsub(/[[:space:]\[\]]/, "", table); next }
  table == "Details" {
    line = $0
    sub(/[[:space:]]*#.*$/, "", line)
    if (match(line, "^[[:space:]]*" key "[[:space:]]*=")) {
      line = substr(line, RLENGTH + 1)
      gsub(/^[[:space:]]+|[[:space:]]+$/, "", line)
      gsub(/^"|"$/, "", line)
      print line
      exit
    }
  }' "$toml")
if [ -z "$value" ]; then
  echo "fyneapp.sh: $toml has no $key in [Details]" >&2
  exit 1
fi
echo "$value"
