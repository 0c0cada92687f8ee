#!/bin/sh
# First-frame timings of several builds side by side (issue 21): one Xvfb (1600×1000), a fresh
# settings folder, every binary started once per round in turn, so a burst of load from other
# work falls on all of them alike. Per start it prints the binary, the end of the first UI pass
# ("start-up: first UI pass done", printed by builds since issue 21's second round; NA before)
# and the "first frame drawn" line's milliseconds (before that round, that line was the end of
# the first UI pass; since, it is the first frame drawn and presented). Builds since issue 21's
# third round draw the first frame one level of detail coarser and then refine it: for them it
# also waits (up to a second) for the line of the refined frame being drawn and prints its
# milliseconds as "refined=" (NA for older builds).
#   tools/first_frame_ab.sh ROUNDS BINARY…
set -eu
rounds=$1; shift
display=:${GD_ATLAS_XVFB_DISPLAY:-91}
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null' EXIT
t=0
while [ ! -S /tmp/.X11-unix/X${display#:} ] && [ "$t" -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
home=$(mktemp -d)
r=0
while [ "$r" -lt "$rounds" ]; do
    r=$((r + 1))
    for bin in "$@"; do
        log=$(mktemp)
        HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache \
            DISPLAY=$display GD_ATLAS_TIMING=1 "$bin" 2>"$log" >/dev/null & app=$!
        t=0
        while ! grep -q 'first frame drawn' "$log" && [ "$t" -lt 600 ] && kill -0 "$app" 2>/dev/null; do
            sleep 0.05; t=$((t + 1))
        done
        if grep -q 'scene built at level' "$log"; then
            t=0
            while ! grep -q 'wanted level of detail drawn' "$log" && [ "$t" -lt 20 ] \
                && kill -0 "$app" 2>/dev/null; do
                sleep 0.05; t=$((t + 1))
            done
        fi
        pass=$(grep -o 'first UI pass done at [0-9]*' "$log" | head -1 | grep -o '[0-9]*$' || true)
        frame=$(grep -o 'first frame drawn [0-9]*' "$log" | grep -o '[0-9]*$' || true)
        refined=$(grep -o 'wanted level of detail drawn at [0-9]*' "$log" | grep -o '[0-9]*$' || true)
        echo "$bin pass=${pass:-NA} frame=${frame:-none} refined=${refined:-NA}"
        kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
        rm -f "$log"
    done
done
rm -rf "$home"
