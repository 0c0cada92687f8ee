//! `assets/geo/regions.topo.json`: decoded as the loader does, then every ring drawn at several
//! levels of detail in both spaces (what the scene and the exact queries do with it).
#![no_main]

use gd_atlas::geo::topology::{Space, Topology, TopologyFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice::<TopologyFile>(data) else { return };
    let Ok(topology) = Topology::from_file(file) else { return };
    let mut out = Vec::new();
    for (index, shape) in topology.shapes.iter().enumerate() {
        for tolerance in [0.0, 1e-4, 1e-2, f32::INFINITY] {
            let _ = topology.vertex_count(index, tolerance);
            for ring in shape.polygons.iter().flatten() {
                out.clear();
                topology.ring_into(ring, tolerance, Space::Mercator, &mut out);
            }
        }
        for ring in shape.polygons.iter().flatten() {
            let _ = topology.ring_lonlat(ring);
        }
    }
});
