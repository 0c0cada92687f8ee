#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets into fuzz/corpus/<target>/ from the project's own
files (data/, assets/geo/, tests/fixtures/). The corpora are not committed (fuzz/.gitignore);
run this once before `cargo +nightly fuzz run <target>`. Targets whose first byte selects a mode
get that byte prefixed. Large files are also cut to their first lines, since small inputs run
faster and libFuzzer grows them as needed."""

import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


def small_topology(topo, first_shape, count):
    """The given shapes with only the arcs they use, renumbered."""
    shapes = topo["shapes"][first_shape:first_shape + count]
    used = sorted({(r if r >= 0 else ~r) for s in shapes for p in s["polygons"] for ring in p for r in ring})
    new_index = {old: new for new, old in enumerate(used)}
    remap = lambda r: new_index[r] if r >= 0 else ~new_index[~r]
    return {
        "format": topo["format"],
        "arcs": [topo["arcs"][i] for i in used],
        "shapes": [{"code": s["code"], "polygons": [[[remap(r) for r in ring] for ring in p] for p in s["polygons"]]} for s in shapes],
    }


def town_geojson(topo, shape):
    """One town of the topology as an official town file (closed WGS84 rings, its code)."""
    arcs = topo["arcs"]

    def ring_lonlat(ring):
        out = []
        for r in ring:
            a = arcs[r if r >= 0 else ~r]["lonlat_e6"]
            pts = [[a[i] / 1e6, a[i + 1] / 1e6] for i in range(0, len(a), 2)]
            if r < 0:
                pts.reverse()
            out.extend(pts[1:] if out else pts)
        return out

    coords = [[ring_lonlat(ring) for ring in polygon] for polygon in shape["polygons"]]
    feature = {"type": "Feature", "properties": {"code": shape["code"], "name": "seed"}, "geometry": {"type": "MultiPolygon", "coordinates": coords}}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def main():
    data = ROOT / "data"
    files = ["regions.csv", "documents.csv", "places.csv", "indicators.csv", "excerpts.csv", "known_exceptions.csv", "lines.geojson"]
    for i, name in enumerate(files):
        content = (data / name).read_bytes()
        put("data_files", f"{i}_{name}", bytes([i]) + content)
        put("data_files", f"{i}_{name}.head", bytes([i]) + head_lines(content, 30))
        put("data_files", f"{i}_{name}.load", bytes([0x80 | i]) + content)
    doc = sorted((data / "documents").iterdir())[0].read_bytes()
    put("data_files", "7_document", bytes([7]) + doc)

    topo = json.loads((ROOT / "assets/geo/regions.topo.json").read_bytes())
    for first, count in [(200, 1), (300, 2), (1000, 3), (len(topo["shapes"]) - 4, 4)]:
        put("topology", f"shapes_{first}_{count}.json", json.dumps(small_topology(topo, first, count)).encode())

    towns = [s for s in topo["shapes"] if len(s["code"]) == 9]
    for s in towns[:2] + towns[-1:]:
        put("user_towns", f"{s['code']}.geojson", town_geojson(topo, s))

    fixtures = ROOT / "tests/fixtures"
    for f in sorted((fixtures / "theme").glob("*.csv")) + sorted((fixtures / "theme").glob("*.xlsx")):
        put("user_files", f"0_{f.name}", b"\0" + f.read_bytes())
    utf8 = (fixtures / "theme/counties_utf8_bom.csv").read_bytes()
    put("user_files", "0_utf16.csv", b"\0" + utf8.decode("utf-8-sig").encode("utf-16"))
    put("user_files", "0_semicolon.csv", b"\0" + "name;value\n广州;1,5\n深圳;2,25\n".encode())
    points = "name,lon,lat,kind\nCanton Tower,113.3245,23.1064,tower\nA,113.1,22.9,x\n"
    put("user_files", "1_points.csv", b"\1" + points.encode())
    put("user_files", "1_dms.csv", b"\1" + "名称,经度,纬度\n甲,113°19'28\",23°6'23\"\n".encode())
    put("user_files", "2_points.xlsx", b"\2" + (fixtures / "layer/points.xlsx").read_bytes())

    put("user_files", "3_lines.geojson", b"\3" + (data / "lines.geojson").read_bytes())
    shapes = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "p", "v": 1}, "geometry": {"type": "Point", "coordinates": [113.3, 23.1]}},
        {"type": "Feature", "properties": {"name": "poly"}, "geometry": {"type": "Polygon", "coordinates": [[[113, 23], [113.1, 23], [113.1, 23.1], [113, 23]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [{"type": "MultiPoint", "coordinates": [[113.2, 23.2]]}]}},
    ]}
    put("user_files", "4_mixed.geojson", b"\4" + json.dumps(shapes).encode())

    settings = {
        "center_lonlat": [113.4, 23.3], "zoom": 7.0, "lang": "Zh", "classroom": False, "towns_at_all_zooms": True,
        "basemap": "None",
        "theme": {"source": {"from": "builtin", "level": "county", "builtin": {"kind": "area"}}, "per_km2": False,
                  "method": {"method": "quantile"}, "classes": 5, "palette": "YlGnBu", "reversed": False},
        "user_layers": [{"path": "/nonexistent/layer.csv", "crs": "gcj02", "columns": {"lon": "x", "lat": "y"}, "visible": True, "opacity": 0.5,
                         "style": {"mode": {"kind": "categories", "attribute": "kind"}, "color": [1, 2, 3, 255], "size": 4.0, "label": "name"}}],
        "views": [{"name": "v", "center_lonlat": [113.0, 23.0], "zoom": 9.5, "selection": {"Region": "440100"}, "user_layers_visible": []}],
    }
    put("settings", "full.json", json.dumps(settings).encode())
    settings["theme"] = {"source": {"from": "builtin", "level": "town", "builtin": {"kind": "indicator", "name": "GDP", "period": None}},
                         "per_km2": True, "method": {"method": "manual", "breaks": [1.0, 2.0]}, "classes": 3, "palette": "Reds", "reversed": True}
    put("settings", "manual.json", json.dumps(settings).encode())
    put("settings", "empty.json", b"{}")

    put("tour", "classroom.csv", (data / "tours/classroom.csv").read_bytes())

    # The kept regression inputs (tests/fixtures/fuzz/<target>/) seed their target too: the
    # shapes and broken files of issue 21 are where the fuzzer should look further.
    for target_dir in sorted((fixtures / "fuzz").iterdir()):
        for f in sorted(target_dir.iterdir()):
            put(target_dir.name, f"kept_{f.name}", f.read_bytes())


if __name__ == "__main__":
    main()
