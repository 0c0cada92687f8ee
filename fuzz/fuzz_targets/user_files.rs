//! A planner's own files; the first byte picks how the rest is read:
//! 0: `table::parse_table` (themes and `join`: UTF-8, GBK, UTF-16, workbooks) and, when it
//!    parses, the join to the atlas' regions;
//! 1, 2: a CSV or XLSX layer; 3, 4, 5: a GeoJSON layer in WGS84, GCJ-02 or BD-09
//!    (`layer::load::load_layer`, the streaming readers, with the coordinate checks and
//!    conversions).
#![no_main]

use gd_atlas::layer::crs::Crs;
use gd_atlas::layer::load::{load_layer, LoadProgress};
use gd_atlas::layer::LayerSpec;
use gd_atlas::table::parse_table;
use gd_atlas::theme::guess::Overrides;
use gd_atlas::theme::join::join_table;
use gd_atlas_fuzz::{atlas, scratch_file, select};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((mode, content)) = select(data, 6) else { return };
    if mode == 0 {
        if let Ok(table) = parse_table(content, "fuzz.csv", None) {
            let _ = join_table(atlas(), &table, &Overrides::default());
        }
        return;
    }
    let (name, crs) = match mode {
        1 => ("layer.csv", Crs::Wgs84),
        2 => ("layer.xlsx", Crs::Wgs84),
        3 => ("layer.geojson", Crs::Wgs84),
        4 => ("layer.geojson", Crs::Gcj02),
        _ => ("layer.geojson", Crs::Bd09),
    };
    let spec = LayerSpec::new(scratch_file(name, content), crs);
    if let Err(e) = load_layer(&spec, &LoadProgress::default()) {
        assert!(!e.0.contains('\n'), "multi-line error: {}", e.0);
    }
});
