//! Builds the shared-border topology (`regions.topo.json`) from rings in integer micro-degrees.
//!
//! TopoJSON-style: a vertex is a junction when the rings using it disagree about its neighbours;
//! rings are cut into arcs at junctions, equal arcs (forward or reversed) are stored once, and
//! the Douglas–Peucker importance of each unique arc is computed once, so every level of detail
//! keeps neighbouring borders identical.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use gd_atlas_core::geo::mercator::mercator_from_lonlat;
use gd_atlas_core::geo::simplify::douglas_peucker_importance;
use gd_atlas_core::geo::topology::{FORMAT, KEEP_ALWAYS};

/// An open ring (last vertex != first) in micro-degrees.
pub type RingE6 = Vec<[i64; 2]>;
/// Exterior first, then holes.
pub type PolygonE6 = Vec<RingE6>;

/// Rounds a lon/lat ring to micro-degrees, dropping repeated vertices and the closing vertex.
pub fn ring_e6(ring: &[[f64; 2]]) -> RingE6 {
    let mut out: RingE6 = Vec::with_capacity(ring.len());
    for p in ring {
        let q = [(p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

pub struct ShapeE6 {
    pub code: String,
    pub polygons: Vec<PolygonE6>,
}

/// Inserts into every ring the vertices of other rings that lie inside one of its segments
/// (within `tol` micro-degrees), so rings that share a border also share every vertex of it:
/// the points where town cells meet the county border end up in the county, city and province
/// rings too.
pub fn insert_shared_vertices(shapes: &mut [ShapeE6], tol: f64) -> usize {
    let grid = VertexGrid::new(shapes);
    let mut inserted = 0;
    for ring in shapes.iter_mut().flat_map(|s| s.polygons.iter_mut().flatten()) {
        let n = ring.len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            out.push(a);
            let found = grid.inside_segment(a, b, tol);
            inserted += found.len();
            out.extend(found);
        }
        *ring = out;
    }
    inserted
}

/// Every distinct ring vertex, bucketed in a coarse grid (sorted within a cell for a stable order).
struct VertexGrid {
    cells: HashMap<[i64; 2], Vec<[i64; 2]>>,
}

impl VertexGrid {
    /// 2 milli-degrees per grid cell.
    const CELL: i64 = 2_000;

    fn new(shapes: &[ShapeE6]) -> Self {
        let mut cells: HashMap<[i64; 2], Vec<[i64; 2]>> = HashMap::new();
        let mut seen: HashSet<[i64; 2]> = HashSet::new();
        for p in shapes.iter().flat_map(|s| s.polygons.iter().flatten().flatten()) {
            if seen.insert(*p) {
                cells
                    .entry([p[0].div_euclid(Self::CELL), p[1].div_euclid(Self::CELL)])
                    .or_default()
                    .push(*p);
            }
        }
        for v in cells.values_mut() {
            v.sort();
        }
        Self { cells }
    }

    /// Vertices strictly inside the segment `a`–`b` (within `tol` of it), in order from `a`.
    fn inside_segment(&self, a: [i64; 2], b: [i64; 2], tol: f64) -> Vec<[i64; 2]> {
        let (lo, hi) =
            ([a[0].min(b[0]) - 2, a[1].min(b[1]) - 2], [a[0].max(b[0]) + 2, a[1].max(b[1]) + 2]);
        let (dx, dy) = ((b[0] - a[0]) as f64, (b[1] - a[1]) as f64);
        let len2 = dx * dx + dy * dy;
        if len2 == 0.0 {
            return Vec::new();
        }
        let mut found: Vec<(f64, [i64; 2])> = Vec::new();
        for gx in lo[0].div_euclid(Self::CELL)..=hi[0].div_euclid(Self::CELL) {
            for gy in lo[1].div_euclid(Self::CELL)..=hi[1].div_euclid(Self::CELL) {
                for &p in self.cells.get(&[gx, gy]).into_iter().flatten() {
                    if p[0] < lo[0]
                        || p[0] > hi[0]
                        || p[1] < lo[1]
                        || p[1] > hi[1]
                        || p == a
                        || p == b
                    {
                        continue;
                    }
                    let (px, py) = ((p[0] - a[0]) as f64, (p[1] - a[1]) as f64);
                    let t = (px * dx + py * dy) / len2;
                    let cross = (px * dy - py * dx).abs() / len2.sqrt();
                    if t > 0.0 && t < 1.0 && cross <= tol {
                        found.push((t, p));
                    }
                }
            }
        }
        found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        found.into_iter().map(|(_, p)| p).collect()
    }
}

pub struct Built {
    pub json: String,
    pub arcs: usize,
    pub arc_vertices: usize,
    pub ring_vertices: usize,
    pub shapes: usize,
}

/// Canonical form of an arc: the smaller of its forward and reversed vertex sequences.
fn canonical(arc: &[[i64; 2]]) -> (Vec<[i64; 2]>, bool) {
    let rev: Vec<[i64; 2]> = arc.iter().rev().copied().collect();
    if rev.as_slice() < arc {
        (rev, true)
    } else {
        (arc.to_vec(), false)
    }
}

/// Canonical form of a closed ring without junctions: rotated to its smallest vertex, direction
/// chosen by the smaller neighbour; the returned sequence repeats the first vertex at the end.
fn canonical_closed(ring: &[[i64; 2]]) -> (Vec<[i64; 2]>, bool) {
    let n = ring.len();
    let start = (0..n).min_by_key(|&i| ring[i]).unwrap_or(0);
    let forward: Vec<[i64; 2]> = (0..=n).map(|k| ring[(start + k) % n]).collect();
    let backward: Vec<[i64; 2]> = (0..=n).map(|k| ring[(start + n - k % n) % n]).collect();
    if backward < forward {
        (backward, true)
    } else {
        (forward, false)
    }
}

/// Rounds a tolerance down to 3 significant digits (monotone, so nested levels stay nested)
/// and writes it as a JSON number.
fn keep_json(k: f32) -> String {
    if k >= KEEP_ALWAYS {
        return "1".into();
    }
    if k <= 0.0 {
        return "0".into();
    }
    let v = k as f64;
    let e = v.log10().floor() as i32 - 2;
    let mut m = (v / 10f64.powi(e)).floor() as i64;
    // Guard against log10/powi rounding putting m outside 100..=999.
    let mut e = e;
    if m >= 1000 {
        m /= 10;
        e += 1;
    }
    while m > 0 && (m as f64) * 10f64.powi(e) > v {
        m -= 1;
    }
    format!("{m}e{e}")
}

pub fn build(shapes: &[ShapeE6]) -> Built {
    let (junctions, ring_vertices) = junctions(shapes);
    let mut table = ArcTable::default();
    let shape_refs: Vec<(String, Vec<Vec<Vec<i32>>>)> = shapes
        .iter()
        .map(|s| {
            let polygons = s
                .polygons
                .iter()
                .map(|poly| poly.iter().map(|ring| table.cut_ring(ring, &junctions)).collect())
                .collect();
            (s.code.clone(), polygons)
        })
        .collect();
    let (json, arc_vertices) = write_json(&table.arcs, &shape_refs);
    Built { json, arcs: table.arcs.len(), arc_vertices, ring_vertices, shapes: shape_refs.len() }
}

/// The vertices where rings disagree about their neighbours (where arcs must be cut), and the
/// number of ring vertices.
fn junctions(shapes: &[ShapeE6]) -> (HashSet<[i64; 2]>, usize) {
    let mut pairs: HashMap<[i64; 2], ([[i64; 2]; 2], bool)> = HashMap::new();
    let mut ring_vertices = 0;
    for ring in shapes.iter().flat_map(|s| s.polygons.iter().flatten()) {
        let n = ring.len();
        ring_vertices += n;
        for i in 0..n {
            let (prev, next) = (ring[(i + n - 1) % n], ring[(i + 1) % n]);
            let pair = if prev < next { [prev, next] } else { [next, prev] };
            pairs
                .entry(ring[i])
                .and_modify(|e| {
                    if e.0 != pair {
                        e.1 = true
                    }
                })
                .or_insert((pair, false));
        }
    }
    (
        pairs.into_iter().filter(|(_, (_, junction))| *junction).map(|(p, _)| p).collect(),
        ring_vertices,
    )
}

/// Unique arcs in canonical form, in order of first use.
#[derive(Default)]
struct ArcTable {
    arcs: Vec<Vec<[i64; 2]>>,
    index: HashMap<Vec<[i64; 2]>, usize>,
}

impl ArcTable {
    /// The reference to a canonical arc, adding it on first use (`!i` when used reversed).
    fn intern(&mut self, (seq, reversed): (Vec<[i64; 2]>, bool)) -> i32 {
        let arcs = &mut self.arcs;
        let i = *self.index.entry(seq.clone()).or_insert_with(|| {
            arcs.push(seq);
            arcs.len() - 1
        });
        if reversed {
            !(i as i32)
        } else {
            i as i32
        }
    }

    /// A ring as arc references: cut at its junctions, or one closed arc when it has none.
    fn cut_ring(&mut self, ring: &[[i64; 2]], junctions: &HashSet<[i64; 2]>) -> Vec<i32> {
        let n = ring.len();
        let cuts: Vec<usize> = (0..n).filter(|&i| junctions.contains(&ring[i])).collect();
        if cuts.is_empty() {
            return vec![self.intern(canonical_closed(ring))];
        }
        (0..cuts.len())
            .map(|k| {
                let (j0, j1) = (cuts[k], cuts[(k + 1) % cuts.len()]);
                let len = if j1 > j0 { j1 - j0 } else { j1 + n - j0 };
                let piece: Vec<[i64; 2]> = (0..=len).map(|d| ring[(j0 + d) % n]).collect();
                self.intern(canonical(&piece))
            })
            .collect()
    }
}

/// The topology text (one arc per line), with each unique arc's importance computed once in
/// mercator; returns it with the number of arc vertices.
fn write_json(
    arcs: &[Vec<[i64; 2]>],
    shape_refs: &[(String, Vec<Vec<Vec<i32>>>)],
) -> (String, usize) {
    let mut json = String::new();
    let _ = write!(json, "{{\"format\":\"{FORMAT}\",\n\"arcs\":[\n");
    let mut arc_vertices = 0;
    for (i, arc) in arcs.iter().enumerate() {
        let mercator: Vec<[f64; 2]> = arc
            .iter()
            .map(|p| mercator_from_lonlat([p[0] as f64 * 1e-6, p[1] as f64 * 1e-6]))
            .collect();
        let keep = douglas_peucker_importance(&mercator);
        arc_vertices += arc.len();
        let coords: Vec<String> = arc.iter().map(|p| format!("{},{}", p[0], p[1])).collect();
        let keeps: Vec<String> = keep.iter().map(|&k| keep_json(k)).collect();
        let _ = writeln!(
            json,
            "{{\"lonlat_e6\":[{}],\"keep\":[{}]}}{}",
            coords.join(","),
            keeps.join(","),
            if i + 1 < arcs.len() { "," } else { "" }
        );
    }
    json.push_str("],\n\"shapes\":[\n");
    for (i, (code, polys)) in shape_refs.iter().enumerate() {
        let polys_json = serde_json::to_string(polys).unwrap_or_default();
        let _ = writeln!(
            json,
            "{{\"code\":\"{code}\",\"polygons\":{polys_json}}}{}",
            if i + 1 < shape_refs.len() { "," } else { "" }
        );
    }
    json.push_str("]}\n");
    (json, arc_vertices)
}

/// The binary form of the topology JSON (`gd_atlas_core::geo::topology_bin`), which start-up reads
/// instead of the JSON while it was made from that very JSON.
pub fn binary(json: &str) -> Result<Vec<u8>, String> {
    use gd_atlas_core::geo::topology::TopologyFile;
    let file: TopologyFile =
        serde_json::from_str(json).map_err(|e| format!("regions.topo.json: {e}"))?;
    gd_atlas_core::geo::topology_bin::encode(&file, json.as_bytes())
        .map_err(|e| format!("regions.topo.json: {e}"))
}

/// Decodes the written topology with the app's own loader and checks that every ring comes back
/// exactly as built (same vertices, same cyclic order), so the file and the loader agree.
pub fn verify(json: &str, shapes: &[ShapeE6]) -> Result<(), String> {
    use gd_atlas_core::geo::topology::{Topology, TopologyFile};
    let file: TopologyFile =
        serde_json::from_str(json).map_err(|e| format!("regions.topo.json: {e}"))?;
    let topo = Topology::from_file(file).map_err(|e| format!("regions.topo.json: {e}"))?;
    if topo.shapes.len() != shapes.len() {
        return Err("regions.topo.json: shape count differs from the build".into());
    }
    for (decoded, built) in topo.shapes.iter().zip(shapes) {
        for (dp, bp) in decoded.polygons.iter().zip(&built.polygons) {
            for (dr, br) in dp.iter().zip(bp) {
                let ring: Vec<[i64; 2]> = topo
                    .ring_lonlat(dr)
                    .iter()
                    .map(|p| [(p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64])
                    .collect();
                let n = br.len();
                let same = ring.len() == n
                    && (0..n).any(|s| {
                        (0..n).all(|k| ring[k] == br[(s + k) % n])
                            || (0..n).all(|k| ring[k] == br[(s + n - k) % n])
                    });
                if !same {
                    return Err(format!(
                        "regions.topo.json: shape {} does not decode to the ring it was built from",
                        built.code
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gd_atlas_core::geo::topology::{Topology, TopologyFile};

    fn sq(x0: i64, y0: i64, x1: i64, y1: i64) -> RingE6 {
        vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    }

    #[test]
    fn neighbours_share_one_arc_and_decode() {
        // Two squares sharing the edge x = 10; the right one has an extra vertex on it.
        let mut shapes = vec![
            ShapeE6 { code: "L".into(), polygons: vec![vec![sq(0, 0, 10, 10)]] },
            ShapeE6 {
                code: "R".into(),
                polygons: vec![vec![vec![[10, 0], [20, 0], [20, 10], [10, 10], [10, 5]]]],
            },
        ];
        assert_eq!(insert_shared_vertices(&mut shapes, 0.5), 1, "the left ring gains (10, 5)");
        let built = build(&shapes);
        let file: TopologyFile = serde_json::from_str(&built.json).expect("valid json");
        let topo = Topology::from_file(file).expect("valid topology");
        // Shared edge (10,0)-(10,5)-(10,10) is one arc used by both shapes, in opposite directions.
        let uses = |s: usize| {
            topo.shapes[s].polygons[0][0]
                .iter()
                .map(|&r| gd_atlas_core::geo::topology::arc_ref(r).0)
                .collect::<Vec<_>>()
        };
        let common: Vec<usize> = uses(0).into_iter().filter(|a| uses(1).contains(a)).collect();
        assert_eq!(common.len(), 1);
        assert_eq!(topo.arcs[common[0]].lonlat.len(), 3);
        assert_eq!(topo.ring_lonlat(&topo.shapes[0].polygons[0][0]).len(), 5);
    }

    #[test]
    fn isolated_ring_is_one_closed_arc() {
        let shapes = vec![
            ShapeE6 { code: "A".into(), polygons: vec![vec![sq(0, 0, 10, 10)]] },
            ShapeE6 {
                code: "B".into(),
                polygons: vec![vec![sq(0, 0, 10, 10).into_iter().rev().collect()]],
            },
        ];
        let built = build(&shapes);
        assert_eq!(built.arcs, 1, "same ring in both directions is one arc");
        let topo = Topology::from_file(serde_json::from_str(&built.json).expect("json"))
            .expect("topology");
        assert_eq!(topo.ring_lonlat(&topo.shapes[1].polygons[0][0]).len(), 4);
    }

    #[test]
    fn keep_rounds_down_to_three_digits() {
        assert_eq!(keep_json(1.0), "1");
        assert_eq!(keep_json(0.0), "0");
        let s = keep_json(1.23789e-7);
        let back: f64 = s.parse().expect("number");
        assert!(back <= 1.23789e-7 && back > 1.22e-7, "{s}");
    }
}
