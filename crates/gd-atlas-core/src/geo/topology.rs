//! Shared-border topology: region rings made of arcs that neighbours share.
//!
//! Each vertex carries the Douglas–Peucker tolerance below which it must be kept, so any level of
//! detail is a filter, and because neighbours reference the same arcs, their borders stay
//! identical at every level (no gaps, no slivers). See `ARCHITECTURE.md` for the file format.

use serde::{Deserialize, Serialize};

use super::bbox::Bbox;
use super::mercator::mercator_from_lonlat;
use super::simplify::importance;

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

impl Arc {
    /// An arc with the tolerances stored in the topology file.
    pub fn with_keep(lonlat: Vec<[f64; 2]>, keep: Vec<f32>) -> Arc {
        let mercator = lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
        Arc { lonlat, mercator, keep }
    }

    /// An arc whose tolerances are computed here, as the asset build would (Douglas–Peucker
    /// importance in mercator, bounded to O(n log n): `simplify::importance`): for geometry read
    /// at run time (a user's town file or layer, the basemap).
    pub fn from_lonlat(lonlat: Vec<[f64; 2]>) -> Arc {
        let mercator: Vec<[f64; 2]> = lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
        let keep = importance(&mercator);
        Arc { lonlat, mercator, keep }
    }

    /// End points in lon/lat in the direction of the reference.
    fn ends_lonlat(&self, reversed: bool) -> ([f64; 2], [f64; 2]) {
        let (first, last) = (self.lonlat[0], self.lonlat[self.lonlat.len() - 1]);
        if reversed {
            (last, first)
        } else {
            (first, last)
        }
    }
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub code: String,
    pub polygons: Vec<PolygonRefs>,
    pub bbox_mercator: Bbox,
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub arcs: Vec<Arc>,
    pub shapes: Vec<Shape>,
    /// The label point of the first shapes (`geo::label_point`), as the asset build stored them
    /// in `regions.topo.bin`; empty when the topology was read from JSON. A shape past its end
    /// (a user's town) has its point computed when it is first needed.
    pub label_points_lonlat: Vec<Option<[f64; 2]>>,
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
        let mut topology = Topology {
            arcs: Vec::with_capacity(file.arcs.len()),
            shapes: Vec::with_capacity(file.shapes.len()),
            label_points_lonlat: Vec::new(),
        };
        for (i, a) in file.arcs.into_iter().enumerate() {
            topology
                .arcs
                .push(decode_arc(a).map_err(|problem| TopologyError::Arc { arc: i, problem })?);
        }
        for s in file.shapes {
            topology.push_shape(s.code, s.polygons)?;
        }
        Ok(topology)
    }

    /// Appends an arc; returns its index (the forward reference).
    pub fn push_arc(&mut self, arc: Arc) -> usize {
        self.arcs.push(arc);
        self.arcs.len() - 1
    }

    /// Appends a shape made of arcs already in the topology, after checking that every ring is
    /// non-empty, refers to existing arcs and closes; returns its index.
    pub fn push_shape(
        &mut self,
        code: String,
        polygons: Vec<PolygonRefs>,
    ) -> Result<usize, TopologyError> {
        let problem = |problem: String| TopologyError::Shape { code: code.clone(), problem };
        if polygons.is_empty() {
            return Err(problem("no polygons".into()));
        }
        let mut bbox_mercator = Bbox::EMPTY;
        for ring in polygons.iter().flatten() {
            self.check_ring(ring).map_err(problem)?;
            for &r in ring {
                bbox_mercator =
                    bbox_mercator.union(Bbox::from_points(&self.arcs[arc_ref(r).0].mercator));
            }
        }
        self.shapes.push(Shape { code, polygons, bbox_mercator });
        Ok(self.shapes.len() - 1)
    }

    /// A shape whose every ring is one closed lon/lat ring (the first vertex repeated at the end),
    /// stored as one arc per ring: how geometry read at run time joins the topology.
    pub fn push_ring_shape(
        &mut self,
        code: String,
        polygons_closed_lonlat: Vec<Vec<Vec<[f64; 2]>>>,
    ) -> Result<usize, TopologyError> {
        let polygons = polygons_closed_lonlat
            .into_iter()
            .map(|rings| {
                rings
                    .into_iter()
                    .map(|ring| vec![self.push_arc(Arc::from_lonlat(ring)) as i32])
                    .collect()
            })
            .collect();
        self.push_shape(code, polygons)
    }

    /// Consecutive arcs must join, and the last must end where the first starts.
    fn check_ring(&self, ring: &[i32]) -> Result<(), String> {
        if ring.is_empty() {
            return Err("empty ring".into());
        }
        for &r in ring {
            match self.arcs.get(arc_ref(r).0) {
                None => return Err(format!("unknown arc {}", arc_ref(r).0)),
                Some(arc) if arc.lonlat.len() < 2 => {
                    return Err(format!("arc {} has fewer than two vertices", arc_ref(r).0))
                }
                Some(_) => {}
            }
        }
        let ends = |r: i32| {
            let (i, reversed) = arc_ref(r);
            self.arcs[i].ends_lonlat(reversed)
        };
        for k in 0..ring.len() {
            let (_, end) = ends(ring[k]);
            let (next_start, _) = ends(ring[(k + 1) % ring.len()]);
            if end != next_start {
                return Err(format!(
                    "ring is not closed: arc ref {} ends at {:?}, next starts at {:?}",
                    ring[k], end, next_start
                ));
            }
        }
        Ok(())
    }

    /// Appends the vertices of one ring at tolerance `tolerance_mercator` (0 = full detail) to `out`.
    ///
    /// `space` picks the coordinates: mercator for drawing, lon/lat for exact queries. The ring is
    /// returned open (last vertex != first).
    pub fn ring_into(
        &self,
        ring: &[i32],
        tolerance_mercator: f32,
        space: Space,
        out: &mut Vec<[f64; 2]>,
    ) {
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

/// Checks one stored arc and decodes it from micro-degrees.
fn decode_arc(a: ArcFile) -> Result<Arc, String> {
    if !a.lonlat_e6.len().is_multiple_of(2) || a.lonlat_e6.len() < 4 {
        return Err("needs at least two [x, y] vertices".into());
    }
    let n = a.lonlat_e6.len() / 2;
    if a.keep.len() != n {
        return Err(format!("{} vertices but {} keep values", n, a.keep.len()));
    }
    let lonlat: Vec<[f64; 2]> =
        a.lonlat_e6.chunks_exact(2).map(|c| [c[0] as f64 * 1e-6, c[1] as f64 * 1e-6]).collect();
    if let Some(bad) =
        lonlat.iter().find(|p| !(-180.0..=180.0).contains(&p[0]) || !(-90.0..=90.0).contains(&p[1]))
    {
        return Err(format!("coordinate out of range: {bad:?}"));
    }
    Ok(Arc::with_keep(lonlat, a.keep))
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
                ArcFile {
                    lonlat_e6: vec![1_000_000, 1_000_000, 0, 1_000_000, 0, 0, 1_000_000, 0],
                    keep: vec![1.0, 0.5, 0.5, 1.0],
                },
                // shared edge (1,0) -> (1,1)
                ArcFile {
                    lonlat_e6: vec![1_000_000, 0, 1_000_000, 1_000_000],
                    keep: vec![1.0, 1.0],
                },
                // right square's outer part: (1,0) -> (2,0) -> (2,1) -> (1,1)
                ArcFile {
                    lonlat_e6: vec![
                        1_000_000, 0, 2_000_000, 0, 2_000_000, 1_000_000, 1_000_000, 1_000_000,
                    ],
                    keep: vec![1.0, 0.5, 0.5, 1.0],
                },
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
    fn ring_shapes_join_with_computed_tolerances_and_their_box() {
        let mut t = square_topology();
        let ring = vec![[3.0, 0.0], [4.0, 0.0], [4.0, 1.0], [3.5, 1.2], [3.0, 1.0], [3.0, 0.0]];
        let shape = t.push_ring_shape("T".into(), vec![vec![ring.clone()]]).expect("a closed ring");
        assert_eq!(shape, 2);
        let s = &t.shapes[shape];
        let arc = &t.arcs[arc_ref(s.polygons[0][0][0]).0];
        assert_eq!(arc.lonlat, ring);
        assert_eq!(arc.keep.len(), ring.len());
        assert_eq!(
            (arc.keep[0], arc.keep[5]),
            (KEEP_ALWAYS, KEEP_ALWAYS),
            "end points are always kept"
        );
        let expected = Bbox::from_points(ring.iter().map(|&p| mercator_from_lonlat(p)));
        assert_eq!(s.bbox_mercator, expected);
        assert_eq!(t.ring_lonlat(&s.polygons[0][0]).len(), 5, "decoded open");
    }

    #[test]
    fn push_shape_checks_its_rings() {
        let mut t = square_topology();
        let open = t.push_arc(Arc::from_lonlat(vec![[5.0, 5.0], [6.0, 5.0], [6.0, 6.0]]));
        let e = t.push_shape("O".into(), vec![vec![vec![open as i32]]]).unwrap_err();
        assert!(e.to_string().starts_with("shape O: ring is not closed"), "{e}");
        assert!(t.push_shape("E".into(), vec![vec![vec![]]]).is_err(), "empty ring");
        assert!(t.push_shape("N".into(), vec![]).is_err(), "no polygons");
        assert_eq!(t.shapes.len(), 2, "a refused shape is not added");
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
