#!/usr/bin/env bash
# Opens the Windows build's window under Wine on a virtual X display and takes screenshots
# (issue 23): the first start, a planner's session (Chinese interface, a thematic map from a GBK
# table and a point layer from a GBK CSV, both in C:\users\规划\文档\), and `--select 金利镇`.
#
#   tools/windows/window.sh [--exe EXE] [--out DIR]
#
# Defaults: target/x86_64-pc-windows-gnu/debug/gd-atlas.exe, /work/shots/windows. Needs Debian
# xvfb, imagemagick (import) and Mesa's libgl1-mesa-dri: Wine's opengl32 passes the OpenGL calls
# of eframe's glow renderer to the X server's GLX, which Xvfb serves with Mesa's llvmpipe (CPU).
# Each run is closed with `wine taskkill` (WM_CLOSE, the same as the close button), so the
# settings are saved as on Windows; the script checks where. This resets the settings of the
# test prefix ($WINEPREFIX, default ~/.wine-gd-atlas), never the Linux ones.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exe=$root/target/x86_64-pc-windows-gnu/debug/gd-atlas.exe
shots=/work/shots/windows
while [ $# -gt 0 ]; do
    case "$1" in
        --exe) exe=$(realpath "$2"); shift 2 ;;
        --out) shots=$(realpath -m "$2"); shift 2 ;;
        *) echo "window.sh: unknown argument $1 (--exe EXE, --out DIR)" >&2; exit 2 ;;
    esac
done
source "$root/tools/windows/wine-env.sh"
for tool in Xvfb import; do
    command -v "$tool" >/dev/null || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q xvfb imagemagick libgl1-mesa-dri >&2
    }
done
mkdir -p "$shots"

display=:77
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'wineserver -k >/dev/null 2>&1 || true; kill "$xvfb_pid" 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 2

appdata="$WINEPREFIX/drive_c/users/${USER:-$(id -un)}/AppData/Roaming"
[ -d "$appdata" ] || appdata=$(find "$WINEPREFIX/drive_c/users" -maxdepth 3 -path '*/AppData/Roaming' | head -1)
settings="$appdata/gd-atlas/gd-atlas/config/settings.json"
docs="$WINEPREFIX/drive_c/users/规划/文档"
mkdir -p "$docs"
cp "$root/tests/fixtures/theme/national_counties_gbk.csv" "$docs/表.csv"
# A planner's point layer, saved by Excel on a Chinese Windows: GBK, CRLF, Chinese headers.
printf '名称,经度,纬度,类型\r\n广州塔,113.3245,23.1064,文旅\r\n肇庆站,112.4650,23.0510,交通\r\n金利镇政府,112.7774,23.0786,政府\r\n汕头港,116.7000,23.3500,港口\r\n湛江港,110.4100,21.2000,港口\r\n' |
    iconv -f UTF-8 -t GBK >"$docs/企业点位.csv"

# shoot NAME SECONDS ARGS…: starts the exe with ARGS, waits, saves $shots/NAME.png, closes it.
shoot() {
    local name=$1 wait=$2
    shift 2
    wine "$exe" "$@" >"$shots/$name.stdout.txt" 2>"$shots/$name.stderr.txt" &
    local pid=$!
    sleep "$wait"
    import -window root "$shots/$name.png"
    wine taskkill /im gd-atlas.exe >/dev/null 2>&1 || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "window.sh: $name did not close on WM_CLOSE; killing it" >&2
        kill "$pid" || true
    fi
    wait "$pid" && echo "$name: exit 0" || echo "$name: exit $?"
}

# 1. First start: no settings yet.
rm -f "$settings"
shoot 01-first-start 40
[ -f "$settings" ] && echo "settings saved on close: $settings" || echo "window.sh: no settings at $settings" >&2

# 2. A planner's session, as the settings of a previous one would hold it.
cat >"$settings" <<'JSON'
{
  "center_lonlat": [113.3, 23.0], "zoom": 7.2, "province_view": true,
  "layers": {"cities": true, "counties": true, "towns": false, "parks": false, "logistics": false, "expressways": false, "other_places": false, "context": true, "labels": true},
  "basemap": "None", "lang": "Zh", "classroom": false, "towns_at_all_zooms": false,
  "theme": {"source": {"from": "table", "path": "C:\\users\\规划\\文档\\表.csv", "sheet": null, "column": "人口数_合计", "key": null, "parent": null, "level": "county"}, "per_km2": true, "method": {"method": "quantile"}, "classes": 5, "palette": "YlOrRd", "reversed": false},
  "user_layers": [
    {"path": "C:\\users\\规划\\文档\\企业点位.csv", "crs": "wgs84", "columns": {"lon": "经度", "lat": "纬度"}, "sheet": null, "style": {"mode": {"kind": "single"}, "color": [40, 80, 200, 255], "size": 6.0, "label": "名称"}, "visible": true, "opacity": 1.0}
  ],
  "views": []
}
JSON
shoot 02-zh-gbk-theme-and-layer 45

# 3. A place selected from the command line (English interface).
rm -f "$settings"
shoot 03-select-jinli 40 --select 金利镇
ls -la "$shots"
