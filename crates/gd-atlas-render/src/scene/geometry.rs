//! Everything about the atlas geometry the scene needs that is computed once per atlas:
//! level-of-detail caches, which levels use each arc, and label points.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use super::basemap::Basemap;
use super::lod_cache::LodCache;
use crate::geo::label_point::largest_part_interior_point;
use crate::geo::mercator::mercator_from_lonlat;
use crate::geo::topology::arc_ref;
use crate::model::{Atlas, GeometryKind, Level};

/// Bits of [`SceneGeometry::arc_levels`].
pub const ARC_PROVINCE: u8 = 1;
pub const ARC_CITY: u8 = 2;
pub const ARC_COUNTY: u8 = 4;
pub const ARC_TOWN_REAL: u8 = 8;
pub const ARC_TOWN_APPROX: u8 = 16;

pub struct SceneGeometry {
    pub regions_lod: LodCache,
    pub basemap: Basemap,
    pub basemap_lod: LodCache,
    /// For each region arc, the levels whose shapes use it (bit set of `ARC_*`).
    pub arc_levels: Vec<u8>,
    /// Mercator bounding box of each region arc, for culling.
    pub arc_bbox_mercator: Vec<[f64; 4]>,
    /// Each atlas line (`atlas.lines`, same order) in mercator, projected once: scenes cut and
    /// thin it per view (`build::line_parts_in_view`) instead of projecting every vertex again.
    pub lines_mercator: Vec<Vec<[f64; 2]>>,
    /// Label point of each region (lon/lat), computed on first use.
    label_points: Vec<OnceLock<Option<[f64; 2]>>>,
    /// Bit `lod` set when every fill of that level is triangulated (see [`SceneGeometry::warm`]).
    warmed: AtomicU32,
}

pub fn level_bit(level: Level, geometry: GeometryKind) -> u8 {
    match level {
        Level::Province => ARC_PROVINCE,
        Level::City => ARC_CITY,
        Level::County => ARC_COUNTY,
        Level::Town if geometry == GeometryKind::Approximate => ARC_TOWN_APPROX,
        Level::Town => ARC_TOWN_REAL,
    }
}

impl SceneGeometry {
    pub fn new(atlas: &Atlas, basemap: Basemap) -> Self {
        let topology = &atlas.topology;
        let mut arc_levels = vec![0u8; topology.arcs.len()];
        for region in &atlas.regions {
            let Some(shape) = region.shape else { continue };
            let bit = level_bit(region.level, region.geometry);
            for r in topology.shapes[shape].polygons.iter().flatten().flatten() {
                arc_levels[arc_ref(*r).0] |= bit;
            }
        }
        let arc_bbox_mercator = topology
            .arcs
            .iter()
            .map(|a| {
                a.mercator.iter().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, p| {
                    [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
                })
            })
            .collect();
        SceneGeometry {
            arc_bbox_mercator,
            lines_mercator: atlas
                .lines
                .iter()
                .map(|l| l.lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect())
                .collect(),
            regions_lod: LodCache::new(topology),
            basemap_lod: LodCache::new(&basemap.topology),
            basemap,
            arc_levels,
            label_points: (0..atlas.regions.len()).map(|_| OnceLock::new()).collect(),
            warmed: AtomicU32::new(0),
        }
    }

    /// Triangulates every shape that can be filled (province, cities, basemap areas) at one level
    /// of detail. Large polygons take tens of milliseconds each to triangulate at fine levels, so
    /// the window runs this on a background thread ahead of the user's zooming instead of
    /// stalling a frame.
    pub fn warm(&self, atlas: &Atlas, lod: u8) {
        for level in [Level::Province, Level::City] {
            for &idx in atlas.regions_of_level(level) {
                if let Some(shape) = atlas.regions[idx].shape {
                    self.regions_lod.shape(&atlas.topology, lod, shape).triangles();
                }
            }
        }
        for shape in 0..self.basemap.topology.shapes.len() {
            self.basemap_lod.shape(&self.basemap.topology, lod, shape).triangles();
        }
        self.warmed.fetch_or(1 << lod, Ordering::Release);
    }

    pub fn is_warm(&self, lod: u8) -> bool {
        self.warmed.load(Ordering::Acquire) & (1 << lod) != 0
    }

    /// Where a region's name goes: the town seat when known, else an interior point of its
    /// largest part (`geo::label_point`): stored by the asset build for the shipped shapes,
    /// computed on first use for the others (a user's town file, a topology read from JSON).
    pub fn label_point(&self, atlas: &Atlas, region: usize) -> Option<[f64; 2]> {
        *self.label_points[region].get_or_init(|| {
            let r = &atlas.regions[region];
            if r.level == Level::Town {
                if let Some(seat) = r.seat_lonlat {
                    return Some(seat);
                }
            }
            let shape = r.shape?;
            match atlas.topology.label_points_lonlat.get(shape) {
                Some(stored) => *stored,
                None => largest_part_interior_point(&atlas.topology, shape),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    /// The label points the asset build stores are made at the tolerance of level 10.
    #[test]
    fn label_points_use_the_tolerance_of_level_ten() {
        assert_eq!(
            crate::geo::label_point::TOLERANCE_MERCATOR,
            super::super::lod_cache::tolerance_for_lod(10)
        );
    }
}
