#!/usr/bin/env bash
# Builds the packages of Partner Atlas into dist/, from this Debian/Ubuntu
# machine (`make dist` installs what it needs first and runs it):
#
#   dist/partneratlas-VERSION-linux-amd64.tar.xz   the app, its menu entry and
#       icons, a README and a Makefile whose `make install` puts them in
#       ~/.local (/usr/local as root); built by `fyne package -os linux`
#   dist/partneratlas-VERSION-windows-amd64.zip    "Partner Atlas.exe" (a GUI
#       program with its icon and version resource, cross-compiled with
#       MinGW-w64 by `fyne package -os windows`, checked by
#       scripts/checkwinexe) and a README
#
#   scripts/dist.sh [linux] [windows]     (both when none is named)
#
# VERSION and the build number are FyneApp.toml's (DIST_FROM=REV packages
# a commit or tag instead of the working tree); each binary gets them
# with -ldflags, as `make build` does, and `partneratlas --version` says them.
#
# `fyne package` (fyne.io/tools, pinned in go.mod) builds the folder it runs
# in, reads FyneApp.toml only beside the main package, writes files there
# while it works and rewrites FyneApp.toml with the next build number. So it
# runs on a copy of the source tree in a temporary folder: the tree is never
# written to, and other builds running meanwhile are not disturbed.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
for target in "${targets[@]}"; do
  case $target in
    linux | windows) ;;
    *) echo "dist: unknown target $target (linux or windows)" >&2; exit 2 ;;
  esac
done

out=$root/dist
mkdir -p "$out" "$root/.cache/bin"

step() { printf '\n== %s\n' "$*"; }

# The packager, built for this machine whatever GOOS or CC say.
step "fyne.io/tools, as go.mod pins it"
env -u GOOS -u GOARCH -u CC -u CXX CGO_ENABLED=0 go build -o "$root/.cache/bin/fyne" fyne.io/tools/cmd/fyne
fyne=$root/.cache/bin/fyne
"$fyne" version

tmp=$(mktemp -d "${TMPDIR:-/tmp}/partneratlas-dist.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The source tree as it is now (tracked files and new ones git does not
# ignore), without .git, dist/ or caches; or, with DIST_FROM=REV (a commit,
# tag or branch), as git has it at REV.
mkdir -p "$tmp/src"
if [ -n "${DIST_FROM:-}" ]; then
  step "copying the source tree at $DIST_FROM to $tmp/src"
  git archive --format=tar "$DIST_FROM" | tar -xf - -C "$tmp/src"
elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  step "copying the source tree to $tmp/src"
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$tmp/src"
else
  step "copying the source tree to $tmp/src"
  tar --exclude=./.git --exclude=./dist --exclude=./.cache --exclude='*.test' --exclude=./partneratlas \
    -cf - . | tar -xf - -C "$tmp/src"
fi

# The copy's FyneApp.toml says what is being packaged.
export FYNEAPP_TOML=$tmp/src/FyneApp.toml
version=$(scripts/fyneapp.sh Version)
build=$(scripts/fyneapp.sh Build)
app_id=$(scripts/fyneapp.sh ID)
name=$(scripts/fyneapp.sh Name)
main=$tmp/src/cmd/partneratlas
icon=$tmp/src/$(scripts/fyneapp.sh Icon)

# FyneApp.toml beside the main package, with the icon's path made absolute;
# written again for each package, as fyne package bumps its build number.
fyneapp() {
  sed "s|^Icon *=.*|Icon = \"$icon\"|" "$FYNEAPP_TOML" >"$main/FyneApp.toml"
}

# fyne package takes -ldflags from GOFLAGS only.
goflags="$(go env GOFLAGS) -ldflags=-X=main.version=$version -ldflags=-X=main.build=$build"
want_version="Partner Atlas $version (build $build), $(go env GOVERSION), Fyne $(go list -m -f '{{.Version}}' fyne.io/fyne/v2)"
written=()

linux() {
  local pkg=partneratlas-$version-linux-amd64
  local stage=$tmp/linux/$pkg
  step "Linux: fyne package -os linux --release"
  fyneapp
  (cd "$main" && GOFLAGS=$goflags GOOS=linux GOARCH=amd64 \
    "$fyne" package -os linux --release --app-version "$version" --app-build "$build")
  mkdir -p "$tmp/linux/fyne"
  tar -xJf "$main/$name.tar.xz" -C "$tmp/linux/fyne"
  local exe desktop
  exe=$(find "$tmp/linux/fyne" -path '*/bin/partneratlas' -type f)
  desktop=$(find "$tmp/linux/fyne" -name "$app_id.desktop" -type f)
  [ -n "$exe" ] && [ -n "$desktop" ] || { echo "dist: the fyne archive lacks the binary or the desktop entry" >&2; exit 1; }

  # fyne's archive puts the binary, the desktop entry and one 512-pixel icon
  # under usr/local or usr, as this machine has it, with a Makefile that
  # cannot install an app that opens files (it takes "partneratlas %F" for
  # the binary's name), installs the icon outside any theme for a user, and
  # tells the desktop nothing. Ours holds them as they are installed, the
  # icon at every size, and its own Makefile, install.sh and README.
  install -Dm755 "$exe" "$stage/bin/partneratlas"
  install -Dm644 "$desktop" "$stage/share/applications/$app_id.desktop"
  install -Dm644 packaging/linux/Makefile "$stage/Makefile"
  install -Dm755 packaging/linux/install.sh "$stage/install.sh"
  sed "s/@VERSION@/$version/; s/@BUILD@/$build/" packaging/linux/README.txt >"$stage/README.txt"
  env -u GOOS -u GOARCH -u CC -u CXX CGO_ENABLED=0 go build -o "$root/.cache/bin/iconsizes" ./scripts/iconsizes
  # shellcheck disable=SC2046 # the sizes are words
  "$root/.cache/bin/iconsizes" -name "$app_id" -out "$stage/share/icons/hicolor" "$icon" \
    $(sh packaging/linux/install.sh print-icon-sizes) >/dev/null

  step "Linux: checks"
  file "$stage/bin/partneratlas"
  local got
  got=$("$stage/bin/partneratlas" --version)
  echo "partneratlas --version: $got"
  [ "$got" = "$want_version" ] || { echo "dist: want \"$want_version\"" >&2; exit 1; }
  go version -m "$stage/bin/partneratlas" | grep -E -- '-tags|GOOS|CGO_ENABLED' | sed 's/^[[:space:]]*/  /'
  go version -m "$stage/bin/partneratlas" | grep -q -- '-tags=.*migrated_fynedo' ||
    { echo "dist: the Linux binary was not built with -tags migrated_fynedo" >&2; exit 1; }
  echo "$stage/share/applications/$app_id.desktop:"
  sed 's/^/  /' "$stage/share/applications/$app_id.desktop"
  if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$stage/share/applications/$app_id.desktop"
    echo "desktop-file-validate: no problem"
  else
    echo "desktop-file-validate not found (package desktop-file-utils): entry not validated"
  fi

  rm -f "$out/$pkg.tar.xz"
  tar -C "$tmp/linux" --sort=name --owner=0 --group=0 --numeric-owner -cJf "$out/$pkg.tar.xz" "$pkg"
  tar -tvJf "$out/$pkg.tar.xz" | awk '{ printf "  %10s  %s\n", $3, $6 }'
  written+=("$out/$pkg.tar.xz")
}

windows() {
  local pkg=partneratlas-$version-windows-amd64
  local stage=$tmp/windows/$pkg
  step "Windows: fyne package -os windows --release, with x86_64-w64-mingw32-gcc (a cold build takes minutes)"
  fyneapp
  (cd "$main" && GOFLAGS=$goflags CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
    GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
    "$fyne" package -os windows --release --app-id "$app_id" --app-version "$version" --app-build "$build")
  mkdir -p "$stage"
  cp "$main/$name.exe" "$stage/$name.exe"
  sed "s/@VERSION@/$version/; s/@BUILD@/$build/; s/\$/\r/" packaging/windows/README.txt >"$stage/README.txt"

  # No Windows here to run it on (Debian's Wine cannot start a Go 1.26
  # program): the file itself is checked. With --release, Go leaves -ldflags
  # out of the build information; the Linux binary, built the same way, shows
  # that they arrive.
  step "Windows: checks"
  file "$stage/$name.exe"
  env -u GOOS -u GOARCH -u CC -u CXX CGO_ENABLED=0 go build -o "$root/.cache/bin/checkwinexe" ./scripts/checkwinexe
  "$root/.cache/bin/checkwinexe" -version "$version.$build" -name "$name" "$stage/$name.exe"
  go version -m "$stage/$name.exe" | grep -E -- '-tags|GOOS|CGO_ENABLED' | sed 's/^[[:space:]]*/  /'
  go version -m "$stage/$name.exe" | grep -q -- '-tags=.*migrated_fynedo' ||
    { echo "dist: the Windows binary was not built with -tags migrated_fynedo" >&2; exit 1; }

  rm -f "$out/$pkg.zip"
  (cd "$tmp/windows" && zip -q -X -r -9 "$out/$pkg.zip" "$pkg")
  unzip -l "$out/$pkg.zip" | sed 's/^/  /'
  written+=("$out/$pkg.zip")
}

for target in "${targets[@]}"; do
  "$target"
done

step "written"
for f in "${written[@]}"; do
  printf '  %8s  %s\n' "$(numfmt --to=iec --suffix=B --format=%.1f "$(stat -c %s "$f")")" "${f#"$root"/}"
done
