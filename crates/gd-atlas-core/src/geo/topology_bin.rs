//! The topology in a binary form, written by the asset build next to `regions.topo.json`
//! (`regions.topo.bin`) so start-up does not parse 3.6 MB of JSON nor take a logarithm and a
//! tangent per vertex (about 11 ms of the atlas's 40 ms load, on every export and window start).
//!
//! The JSON stays the contract (`ARCHITECTURE.md`): the binary records the length and a digest
//! of the JSON it was made from, and is only used while that JSON is the one beside it. A
//! planner who edits or replaces the JSON gets the JSON read, as before. The decoded topology
//! is the one `Topology::from_file` makes of the JSON, bit for bit (a test checks it on the
//! committed assets), and goes through the same shape checks.
//!
//! Layout (little-endian): the magic `GDATOPO1`; the JSON's length (u64) and [`json_digest`]
//! (u64); the arc count (u32), then per arc its vertex count `n` (u32), `n` × (lon, lat) in
//! micro-degrees (i32), `n` × keep (f32), `n` × mercator y (f64; x is linear in lon); the shape
//! count (u32), then per shape its code (u32 length + UTF-8), polygon count (u32), per polygon
//! its ring count (u32), per ring its reference count (u32) and references (i32); then per shape
//! its label point (`geo::label_point`) as lon, lat (f64, both NaN for none) — computing those
//! at start-up was ≈ 13 ms on the main thread of every export and first frame (issue 21).

use super::label_point::largest_part_interior_point;
use super::mercator::mercator_from_lonlat;
use super::topology::{Arc, Topology, TopologyError, TopologyFile};

/// Version 2 added the label points; a version-1 file is damaged for this reader (the JSON is
/// read instead, as for any unusable binary).
const MAGIC: &[u8; 8] = b"GDATOPO2";

/// A 64-bit digest of the JSON the binary was made from: eight bytes at a time, so checking
/// 3.6 MB costs well under a millisecond. Not cryptographic: it tells a stale binary from the
/// JSON beside it, nothing more.
pub fn json_digest(json: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = json.len() as u64 ^ K;
    let mut words = json.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 31)
}

/// The binary form of a topology file; `json` is the text it was read from. Fails where the file
/// itself does not decode (the label points are computed on the decoded topology).
pub fn encode(file: &TopologyFile, json: &[u8]) -> Result<Vec<u8>, TopologyError> {
    let topology = Topology::from_file(file.clone())?;
    let vertices: usize = file.arcs.iter().map(|a| a.keep.len()).sum();
    let mut out = Vec::with_capacity(32 + vertices * 20 + file.shapes.len() * 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(json.len() as u64).to_le_bytes());
    out.extend_from_slice(&json_digest(json).to_le_bytes());
    push_u32(&mut out, file.arcs.len());
    for arc in &file.arcs {
        push_u32(&mut out, arc.keep.len());
        for &v in &arc.lonlat_e6 {
            out.extend_from_slice(&(v as i32).to_le_bytes());
        }
        for &k in &arc.keep {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for p in arc.lonlat_e6.chunks_exact(2) {
            let y = mercator_from_lonlat([p[0] as f64 * 1e-6, p[1] as f64 * 1e-6])[1];
            out.extend_from_slice(&y.to_le_bytes());
        }
    }
    push_u32(&mut out, file.shapes.len());
    for shape in &file.shapes {
        push_u32(&mut out, shape.code.len());
        out.extend_from_slice(shape.code.as_bytes());
        push_u32(&mut out, shape.polygons.len());
        for polygon in &shape.polygons {
            push_u32(&mut out, polygon.len());
            for ring in polygon {
                push_u32(&mut out, ring.len());
                for &r in ring {
                    out.extend_from_slice(&r.to_le_bytes());
                }
            }
        }
    }
    for shape in 0..topology.shapes.len() {
        let point = largest_part_interior_point(&topology, shape).unwrap_or([f64::NAN; 2]);
        out.extend_from_slice(&point[0].to_le_bytes());
        out.extend_from_slice(&point[1].to_le_bytes());
    }
    Ok(out)
}

fn push_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Why a binary topology was not used (the loader then reads the JSON).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BinError {
    #[error("made from another regions.topo.json (length or digest differ)")]
    Stale,
    #[error("damaged: {0}")]
    Damaged(String),
}

/// The topology of a binary made from exactly `json`; [`BinError::Stale`] for any other JSON.
pub fn decode(bytes: &[u8], json: &[u8]) -> Result<Topology, BinError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(8)? != MAGIC {
        return Err(BinError::Damaged("no GDATOPO2 signature".into()));
    }
    if r.u64()? != json.len() as u64 || r.u64()? != json_digest(json) {
        return Err(BinError::Stale);
    }
    let arc_count = r.count(8)?;
    let mut topology = Topology { arcs: Vec::with_capacity(arc_count), ..Topology::default() };
    for a in 0..arc_count {
        topology.arcs.push(r.arc().map_err(|e| BinError::Damaged(format!("arc {a}: {e}")))?);
    }
    let shape_count = r.count(12)?;
    topology.shapes.reserve(shape_count);
    for _ in 0..shape_count {
        let code = String::from_utf8(r.take_counted(1)?.to_vec())
            .map_err(|_| BinError::Damaged("a shape code is not UTF-8".into()))?;
        let mut polygons = Vec::new();
        for _ in 0..r.count(4)? {
            let mut rings = Vec::new();
            for _ in 0..r.count(4)? {
                let refs = r.take_counted(4)?;
                rings.push(
                    refs.chunks_exact(4)
                        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect(),
                );
            }
            if rings.is_empty() {
                return Err(BinError::Damaged(format!("shape {code}: a polygon has no rings")));
            }
            polygons.push(rings);
        }
        topology.push_shape(code, polygons).map_err(|e| BinError::Damaged(e.to_string()))?;
    }
    topology.label_points_lonlat.reserve(shape_count);
    for s in 0..shape_count {
        let point = r.label_point().map_err(|e| BinError::Damaged(format!("shape {s}: {e}")))?;
        topology.label_points_lonlat.push(point);
    }
    if r.at != bytes.len() {
        return Err(BinError::Damaged(format!(
            "{} bytes after the last shape",
            bytes.len() - r.at
        )));
    }
    Ok(topology)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BinError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| BinError::Damaged("cut short".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, BinError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, BinError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }

    /// A count of items of at least `min_bytes` each: more than the bytes left is damage (and
    /// never a huge allocation).
    fn count(&mut self, min_bytes: usize) -> Result<usize, BinError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(BinError::Damaged(format!("a count of {n} exceeds the file")));
        }
        Ok(n)
    }

    /// A u32 count followed by that many items of `item_bytes`.
    fn take_counted(&mut self, item_bytes: usize) -> Result<&'a [u8], BinError> {
        let n = self.count(item_bytes)?;
        self.take(n * item_bytes)
    }

    fn f64(&mut self) -> Result<f64, BinError> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }

    /// A shape's label point: lon/lat in range, or both NaN for none.
    fn label_point(&mut self) -> Result<Option<[f64; 2]>, String> {
        let (lon, lat) =
            (self.f64().map_err(|e| e.to_string())?, self.f64().map_err(|e| e.to_string())?);
        if lon.is_nan() && lat.is_nan() {
            return Ok(None);
        }
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("label point out of range: {lon}, {lat}"));
        }
        Ok(Some([lon, lat]))
    }

    fn arc(&mut self) -> Result<Arc, String> {
        let n = self.count(20).map_err(|e| e.to_string())?;
        if n < 2 {
            return Err("needs at least two vertices".into());
        }
        let (lonlat_e6, keep, mercator_y) = (self.take(8 * n), self.take(4 * n), self.take(8 * n));
        let (lonlat_e6, keep, mercator_y) = (
            lonlat_e6.map_err(|e| e.to_string())?,
            keep.map_err(|e| e.to_string())?,
            mercator_y.map_err(|e| e.to_string())?,
        );
        let i32_at = |b: &[u8], i: usize| {
            i32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
        };
        let lonlat: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                [i32_at(lonlat_e6, 2 * i) as f64 * 1e-6, i32_at(lonlat_e6, 2 * i + 1) as f64 * 1e-6]
            })
            .collect();
        if let Some(bad) = lonlat
            .iter()
            .find(|p| !(-180.0..=180.0).contains(&p[0]) || !(-90.0..=90.0).contains(&p[1]))
        {
            return Err(format!("coordinate out of range: {bad:?}"));
        }
        let keep =
            keep.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let mercator = lonlat
            .iter()
            .zip(mercator_y.chunks_exact(8))
            .map(|(p, y)| {
                [
                    (p[0] + 180.0) / 360.0,
                    f64::from_le_bytes([y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]]),
                ]
            })
            .collect();
        Ok(Arc { lonlat, mercator, keep })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::topology::{ArcFile, ShapeFile, FORMAT};

    fn small_file() -> TopologyFile {
        TopologyFile {
            format: FORMAT.into(),
            arcs: vec![
                ArcFile {
                    lonlat_e6: vec![
                        113_000_000,
                        23_000_000,
                        113_100_000,
                        23_000_000,
                        113_100_000,
                        23_100_000,
                    ],
                    keep: vec![1.0, 0.25, 1.0],
                },
                ArcFile {
                    lonlat_e6: vec![
                        113_100_000,
                        23_100_000,
                        113_000_000,
                        23_100_000,
                        113_000_000,
                        23_000_000,
                    ],
                    keep: vec![1.0, 0.5, 1.0],
                },
            ],
            shapes: vec![ShapeFile { code: "441204".into(), polygons: vec![vec![vec![0, 1]]] }],
        }
    }

    fn same(a: &Topology, b: &Topology) -> bool {
        let bits = |v: &[[f64; 2]]| {
            v.iter().flat_map(|p| [p[0].to_bits(), p[1].to_bits()]).collect::<Vec<_>>()
        };
        a.arcs.len() == b.arcs.len()
            && a.arcs.iter().zip(&b.arcs).all(|(x, y)| {
                bits(&x.lonlat) == bits(&y.lonlat)
                    && bits(&x.mercator) == bits(&y.mercator)
                    && x.keep == y.keep
            })
            && a.shapes.len() == b.shapes.len()
            && a.shapes.iter().zip(&b.shapes).all(|(x, y)| {
                x.code == y.code && x.polygons == y.polygons && x.bbox_mercator == y.bbox_mercator
            })
    }

    #[test]
    fn decodes_to_what_the_json_decodes_to_and_only_for_that_json() {
        let file = small_file();
        let json = serde_json::to_string(&file).expect("json");
        let bin = encode(&file, json.as_bytes()).expect("encodes");
        let from_json = Topology::from_file(file).expect("valid");
        let from_bin = decode(&bin, json.as_bytes()).expect("decodes");
        assert!(same(&from_bin, &from_json));
        // The stored label point is the one the JSON's topology gives, bit for bit.
        let computed = largest_part_interior_point(&from_json, 0).expect("a square has one");
        assert_eq!(from_bin.label_points_lonlat, vec![Some(computed)]);
        assert!(from_json.label_points_lonlat.is_empty(), "JSON carries no label points");
        let edited = json.replace("441204", "441205");
        assert_eq!(decode(&bin, edited.as_bytes()).err(), Some(BinError::Stale));
        for cut in [0, 7, 30, bin.len() - 1] {
            assert!(
                matches!(
                    decode(&bin[..cut], json.as_bytes()),
                    Err(BinError::Damaged(_)) | Err(BinError::Stale)
                ),
                "cut at {cut}"
            );
        }
        let mut longer = bin.clone();
        longer.push(0);
        assert!(matches!(decode(&longer, json.as_bytes()), Err(BinError::Damaged(_))));
    }

    #[test]
    fn a_huge_count_is_damage_not_an_allocation() {
        let file = small_file();
        let json = serde_json::to_string(&file).expect("json");
        let mut bin = encode(&file, json.as_bytes()).expect("encodes");
        bin[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(decode(&bin, json.as_bytes()), Err(BinError::Damaged(_))));
    }

    #[test]
    fn a_label_point_out_of_range_or_half_missing_is_damage() {
        let file = small_file();
        let json = serde_json::to_string(&file).expect("json");
        let good = encode(&file, json.as_bytes()).expect("encodes");
        let lat_at = good.len() - 8;
        for bad_lat in [f64::NAN, 95.0, f64::INFINITY] {
            let mut bin = good.clone();
            bin[lat_at..].copy_from_slice(&bad_lat.to_le_bytes());
            assert!(
                matches!(decode(&bin, json.as_bytes()), Err(BinError::Damaged(_))),
                "latitude {bad_lat}"
            );
        }
    }
}
