//! Shapes and arcs at each level of detail, built once and kept.
//!
//! egui fills only convex polygons, and county/town outlines are concave with holes, so the window
//! triangulates every shape it fills (earcut) — but only once per level of detail, in mercator
//! space, where the result stays exact at every zoom. Each frame then only maps vertices to the
//! screen. Levels are built lazily, per shape, so a view only pays for what it shows; triangles
//! are built lazily too, on the first [`ShapeMesh::triangles`] call: the PNG, SVG and PDF canvases
//! fill the rings even-odd and never ask, and earcut was half of a 4K export's time (issue 13).

use std::ops::Range;
use std::sync::OnceLock;

use crate::geo::topology::{Space, Topology};

/// Coarsest and finest level of detail. A level is a walkers zoom: at level `k` the drawing
/// tolerance is half a pixel at zoom `k`. Beyond `MAX_LOD` the source's own precision (≈ 15–75 m)
/// is coarser than the tolerance, so finer levels would only cost memory.
pub const MIN_LOD: u8 = 3;
pub const MAX_LOD: u8 = 14;

pub fn lod_for_zoom(zoom: f64) -> u8 {
    (zoom.round() as i64).clamp(MIN_LOD as i64, MAX_LOD as i64) as u8
}

/// Douglas–Peucker tolerance of a level, in mercator units (half a pixel at that zoom).
pub fn tolerance_for_lod(lod: u8) -> f32 {
    (0.5 / (super::view::TILE_SIZE * 2f64.powi(lod as i32))) as f32
}

/// One shape at one level: rings for outlines, paths and even-odd fills; triangles for the
/// window's fills, built on first use.
#[derive(Debug, Default)]
pub struct ShapeMesh {
    /// Vertices are stored relative to this point so `f32` keeps sub-pixel precision at any zoom.
    pub origin_mercator: [f64; 2],
    pub vertices: Vec<[f32; 2]>,
    /// Open rings (exterior and holes) as ranges of `vertices`.
    pub rings: Vec<Range<u32>>,
    /// Polygons as ranges of `rings`: the first ring is the exterior, the others its holes.
    pub polygons: Vec<Range<u32>>,
    /// The grid (mercator units, the level's tolerance: half a pixel) on which the rings are
    /// cleaned before earcut (see [`kept_for_triangles`]); 0: no cleaning.
    pub cell_mercator: f32,
    /// Triangle list into `vertices`; see [`ShapeMesh::triangles`].
    triangles: OnceLock<Vec<u32>>,
}

impl ShapeMesh {
    /// A mesh whose triangles are already known (the specks' rectangles).
    pub fn with_triangles(
        origin_mercator: [f64; 2],
        vertices: Vec<[f32; 2]>,
        rings: Vec<Range<u32>>,
        triangles: Vec<u32>,
    ) -> ShapeMesh {
        ShapeMesh {
            origin_mercator,
            vertices,
            rings,
            polygons: Vec::new(),
            cell_mercator: 0.0,
            triangles: OnceLock::from(triangles),
        }
    }

    /// The triangle list into `vertices`, triangulated on the first call (each polygon with its
    /// holes). Thread-safe: the window's warm-up thread and a frame may ask at once.
    pub fn triangles(&self) -> &[u32] {
        self.triangles.get_or_init(|| {
            triangulate(&self.vertices, &self.rings, &self.polygons, self.cell_mercator)
        })
    }
}

/// Earcut of each polygon (exterior ring then holes) into one triangle list, on the rings
/// cleaned on the level's grid (`cell`; 0: as they are).
fn triangulate(
    vertices: &[[f32; 2]],
    rings: &[Range<u32>],
    polygons: &[Range<u32>],
    cell: f32,
) -> Vec<u32> {
    let mut triangles = Vec::new();
    let mut flat: Vec<f64> = Vec::new();
    let mut holes: Vec<usize> = Vec::new();
    // Index into `vertices` of each vertex handed to earcut.
    let mut source: Vec<u32> = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    for polygon in polygons {
        flat.clear();
        holes.clear();
        source.clear();
        let polygon_rings = &rings[polygon.start as usize..polygon.end as usize];
        for (ring_no, ring) in polygon_rings.iter().enumerate() {
            kept_for_triangles(vertices, ring.clone(), cell, &mut kept);
            if kept.len() < 3 {
                if ring_no == 0 {
                    break; // the exterior is thinner than the grid: nothing to fill
                }
                continue;
            }
            if ring_no > 0 {
                holes.push(source.len());
            }
            source.extend_from_slice(&kept);
            flat.extend(
                kept.iter().flat_map(|&i| {
                    [vertices[i as usize][0] as f64, vertices[i as usize][1] as f64]
                }),
            );
        }
        if source.is_empty() {
            continue;
        }
        match earcutr::earcut(&flat, &holes, 2) {
            Ok(tris) => triangles.extend(tris.into_iter().map(|i| source[i])),
            Err(e) => log::warn!(
                "triangulation failed for a polygon of {} vertices: {e:?}",
                flat.len() / 2
            ),
        }
    }
    triangles
}

/// The vertices of `ring` earcut gets: on a grid of `cell` (the level's half pixel), a vertex in
/// the same cell as the one kept before it is dropped, and so is a spike that goes out and comes
/// back to the same cell (A B A → A). Kept vertices keep their exact position.
///
/// Why (issue 21): earcut is quadratic on a comb or a star of thin spikes — an ear's box holds
/// every other tooth's vertices — and the window's first frame of a 100,000-vertex comb took
/// 50 s. Teeth and spikes narrower than the grid are invisible at the level anyway (a fill is
/// not antialiased); dropping them bounds the ring by the cells its outline passes through,
/// in one pass. Outlines and the exports' even-odd fills use the full rings.
fn kept_for_triangles(vertices: &[[f32; 2]], ring: Range<u32>, cell: f32, kept: &mut Vec<u32>) {
    kept.clear();
    if cell <= 0.0 {
        kept.extend(ring);
        return;
    }
    let cell_of = |i: u32| {
        let p = vertices[i as usize];
        [(p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64]
    };
    let mut cells: Vec<[i64; 2]> = Vec::new();
    for i in ring {
        let c = cell_of(i);
        if cells.last() == Some(&c) {
            continue;
        }
        if cells.len() >= 2 && cells[cells.len() - 2] == c {
            // Back to the cell before the last one: the last vertex was the tip of a spike.
            cells.pop();
            kept.pop();
            continue;
        }
        cells.push(c);
        kept.push(i);
    }
    // The ring closes on itself: drop an end that repeats the start's cell.
    while kept.len() >= 2 && cells.last() == cells.first() {
        cells.pop();
        kept.pop();
    }
}

/// One arc at one level (an open polyline) for outlines drawn once per shared border.
#[derive(Debug, Default)]
pub struct ArcLine {
    pub origin_mercator: [f64; 2],
    pub points: Vec<[f32; 2]>,
}

struct Level {
    shapes: Vec<OnceLock<ShapeMesh>>,
    arcs: Vec<OnceLock<ArcLine>>,
}

/// Lazily built meshes of one topology at every level of detail. A level's slots are allocated
/// on its first use too: a user layer of 100,000 polygons would otherwise hold twelve levels of
/// empty slots (≈ 100 MB) of which a session uses two or three.
pub struct LodCache {
    shape_count: usize,
    arc_count: usize,
    levels: Vec<OnceLock<Level>>,
}

impl LodCache {
    pub fn new(topology: &Topology) -> Self {
        let levels = (MIN_LOD..=MAX_LOD).map(|_| OnceLock::new()).collect();
        LodCache { shape_count: topology.shapes.len(), arc_count: topology.arcs.len(), levels }
    }

    fn level(&self, lod: u8) -> &Level {
        self.levels[(lod.clamp(MIN_LOD, MAX_LOD) - MIN_LOD) as usize].get_or_init(|| Level {
            shapes: (0..self.shape_count).map(|_| OnceLock::new()).collect(),
            arcs: (0..self.arc_count).map(|_| OnceLock::new()).collect(),
        })
    }

    pub fn shape(&self, topology: &Topology, lod: u8, shape: usize) -> &ShapeMesh {
        self.level(lod).shapes[shape]
            .get_or_init(|| build_shape_mesh(topology, shape, tolerance_for_lod(lod)))
    }

    pub fn arc(&self, topology: &Topology, lod: u8, arc: usize) -> &ArcLine {
        self.level(lod).arcs[arc]
            .get_or_init(|| build_arc_line(topology, arc, tolerance_for_lod(lod)))
    }

    /// Whether a level's slots exist yet (tests: levels are allocated lazily).
    pub fn level_allocated(&self, lod: u8) -> bool {
        self.levels[(lod.clamp(MIN_LOD, MAX_LOD) - MIN_LOD) as usize].get().is_some()
    }
}

fn build_arc_line(topology: &Topology, arc: usize, tolerance: f32) -> ArcLine {
    let a = &topology.arcs[arc];
    let origin = a.mercator[0];
    let points = a
        .mercator
        .iter()
        .zip(&a.keep)
        .filter(|(_, &k)| k >= tolerance)
        .map(|(p, _)| [(p[0] - origin[0]) as f32, (p[1] - origin[1]) as f32])
        .collect();
    ArcLine { origin_mercator: origin, points }
}

/// Twice the signed area of an open ring.
fn ring_area2(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

pub fn build_shape_mesh(topology: &Topology, shape: usize, tolerance: f32) -> ShapeMesh {
    let s = &topology.shapes[shape];
    let origin = s.bbox_mercator.min;
    let mut mesh =
        ShapeMesh { origin_mercator: origin, cell_mercator: tolerance, ..Default::default() };
    // Rings smaller than a few pixels² at this level vanish (islets at province view).
    let min_area2 = 2.0 * (tolerance as f64 * 4.0).powi(2);
    let mut ring_buf: Vec<[f64; 2]> = Vec::new();
    for polygon in &s.polygons {
        let first_ring = mesh.rings.len() as u32;
        for (ring_no, ring) in polygon.iter().enumerate() {
            ring_buf.clear();
            topology.ring_into(ring, tolerance, Space::Mercator, &mut ring_buf);
            if ring_buf.len() < 3 || ring_area2(&ring_buf).abs() < min_area2 {
                if ring_no == 0 {
                    break; // exterior vanished: so does the polygon
                }
                continue;
            }
            let start = mesh.vertices.len() as u32;
            mesh.vertices.extend(
                ring_buf.iter().map(|p| [(p[0] - origin[0]) as f32, (p[1] - origin[1]) as f32]),
            );
            mesh.rings.push(start..mesh.vertices.len() as u32);
        }
        let end_ring = mesh.rings.len() as u32;
        if end_ring > first_ring {
            mesh.polygons.push(first_ring..end_ring);
        }
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::topology::{ArcFile, ShapeFile, TopologyFile, FORMAT};

    /// A square with a square hole: the mesh must cover the ring area minus the hole.
    #[test]
    fn holes_are_respected() {
        let sq = |x0: i64, y0: i64, s: i64| -> Vec<i64> {
            vec![x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s, x0, y0]
        };
        let file = TopologyFile {
            format: FORMAT.into(),
            arcs: vec![
                ArcFile { lonlat_e6: sq(110_000_000, 20_000_000, 1_000_000), keep: vec![1.0; 5] },
                ArcFile { lonlat_e6: sq(110_250_000, 20_250_000, 500_000), keep: vec![1.0; 5] },
            ],
            shapes: vec![ShapeFile { code: "A".into(), polygons: vec![vec![vec![0], vec![1]]] }],
        };
        let topo = Topology::from_file(file).expect("valid");
        let mesh = build_shape_mesh(&topo, 0, 0.0);
        assert_eq!(mesh.rings.len(), 2);
        let area: f64 = mesh
            .triangles()
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize]);
                (((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) as f64 / 2.0).abs()
            })
            .sum();
        let outer: f64 = ring_area2(
            &topo
                .ring_lonlat(&[0])
                .iter()
                .map(|&p| crate::geo::mercator::mercator_from_lonlat(p))
                .collect::<Vec<_>>(),
        )
        .abs()
            / 2.0;
        let inner: f64 = ring_area2(
            &topo
                .ring_lonlat(&[1])
                .iter()
                .map(|&p| crate::geo::mercator::mercator_from_lonlat(p))
                .collect::<Vec<_>>(),
        )
        .abs()
            / 2.0;
        assert!(
            ((area - (outer - inner)) / outer).abs() < 1e-4,
            "area {area} vs {}",
            outer - inner
        );
    }

    /// A comb of teeth far narrower than the grid is filled as its spine: earcut gets the
    /// spine's corners, in one pass, and a grid of 0 hands every vertex over.
    #[test]
    fn teeth_narrower_than_the_grid_are_left_to_the_outline() {
        let teeth = 1000;
        let w = 1e-4f32;
        let mut ring: Vec<[f32; 2]> = Vec::new();
        for k in 0..teeth {
            let x = k as f32 * 2.0 * w;
            ring.extend([[x, 0.0], [x, 1.0], [x + w, 1.0], [x + w, 0.0]]);
        }
        let end = teeth as f32 * 2.0 * w;
        ring.extend([[end, 0.0], [end, -0.5], [0.0, -0.5]]);
        let mut kept = Vec::new();
        kept_for_triangles(&ring, 0..ring.len() as u32, 0.01, &mut kept);
        assert!(
            kept.len() <= 25,
            "the teeth are gone (20 grid columns of spine): {} of {} vertices kept",
            kept.len(),
            ring.len()
        );
        let spine: f64 = ring_area2(
            &kept
                .iter()
                .map(|&i| [ring[i as usize][0] as f64, ring[i as usize][1] as f64])
                .collect::<Vec<_>>(),
        )
        .abs()
            / 2.0;
        // The spine (0.2 × 0.5) stays; the teeth (another 0.1) go — all but one: the tooth at
        // x = 0.15, whose top straddles the column seam by f32 rounding, is kept as a wedge one
        // column (0.01) wide (a known limit of cleaning by vertex cells: a tooth that moves to
        // the next column at its top is not a spike back into the cell before). At most one
        // column of tooth area per seam so crossed.
        let base = end as f64 * 0.5;
        assert!(
            spine > base - 0.02 * end as f64 && spine <= base + 0.0101,
            "the spine's area stays, with at most one wedge: {spine}"
        );
        kept_for_triangles(&ring, 0..ring.len() as u32, 0.0, &mut kept);
        assert_eq!(kept.len(), ring.len());
    }

    #[test]
    fn levels_are_allocated_on_first_use() {
        let mut topo = Topology::default();
        topo.push_ring_shape(
            "A".into(),
            vec![vec![vec![[113.0, 23.0], [113.1, 23.0], [113.1, 23.1], [113.0, 23.0]]]],
        )
        .expect("closed");
        let cache = LodCache::new(&topo);
        assert!(!cache.level_allocated(7));
        assert_eq!(cache.shape(&topo, 7, 0).rings.len(), 1);
        assert!(cache.level_allocated(7) && !cache.level_allocated(8));
    }

    #[test]
    fn lod_matches_zoom() {
        assert_eq!(lod_for_zoom(7.4), 7);
        assert_eq!(lod_for_zoom(0.0), MIN_LOD);
        assert_eq!(lod_for_zoom(25.0), MAX_LOD);
        assert!(tolerance_for_lod(8) < tolerance_for_lod(7));
    }
}
