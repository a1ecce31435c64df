#!/usr/bin/env bash
# Starts the real app N times under a virtual X server, each time reopening
# the plan saved last (as every returning user's start does), and counts the
# starts that died. It also measures each start: the time from launch to the
# window on screen, and the peak memory (RSS) a few seconds in.
#
#   scripts/start-loop.sh            # 100 starts of ./partneratlas (make build first)
#   scripts/start-loop.sh 20 ./partneratlas
#
# Needs xvfb, xauth and xdotool (apt-get install -y xvfb xauth xdotool). It
# uses its own HOME under a temporary folder, so the user's settings are not
# touched. Exits 1 when a start died.
set -euo pipefail

n=${1:-100}
bin=$(realpath "${2:-./partneratlas}")
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "start-loop: $tool is missing (apt-get install -y xvfb xauth xdotool)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "start-loop: no binary at $bin (run make build)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
display=:$((90 + RANDOM % 400))
# -noreset: a bare Xvfb resets itself each time its last client leaves, as
# when one start is stopped before the next, and refuses connections while it
# does; about 3 starts in 100 then found no display (GLFW's "Failed to detect
# any supported platform"), which a desktop session never does.
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display LANG=${LANG:-en_US.UTF-8} HOME=$work/home

# A plan to reopen: the sample, saved by the command line, put in the recent
# files the way the app keeps them.
mkdir -p "$HOME/.config/fyne/io.partneratlas.app"
plan=$work/plan.xlsx
"$bin" plan "$(dirname "$0")/../resources/sample-partners.csv" --deals "$(dirname "$0")/../resources/sample-deals.csv" -o "$plan" >/dev/null 2>&1
printf '{"recentFiles":["%s"]}' "$plan" >"$HOME/.config/fyne/io.partneratlas.app/preferences.json"

deaths=0
times=()
peaks=()
for i in $(seq 1 "$n"); do
  log=$work/start-$i.log
  start=$(date +%s%N)
  "$bin" >"$log" 2>&1 &
  pid=$!
  shown=""
  for _ in $(seq 1 400); do # 20 s at most
    if xdotool search --onlyvisible --name "Partner Atlas" >/dev/null 2>&1; then
      shown=$(date +%s%N)
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  sleep 2 # the plan is read and laid out after the window shows
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  if [ -z "$shown" ] || ! kill -0 "$pid" 2>/dev/null || grep -qE "fatal error|panic|concurrent map" "$log"; then
    deaths=$((deaths + 1))
    echo "start $i died:" >&2
    tail -20 "$log" >&2
    applog=$HOME/.config/fyne/io.partneratlas.app/partneratlas.log
    [ -f "$applog" ] && { echo "  its log:" >&2; tail -5 "$applog" | sed 's/^/  /' >&2; }
  else
    times+=($(((shown - start) / 1000000)))
    peaks+=($((peak / 1024)))
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
maxof() { printf '%s\n' "$@" | sort -n | tail -1; }
echo "starts: $n, deaths: $deaths"
if [ "${#times[@]}" -gt 0 ]; then
  echo "launch to window on screen: median $(median "${times[@]}") ms, slowest $(maxof "${times[@]}") ms"
  echo "peak memory (VmHWM) 2 s after: median $(median "${peaks[@]}") MB, highest $(maxof "${peaks[@]}") MB"
fi
[ "$deaths" -eq 0 ]
