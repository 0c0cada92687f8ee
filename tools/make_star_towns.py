#!/usr/bin/env python3
"""Official town files shaped like a star of long spikes (issue 21), of a given size in MB: one
town, 金利镇 (code 441204115, Gaoyao District), whose one ring is a star — valid GeoJSON, no
self-crossing — the worst case for any check that pairs segments by their bounding boxes (every
spike's box overlaps its neighbours' boxes near the centre).

    python3 tools/make_star_towns.py 5 /tmp/star-5mb.geojson
    python3 tools/make_star_towns.py 10 /tmp/star-10mb.geojson
    python3 tools/make_star_towns.py 200 /tmp/star-200mb.geojson   # never commit: refused by size

Why it is built this way:
- The vertices are whole micro-degrees (written with 7 decimals, as the files the issue used),
  the precision of the atlas's crossing check, so what the check sees is exactly the file.
- The star is centred at the point of Gaoyao District farthest from its border (about 0.108°
  inside), with spikes 0.03° long, so the town lies in its county as the loader requires (90 % of
  its vertices within 2 km) up to about 10 MB; larger stars need a larger inner circle and spill
  out (the 200 MB file is refused before it is read anyway: over 100 MB).
- The inner circle is just large enough that every rounded vertex has a strictly larger angle
  about the centre than the one before (checked exactly on the integers), which makes the ring
  simple: each edge stays in its own wedge.
"""

import math
import sys

CODE = "441204115"  # 金利镇
CENTRE_E6 = (112_428_982, 22_916_390)  # Gaoyao's pole of inaccessibility, to a grid of 1/30 of its box
SPIKE_DEG = 0.03
MIN_INNER_SPACING_E6 = 2.5
BYTES_PER_VERTEX = len("[112.4289820,22.9163900],")


def star_e6(spikes):
    """The ring (closed) of `spikes` spikes in integer micro-degrees: the smallest inner circle
    (from 2.5 micro-degrees between inner vertices, grown by half while rounding breaks the
    angular order) whose rounded star is still star-shaped."""
    inner_e6 = max(5_000.0, spikes * MIN_INNER_SPACING_E6 / (2 * math.pi))
    while True:
        outer_e6 = inner_e6 + SPIKE_DEG * 1e6
        ring = star_ring(spikes, inner_e6, outer_e6)
        if star_shaped(ring):
            ring.append(ring[0])
            return ring, inner_e6, outer_e6
        inner_e6 *= 1.5


def star_ring(spikes, inner_e6, outer_e6):
    cx, cy = CENTRE_E6
    ring = []
    for k in range(2 * spikes):
        a = math.pi * k / spikes
        r = outer_e6 if k % 2 == 0 else inner_e6
        ring.append((cx + round(r * math.cos(a)), cy + round(r * math.sin(a))))
    return ring


def star_shaped(ring):
    """Strictly increasing angle about the centre (exact: cross products of integers)."""
    cx, cy = CENTRE_E6
    for k in range(len(ring)):
        (ax, ay), (bx, by) = ring[k], ring[(k + 1) % len(ring)]
        if (ax - cx) * (by - cy) - (ay - cy) * (bx - cx) <= 0:
            return False
    return True


def write(path, ring):
    with open(path, "w") as out:
        out.write('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"%s"},'
                  '"geometry":{"type":"Polygon","coordinates":[[' % CODE)
        out.write(",".join(f"[{x / 1e6:.7f},{y / 1e6:.7f}]" for x, y in ring))
        out.write("]]}}]}\n")


def main(megabytes, path):
    spikes = int(megabytes * 1e6 / BYTES_PER_VERTEX / 2)
    ring, inner, outer = star_e6(spikes)
    write(path, ring)
    print(f"{path}: {spikes:,} spikes, {len(ring):,} positions, inner radius {inner / 1e6:.4f}°, "
          f"outer {outer / 1e6:.4f}°")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(float(sys.argv[1]), sys.argv[2])
