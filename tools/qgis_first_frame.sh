#!/bin/sh
# The peer of tools/first_frame.sh in QGIS desktop (Debian's qgis 3.22): time from process start
# to the map canvas's first finished render of the boundary files, drawn in the window. Starts
# QGIS under its own Xvfb (1600×1000×24) with a fresh profile folder (--profiles-path on a temp
# dir, --nologo, --noplugins, --noversioncheck, news feed off, main window placed at 0,0 at
# 1600×1000), and a --code startup script that loads the layers of tools/qgis_4k.py (cities
# filled, counties outlined on top, EPSG:3857, the same colours, extent of the cities), then
# prints "qgis first frame drawn N ms after start (launch stamp M ms; …)" and ends QGIS (the
# line also says when the startup script began and when the layers were added).
#   tools/qgis_first_frame.sh [RUNS] [BOUNDARIES_DIR]      (default ../shared/geo/boundaries)
#   QGIS_FF_SHOT=DIR tools/qgis_first_frame.sh 1            also writes DIR/qgis-ff-N-at-stop.png
#       (the X screen grabbed by QGIS right after the clock stopped) and DIR/qgis-ff-N.png
#       (`import -window root` 1 s later)
# QGIS_FF_XVFB_DISPLAY picks the display (default :95). QGIS_FF_PROFILES=DIR uses and keeps DIR
# as the profiles folder instead of a fresh one per start (a second start of a used profile).
#
# The clock. Start: the kernel's start time of the QGIS process, /proc/self/stat field 22
# (starttime, clock ticks since boot, on CLOCK_BOOTTIME since Linux 4.17), read inside QGIS and
# subtracted from clock_gettime(CLOCK_BOOTTIME). The kernel stamps it when this script forks the
# process that then execs qgis.bin, so exec, dynamic loading of Qt and QGIS, Python, the profile,
# the main window and the loading of the layers are all counted; it is truncated to whole 10 ms
# ticks, so the figure is 0–10 ms too long, never too short. The "launch stamp" is the same span
# from a `date +%s%N` this script takes just before the launch: a check on the first, within a
# tick of it. We start /usr/bin/qgis.bin with the LD_LIBRARY_PATH that Debian's /usr/bin/qgis
# shell launcher would set, not the launcher itself, whose `dpkg -s qgis-plugin-grass` (15–30 ms
# here) is packaging, not QGIS.
# Stop: the canvas's mapCanvasRefreshed signal (its render job has finished and the image is
# handed to the canvas) for a render whose map settings hold BOTH layers and a non-empty extent
# (earlier refreshes, e.g. of an empty canvas, are ignored and counted), then, before reading the
# clock, a synchronous repaint of the canvas viewport, so the image has been painted and flushed
# to the X window, not just computed: the window appearing empty, or QGIS's partial previews of a
# long render (every 250 ms), do not stop it. With QGIS_FF_SHOT the screen is grabbed right
# after the clock stops; it shows both layers drawn.
# gd-atlas's own clock (first_frame.sh) starts in main(), after exec and dynamic loading (the
# whole of `gd-atlas --version` takes 4–12 ms here): beside it this clock favours gd-atlas by a
# few ms.
set -eu
runs=${1:-1}
dir=$(cd "$(dirname "$0")" && pwd)
boundaries=${2:-$dir/../../shared/geo/boundaries}
boundaries=$(cd "$boundaries" && pwd)
display=:${QGIS_FF_XVFB_DISPLAY:-95}
tmp=$(mktemp -d)
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
t=0
while [ ! -S /tmp/.X11-unix/X${display#:} ] && [ "$t" -lt 100 ]; do sleep 0.1; t=$((t + 1)); done

cat >"$tmp/start.py" <<'EOF'
import os, time
from qgis.utils import iface
from qgis.core import (QgsProject, QgsVectorLayer, QgsFillSymbol, QgsCoordinateReferenceSystem,
                       QgsRectangle, QgsCoordinateTransform)
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QColor


def since_start_ms():
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    start = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - start) * 1e3


def since_launch_ms():
    return (time.time_ns() - int(os.environ["QGIS_FF_LAUNCH_NS"])) / 1e6


script_began = since_start_ms()
win = iface.mainWindow()
win.setGeometry(0, 0, 1600, 1000)
canvas = iface.mapCanvas()
b = os.environ["QGIS_FF_BOUNDARIES"]
cities = QgsVectorLayer(os.path.join(b, "guangdong_cities.geojson"), "cities", "ogr")
counties = QgsVectorLayer(os.path.join(b, "guangdong_counties.geojson"), "counties", "ogr")
cities.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "240,220,200,255", "outline_color": "90,90,90,255", "outline_width": "0.5"}))
counties.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "150,150,150,255", "outline_width": "0.2"}))
done = False
ignored = 0


def refreshed():
    global done, ignored
    s = canvas.mapSettings()
    ids = {l.id() for l in s.layers()}
    if done:
        return
    if cities.id() not in ids or counties.id() not in ids or s.extent().isEmpty():
        ignored += 1
        return
    done = True
    canvas.viewport().repaint()
    ms, launch = since_start_ms(), since_launch_ms()
    with open(os.environ["QGIS_FF_OUT"], "a") as f:
        f.write(f"qgis first frame drawn {ms:.0f} ms after start (launch stamp {launch:.0f} ms; "
                f"startup script began at {script_began:.0f} ms, layers added at {layers_added:.0f} ms; {ignored} earlier refreshes ignored)\n")
    shot = os.environ.get("QGIS_FF_SHOT_AT_STOP")
    if shot:  # after the clock: what the X screen shows at the moment the clock stopped
        from qgis.PyQt.QtWidgets import QApplication
        QApplication.primaryScreen().grabWindow(0).save(shot, "PNG")
    # exitQgis() with layers alive can crash PyQGIS 3.22 at exit (see qgis_4k.py), and a modified
    # project would ask whether to save: end the process after the hold (for a screenshot).
    QTimer.singleShot(int(os.environ.get("QGIS_FF_HOLD_MS", "0")), lambda: os._exit(0))


canvas.mapCanvasRefreshed.connect(refreshed)
project = QgsProject.instance()
project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
project.setBackgroundColor(QColor(200, 220, 235))
project.addMapLayers([counties, cities])  # the first is drawn on top, as in QgsMapSettings
to_map = QgsCoordinateTransform(cities.crs(), project.crs(), project)
canvas.setExtent(to_map.transformBoundingBox(cities.extent()))
canvas.refresh()
layers_added = since_start_ms()
EOF

i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    profiles=${QGIS_FF_PROFILES:-$(mktemp -d "$tmp/profile.XXXXXX")}
    ini=$profiles/profiles/default/QGIS/QGIS3.ini
    mkdir -p "${ini%/*}"
    # Fresh profile, with what a first start would otherwise fetch or show turned off.
    [ -e "$ini" ] || cat >"$ini" <<'EOF'
[app]
projections\newProjectCrsBehavior=UsePresetCrs
projections\defaultProjectCrs=EPSG:3857

[core]
NewsFeed\httpsfeedqgisorg\disabled=true

[qgis]
checkVersion=false
EOF
    : >"$tmp/out"
    [ -n "${QGIS_FF_SHOT:-}" ] && hold=4000 || hold=0
    launch=$(date +%s%N)
    HOME=$profiles XDG_CONFIG_HOME=$profiles/config XDG_DATA_HOME=$profiles/data \
        XDG_CACHE_HOME=$profiles/cache DISPLAY=$display \
        LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/lib/grass82/lib \
        QGIS_FF_LAUNCH_NS=$launch QGIS_FF_OUT=$tmp/out QGIS_FF_BOUNDARIES=$boundaries \
        QGIS_FF_HOLD_MS=$hold QGIS_FF_SHOT_AT_STOP=${QGIS_FF_SHOT:+$QGIS_FF_SHOT/qgis-ff-$i-at-stop.png} \
        /usr/bin/qgis.bin --profiles-path "$profiles" --nologo --noplugins --noversioncheck \
        --code "$tmp/start.py" >"$tmp/log" 2>&1 & app=$!
    t=0
    while ! grep -q 'first frame drawn' "$tmp/out" && [ "$t" -lt 1200 ] && kill -0 "$app" 2>/dev/null; do
        sleep 0.05; t=$((t + 1))
    done
    if grep 'first frame drawn' "$tmp/out"; then
        if [ -n "${QGIS_FF_SHOT:-}" ]; then
            sleep 1
            DISPLAY=$display import -window root "$QGIS_FF_SHOT/qgis-ff-$i.png"
        fi
    else
        echo "no first frame after $((t / 20)) s:"; head -5 "$tmp/log"
    fi
    kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
    [ -n "${QGIS_FF_PROFILES:-}" ] || rm -rf "$profiles"
done
