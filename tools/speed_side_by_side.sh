#!/bin/sh
# The speed figures of issue 21 in one run, two gd-atlas builds and QGIS side by side: the 4K PNG
# export (9 interleaved rounds, with `cmp` of the two builds' PNGs), the 4K SVG and A4 PDF
# exports (5 rounds), the export's phases (GD_ATLAS_TIMING), the first window frame of both
# builds (tools/first_frame_ab.sh, 7 rounds) and QGIS desktop's first frame against AFTER's
# (tools/qgis_first_frame.sh, 5 interleaved rounds). Runs from /tmp so each build reads its own
# embedded data (from the repository a build reads the working tree's assets/, and an older
# build may then fall back to the JSON topology). Needs python3-qgis, qgis, xvfb.
#   tools/speed_side_by_side.sh BEFORE AFTER [BOUNDARIES_DIR]   (default ../shared/geo/boundaries)
set -u
before=$1; after=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
boundaries=$(cd "${3:-$repo/../shared/geo/boundaries}" && pwd)
qgis="env QT_QPA_PLATFORM=offscreen /usr/bin/python3 $repo/tools/qgis_4k.py $boundaries"
cd /tmp
echo "start: $(uptime)"
python3 "$repo/tools/side_by_side.py" --rounds 9 --warmup 1 \
  "before=$before export --preset 4k --layers cities,counties --out /tmp/fm-b.png" \
  "after=$after export --preset 4k --layers cities,counties --out /tmp/fm-a.png" \
  "QGIS=$qgis /tmp/fm-q.png"
cmp /tmp/fm-b.png /tmp/fm-a.png && echo "4K PNG: same bytes"
python3 "$repo/tools/side_by_side.py" --rounds 5 --warmup 1 \
  "after SVG=$after export --preset 4k --layers cities,counties --out /tmp/fm-a.svg" \
  "QGIS SVG=$qgis /tmp/fm-q.svg" \
  "after PDF=$after export --layers cities,counties --out /tmp/fm-a.pdf" \
  "QGIS PDF=$qgis /tmp/fm-q.pdf"
echo "after export: $(uptime)"
for i in 1 2 3; do
    GD_ATLAS_TIMING=1 "$after" export --preset 4k --layers cities,counties --out /tmp/fm-a.png 2>&1 |
        grep "export:" | tr '\n' ' '
    echo
done
echo "first frame A/B:"
GD_ATLAS_XVFB_DISPLAY=91 sh "$repo/tools/first_frame_ab.sh" 7 "$before" "$after"
echo "after first frame: $(uptime)"
echo "QGIS first frame vs after, interleaved:"
r=0
while [ $r -lt 5 ]; do
    r=$((r + 1))
    echo "round $r qgis: $(QGIS_FF_XVFB_DISPLAY=95 sh "$repo/tools/qgis_first_frame.sh" 1 "$boundaries")"
    echo "round $r gd-atlas: $(GD_ATLAS_XVFB_DISPLAY=97 sh "$repo/tools/first_frame.sh" "$after" 1)"
done
echo "end: $(uptime)"
