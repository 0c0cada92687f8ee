#!/usr/bin/env bash
# Wall-clock times of the same exports from the Linux build and, under Wine, the Windows build:
# the median of 5 runs each (after one unmeasured warm-up run), for BENCHMARKS.md (issue 23).
#
#   tools/windows/bench.sh [--linux BIN] [--exe EXE] [--runs N]
#
# Defaults: target/debug/gd-atlas and target/x86_64-pc-windows-gnu/debug/gd-atlas.exe (pass the
# release builds to time those). The Wine server is kept running for the whole script
# (`wineserver -p`), so a run pays Wine's process start-up but not the server's; `--version` is
# timed too, to show that fixed cost on its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
linux_bin=$root/target/debug/gd-atlas
exe=$root/target/x86_64-pc-windows-gnu/debug/gd-atlas.exe
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --linux) linux_bin=$(realpath "$2"); shift 2 ;;
        --exe) exe=$(realpath "$2"); shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "bench.sh: unknown argument $1 (--linux BIN, --exe EXE, --runs N)" >&2; exit 2 ;;
    esac
done
source "$root/tools/windows/wine-env.sh"
wineserver -p 600
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT

work=$(mktemp -d)
cd "$work"

# median_ms CMD...: runs CMD once to warm up, then $runs times; prints "median (min)" in ms
# (the minimum shows how much a busy machine added).
median_ms() {
    "$@" >/dev/null 2>&1 || true
    local -a times=()
    local i t0 t1
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    echo "$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p") ($(echo "$sorted" | head -1))"
}

zhaoqing=(--region 肇庆市 --layers cities,counties,towns,parks,logistics,expressways --highlight 金利镇 --title 肇庆市 --lang zh)
echo "| command | Linux, ms: median (min) | Windows under Wine, ms: median (min) |"
echo "|---|---|---|"
bench() {
    local label=$1
    shift
    echo "| \`$label\` | $(median_ms "$linux_bin" "$@") | $(median_ms wine "$exe" "$@") |"
}
bench "--version" --version
bench "validate" validate
bench "info 金利镇" info 金利镇
bench "export --out zhaoqing.png (1920×1080) …" export --out zhaoqing.png "${zhaoqing[@]}"
bench "export --out zhaoqing.svg …" export --out zhaoqing.svg "${zhaoqing[@]}"
bench "export --out zhaoqing.pdf …" export --out zhaoqing.pdf "${zhaoqing[@]}"
bench "export --out z4k.png --preset 4k …" export --out z4k.png --preset 4k "${zhaoqing[@]}"
cd / && rm -rf "$work"
