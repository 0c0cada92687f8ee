//! The asset build: converts the raw inputs in `../shared` into the committed files of the data
//! contract (`data/`, `assets/geo/`). The only code that reads `../shared`.
//!
//! A workspace member of its own (not part of the app library): the shipped binary carries none
//! of it, and `cargo test` at the repository root does not compile it or its dependencies
//! (`pinyin`). It shares with the app, through the `gd-atlas` library, everything both sides must
//! agree on: mercator, Douglas–Peucker importance, the topology format, the GeoJSON decoder, the
//! bounding box and the model's enum spellings. Test it with `cargo test -p gd-atlas-build`.
//!
//! Deterministic by construction: inputs are sorted, maps are ordered, and numbers are written
//! with fixed precision, so the same inputs give byte-identical outputs.

pub mod basemap;
pub mod cells;
pub mod census;
pub mod checks;
pub mod corrections;
pub mod documents;
pub mod exceptions;
pub mod gazetteer;
pub mod io;
pub mod names;
pub mod regions;
pub mod shapes;
pub mod topo;
pub mod towns;
pub mod translations;
pub mod voronoi;

use std::path::Path;
use std::time::Instant;

use gd_atlas_core::model::GeometryKind;
use io::BuildResult;

/// Runs the whole build from `shared` into the crate root `out` (which holds `data/` and `assets/`).
pub fn run(shared: &Path, out: &Path) -> BuildResult<()> {
    let started = Instant::now();
    let data = out.join("data");

    let docs = documents::build(shared, &data)?;
    println!("documents: {} articles copied", docs.len());

    let regions = regions::load(shared)?;
    let places = gazetteer::build_places(shared, &regions, &data)?;
    let lines = gazetteer::build_lines(shared, &places, &data)?;
    let indicators = gazetteer::build_indicators(shared, &places, &regions, &docs, &data)?;
    let excerpts = gazetteer::build_excerpts(shared, &places, &docs, &data)?;
    let checked = exceptions::build(&places, &regions, &data)?;
    println!(
        "gazetteer: {} places ({} with represents), {} lines, {} indicators, {} excerpts; {} located markers checked",
        places.len(),
        places.iter().filter(|p| !p.represents.is_empty()).count(),
        lines,
        indicators,
        excerpts,
        checked
    );

    let shapes = shapes::build(&regions)?;
    let tiling = checks::check(&regions, &shapes)?;
    println!("{tiling}");
    let built = topo::build(&shapes.shapes);
    topo::verify(&built.json, &shapes.shapes)?;
    let topo_path = out.join("assets/geo/regions.topo.json");
    io::write_text(&topo_path, &built.json)?;
    io::write_bytes(&out.join("assets/geo/regions.topo.bin"), &topo::binary(&built.json)?)?;
    println!(
        "topology: {} shapes, {} ring vertices -> {} unique arcs with {} vertices ({} shared-border vertices inserted), {} bytes",
        built.shapes, built.ring_vertices, built.arcs, built.arc_vertices, shapes.inserted, built.json.len()
    );
    regions::write(&regions, &data.join("regions.csv"))?;
    let count = |g: GeometryKind| regions.towns.iter().filter(|t| t.geometry == g).count();
    println!(
        "regions: 1 province, {} cities, {} counties, {} towns ({} real, {} approximate, {} none; {} codes merged as aliases)",
        regions.cities.len(),
        regions.counties.len(),
        regions.towns.len(),
        count(GeometryKind::Real),
        count(GeometryKind::Approximate),
        count(GeometryKind::None),
        regions.towns.iter().map(|t| t.alias_codes.len()).sum::<usize>()
    );
    let layers = basemap::build(shared, out)?;
    let total: usize = layers.iter().map(|l| l.2).sum();
    let list: Vec<String> =
        layers.iter().map(|(f, n, b)| format!("{f} {n} features {b} bytes")).collect();
    println!("basemap: {}; total {total} bytes", list.join(", "));
    println!("{}", census::build(shared, &data)?);
    let town_list = shared.join("geo/boundaries/guangdong_towns_list.csv");
    io::write_text(&out.join("assets/geo/town_code_list.csv"), &io::read_text(&town_list)?)?;
    println!("town code list copied verbatim");
    println!("build finished in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
