#!/bin/sh
# Installs or uninstalls Partner Atlas from this folder (the Linux archive of
# `make dist`); the Makefile beside it runs it, and it runs without make too:
#
#   ./install.sh install      into ~/.local, or /usr/local when run as root
#   ./install.sh uninstall    removes exactly what install put there
#
# PREFIX=DIR installs somewhere else; DESTDIR stages an install for a package
# (nothing is registered with the desktop then).
#
# The menu entry offers Partner Atlas for .xlsx workbooks and .csv files
# ("Open with"). It never takes them over: a desktop falls back to the apps
# of the first folder that offers a type, and ~/.local and /usr/local come
# before /usr, so when another app was the default for a type before, install
# sets it as the default explicitly (as `xdg-mime default` does) and notes
# that in the desktop entry, for uninstall to take it back.
set -eu

APP_ID=io.partneratlas.app
EXEC=partneratlas
MIME_TYPES="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet text/csv"
# The sizes of the icon, in pixels, that the hicolor theme has folders for.
ICON_SIZES="16 22 24 32 48 64 128 256 512"
# The desktop entry's key that lists the defaults install set, TYPE=APP;...
KEPT_KEY=X-Partner-Atlas-Kept-Defaults

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PREFIX:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX=$HOME/.local; fi
fi
DESTDIR=${DESTDIR:-}
bin=$DESTDIR$PREFIX/bin
apps=$DESTDIR$PREFIX/share/applications
hicolor=$DESTDIR$PREFIX/share/icons/hicolor
desktop=$apps/$APP_ID.desktop
mimeapps=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list

have() { command -v "$1" >/dev/null 2>&1; }

# refresh tells the desktop what changed in the applications and icon folders.
refresh() {
  if ls "$apps"/*.desktop >/dev/null 2>&1; then
    if have update-desktop-database; then update-desktop-database -q "$apps" || true; fi
  else
    rm -f "$apps/mimeinfo.cache" # no app left to list
  fi
  # A cache that is there must be updated, else new icons stay unseen; none
  # is made where there was none.
  if [ -f "$hicolor/icon-theme.cache" ] && have gtk-update-icon-cache; then
    gtk-update-icon-cache -q "$hicolor" || true
  fi
}

install_app() {
  [ -f "$here/bin/$EXEC" ] || { echo "install.sh: run it from the unpacked archive" >&2; exit 1; }
  registering=; [ -z "$DESTDIR" ] && have xdg-mime && registering=yes
  before=
  kept=
  if [ -n "$registering" ]; then
    for type in $MIME_TYPES; do
      before="$before $type=$(xdg-mime query default "$type" 2>/dev/null || true)"
    done
    # What an earlier install kept stays to be taken back.
    [ -f "$desktop" ] && kept=$(sed -n "s/^$KEPT_KEY=//p" "$desktop")
  fi

  mkdir -p "$bin" "$apps"
  cp "$here/bin/$EXEC" "$bin/$EXEC.new" && chmod 755 "$bin/$EXEC.new" && mv -f "$bin/$EXEC.new" "$bin/$EXEC"
  sed "s|^Exec=$EXEC|Exec=$PREFIX/bin/$EXEC|" "$here/share/applications/$APP_ID.desktop" >"$desktop"
  chmod 644 "$desktop"
  for size in $ICON_SIZES; do
    mkdir -p "$hicolor/${size}x$size/apps"
    cp "$here/share/icons/hicolor/${size}x$size/apps/$APP_ID.png" "$hicolor/${size}x$size/apps/"
    chmod 644 "$hicolor/${size}x$size/apps/$APP_ID.png"
  done
  echo "Installed $bin/$EXEC"
  echo "          $desktop"
  echo "          $hicolor/{$(echo $ICON_SIZES | sed 's/\([0-9]*\)/\1x\1/g; s/ /,/g')}/apps/$APP_ID.png"
  [ -n "$DESTDIR" ] && return 0

  refresh
  if [ -n "$registering" ]; then
    for pair in $before; do
      type=${pair%%=*} app=${pair#*=}
      [ -n "$app" ] || continue
      if [ "$(xdg-mime query default "$type" 2>/dev/null || true)" != "$app" ]; then
        xdg-mime default "$app" "$type"
        kept="$kept$type=$app;"
        echo "Kept $app as the default app for $type"
      fi
    done
    [ -n "$kept" ] && echo "$KEPT_KEY=$kept" >>"$desktop"
  fi
  case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "Note: $PREFIX/bin is not on your PATH; the menu entry works all the same." ;;
  esac
}

uninstall_app() {
  kept=
  [ -z "$DESTDIR" ] && [ -f "$desktop" ] && kept=$(sed -n "s/^$KEPT_KEY=//p" "$desktop")
  echo "Removing $bin/$EXEC"
  echo "         $desktop"
  echo "         $hicolor/*/apps/$APP_ID.png"
  rm -f "$bin/$EXEC" "$desktop"
  for size in $ICON_SIZES; do
    rm -f "$hicolor/${size}x$size/apps/$APP_ID.png"
    rmdir "$hicolor/${size}x$size/apps" "$hicolor/${size}x$size" 2>/dev/null || true
  done
  if [ -z "$DESTDIR" ]; then
    [ -d "$apps" ] && refresh
    # Take back the defaults install set, unless they were changed since.
    if [ -n "$kept" ] && [ -f "$mimeapps" ]; then
      echo "$kept" | tr ';' '\n' | while IFS= read -r pair; do
        [ -n "$pair" ] || continue
        if grep -qxF "$pair" "$mimeapps"; then
          grep -vxF "$pair" "$mimeapps" >"$mimeapps.new" || true
          mv -f "$mimeapps.new" "$mimeapps"
          echo "Took back the default install kept: $pair"
        fi
      done
      # A list left with section names alone says nothing.
      if ! grep -qv -e '^\[.*\]$' -e '^[[:space:]]*$' "$mimeapps"; then
        rm -f "$mimeapps"
      fi
    fi
  fi
  # Folders left empty go too (install may have made them: ~/.local is not
  # there on a fresh account).
  rmdir "$hicolor" "$DESTDIR$PREFIX/share/icons" "$apps" "$bin" "$DESTDIR$PREFIX/share" "$DESTDIR$PREFIX" 2>/dev/null || true
}

case "${1:-}" in
  install) install_app ;;
  uninstall) uninstall_app ;;
  print-icon-sizes) echo $ICON_SIZES ;; # for scripts/dist.sh, which writes the icons
  *)
    sed -n '2,9s/^# \{0,1\}//p' "$0"
    exit 2
    ;;
esac
