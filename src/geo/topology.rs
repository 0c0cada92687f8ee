//! Shared-border topology: region rings made of arcs that neighbours share.
//!
//! Each vertex carries the Douglas–Peucker tolerance below which it must be kept, so any level of
//! detail is a filter, and because neighbours reference the same arcs, their borders stay
//! identical at every level (no gaps, no slivers). See `ARCHITECTURE.md` for the file format.

use serde::{Deserialize, Serialize};

use super::mercator::mercator_from_lonlat;

pub const FORMAT: &str = "gd-atlas-topology/1";

/// `keep` value of vertices that are never dropped (arc end points).
pub const KEEP_ALWAYS: f32 = 1.0;

/// A ring is a list of arc references (`!i` = arc `i` reversed); a polygon is exterior + holes.
pub type RingRefs = Vec<i32>;
pub type PolygonRefs = Vec<RingRefs>;

/// On-disk form of the topology.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TopologyFile {
    pub format: String,
    pub arcs: Vec<ArcFile>,
    pub shapes: Vec<ShapeFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArcFile {
    /// Flat `[x0, y0, x1, y1, ...]` in integer micro-degrees.
    pub lonlat_e6: Vec<i64>,
    pub keep: Vec<f32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShapeFile {
    pub code: String,
    pub polygons: Vec<PolygonRefs>,
}

/// An arc decoded for use: positions in both spaces plus the per-vertex tolerance.
#[derive(Clone, Debug)]
pub struct Arc {
    pub lonlat: Vec<[f64; 2]>,
    pub mercator: Vec<[f64; 2]>,
    pub keep: Vec<f32>,
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub code: String,
    pub polygons: Vec<PolygonRefs>,
    /// Bounding box in mercator: `[min_x, min_y, max_x, max_y]`.
    pub bbox_mercator: [f64; 4],
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub arcs: Vec<Arc>,
    pub shapes: Vec<Shape>,
}

/// Problems found while decoding a topology; the caller adds the file name.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    #[error("unknown format {0:?} (expected {FORMAT})")]
    Format(String),
    #[error("arc {arc}: {problem}")]
    Arc { arc: usize, problem: String },
    #[error("shape {code}: {problem}")]
    Shape { code: String, problem: String },
}

/// Resolves an arc reference to `(arc index, reversed)`.
pub fn arc_ref(r: i32) -> (usize, bool) {
    if r >= 0 {
        (r as usize, false)
    } else {
        ((!r) as usize, true)
    }
}

impl Topology {
    pub fn from_file(file: TopologyFile) -> Result<Self, TopologyError> {
        if file.format != FORMAT {
            return Err(TopologyError::Format(file.format));
        }
        let mut arcs = Vec::with_capacity(file.arcs.len());
        for (i, a) in file.arcs.into_iter().enumerate() {
            if a.lonlat_e6.len() % 2 != 0 || a.lonlat_e6.len() < 4 {
                return Err(TopologyError::Arc { arc: i, problem: "needs at least two [x, y] vertices".into() });
            }
            let n = a.lonlat_e6.len() / 2;
            if a.keep.len() != n {
                return Err(TopologyError::Arc { arc: i, problem: format!("{} vertices but {} keep values", n, a.keep.len()) });
            }
            let lonlat: Vec<[f64; 2]> = a
                .lonlat_e6
                .chunks_exact(2)
                .map(|c| [c[0] as f64 * 1e-6, c[1] as f64 * 1e-6])
                .collect();
            if let Some(bad) = lonlat.iter().find(|p| !(-180.0..=180.0).contains(&p[0]) || !(-90.0..=90.0).contains(&p[1])) {
                return Err(TopologyError::Arc { arc: i, problem: format!("coordinate out of range: {bad:?}") });
            }
            let mercator = lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
            arcs.push(Arc { lonlat, mercator, keep: a.keep });
        }
        let mut shapes = Vec::with_capacity(file.shapes.len());
        for s in file.shapes {
            let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
            for ring in s.polygons.iter().flatten() {
                if ring.is_empty() {
                    return Err(TopologyError::Shape { code: s.code.clone(), problem: "empty ring".into() });
                }
                for &r in ring {
                    let (i, _) = arc_ref(r);
                    let Some(arc) = arcs.get(i) else {
                        return Err(TopologyError::Shape { code: s.code.clone(), problem: format!("unknown arc {i}") });
                    };
                    for p in &arc.mercator {
                        bbox = [bbox[0].min(p[0]), bbox[1].min(p[1]), bbox[2].max(p[0]), bbox[3].max(p[1])];
                    }
                }
                // Consecutive arcs must join, and the last must end where the first starts.
                let ends = |r: i32| {
                    let (i, rev) = arc_ref(r);
                    let a = &arcs[i].lonlat;
                    if rev { (a[a.len() - 1], a[0]) } else { (a[0], a[a.len() - 1]) }
                };
                for k in 0..ring.len() {
                    let (_, end) = ends(ring[k]);
                    let (next_start, _) = ends(ring[(k + 1) % ring.len()]);
                    if end != next_start {
                        return Err(TopologyError::Shape {
                            code: s.code.clone(),
                            problem: format!("ring is not closed: arc ref {} ends at {:?}, next starts at {:?}", ring[k], end, next_start),
                        });
                    }
                }
            }
            if s.polygons.is_empty() {
                return Err(TopologyError::Shape { code: s.code, problem: "no polygons".into() });
            }
            shapes.push(Shape { code: s.code, polygons: s.polygons, bbox_mercator: bbox });
        }
        Ok(Topology { arcs, shapes })
    }

    /// Appends the vertices of one ring at tolerance `tolerance_mercator` (0 = full detail) to `out`.
    ///
    /// `space` picks the coordinates: mercator for drawing, lon/lat for exact queries. The ring is
    /// returned open (last vertex != first).
    pub fn ring_into(&self, ring: &[i32], tolerance_mercator: f32, space: Space, out: &mut Vec<[f64; 2]>) {
        for &r in ring {
            let (i, reversed) = arc_ref(r);
            let arc = &self.arcs[i];
            let pts = match space {
                Space::Mercator => &arc.mercator,
                Space::LonLat => &arc.lonlat,
            };
            let n = pts.len();
            // Skip the first vertex of each arc: it equals the previous arc's last vertex.
            for k in 1..n {
                let j = if reversed { n - 1 - k } else { k };
                if arc.keep[j] >= tolerance_mercator {
                    out.push(pts[j]);
                }
            }
        }
        // The first arc's first vertex was skipped; it equals the ring's last vertex because rings
        // are closed (checked in `from_file`), so the ring comes out complete and open.
    }

    /// Full-detail ring in lon/lat (open).
    pub fn ring_lonlat(&self, ring: &[i32]) -> Vec<[f64; 2]> {
        let mut out = Vec::new();
        self.ring_into(ring, 0.0, Space::LonLat, &mut out);
        out
    }

    /// Number of vertices of a shape at a tolerance (for statistics and benchmarks).
    pub fn vertex_count(&self, shape: usize, tolerance_mercator: f32) -> usize {
        let mut n = 0;
        for ring in self.shapes[shape].polygons.iter().flatten() {
            for &r in ring {
                let (i, _) = arc_ref(r);
                n += self.arcs[i].keep[1..].iter().filter(|&&k| k >= tolerance_mercator).count();
            }
        }
        n
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    Mercator,
    LonLat,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_topology() -> Topology {
        // Two unit squares side by side sharing the middle edge (arc 1).
        let file = TopologyFile {
            format: FORMAT.into(),
            arcs: vec![
                // left square's outer part: (1,1) -> (0,1) -> (0,0) -> (1,0)
                ArcFile { lonlat_e6: vec![1_000_000, 1_000_000, 0, 1_000_000, 0, 0, 1_000_000, 0], keep: vec![1.0, 0.5, 0.5, 1.0] },
                // shared edge (1,0) -> (1,1)
                ArcFile { lonlat_e6: vec![1_000_000, 0, 1_000_000, 1_000_000], keep: vec![1.0, 1.0] },
                // right square's outer part: (1,0) -> (2,0) -> (2,1) -> (1,1)
                ArcFile { lonlat_e6: vec![1_000_000, 0, 2_000_000, 0, 2_000_000, 1_000_000, 1_000_000, 1_000_000], keep: vec![1.0, 0.5, 0.5, 1.0] },
            ],
            shapes: vec![
                ShapeFile { code: "L".into(), polygons: vec![vec![vec![0, 1]]] },
                ShapeFile { code: "R".into(), polygons: vec![vec![vec![2, !1]]] },
            ],
        };
        Topology::from_file(file).expect("valid topology")
    }

    #[test]
    fn rings_share_the_border() {
        let t = square_topology();
        let left = t.ring_lonlat(&t.shapes[0].polygons[0][0]);
        let right = t.ring_lonlat(&t.shapes[1].polygons[0][0]);
        assert_eq!(left.len(), 4);
        assert_eq!(right.len(), 4);
        assert!(left.contains(&[1.0, 0.0]) && left.contains(&[1.0, 1.0]));
        assert!(right.contains(&[1.0, 0.0]) && right.contains(&[1.0, 1.0]));
    }

    #[test]
    fn tolerance_drops_unimportant_vertices() {
        let t = square_topology();
        let mut out = Vec::new();
        t.ring_into(&t.shapes[0].polygons[0][0], 0.75, Space::LonLat, &mut out);
        assert_eq!(out.len(), 2, "only the shared end points survive: {out:?}");
    }

    #[test]
    fn rejects_unknown_arc() {
        let file = TopologyFile {
            format: FORMAT.into(),
            arcs: vec![],
            shapes: vec![ShapeFile { code: "X".into(), polygons: vec![vec![vec![3]]] }],
        };
        assert!(Topology::from_file(file).is_err());
    }
}
