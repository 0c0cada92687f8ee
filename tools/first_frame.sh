#!/bin/sh
# Time to the window's first drawn frame (issue 21): starts the app under its own Xvfb
# (1600×1000) with GD_ATLAS_TIMING=1 and a fresh settings folder, waits for the line
# "first frame drawn N ms after start", prints it and closes the app. Since issue 21's second
# round that line comes when the first frame has been painted and presented (the start of the
# second frame); before, it came at the end of the first UI pass, before tessellation and GL
# drawing, which GD_ATLAS_TIMING now prints as "start-up: first UI pass done at N ms".
#   tools/first_frame.sh BINARY [RUNS] [gd-atlas options…]
set -eu
bin=$1; runs=${2:-1}; shift 2 || shift $#
display=:${GD_ATLAS_XVFB_DISPLAY:-97}
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null' EXIT
t=0
while [ ! -S /tmp/.X11-unix/X${display#:} ] && [ "$t" -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
home=$(mktemp -d)
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    log=$(mktemp)
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache \
        DISPLAY=$display GD_ATLAS_TIMING=1 "$bin" "$@" 2>"$log" >/dev/null & app=$!
    t=0
    while ! grep -q 'first frame drawn' "$log" && [ "$t" -lt 600 ] && kill -0 "$app" 2>/dev/null; do
        sleep 0.1; t=$((t + 1))
    done
    grep 'first frame drawn' "$log" || { echo "no first frame after $((t / 10)) s:"; head -5 "$log"; }
    kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
    rm -f "$log"
done
rm -rf "$home"
