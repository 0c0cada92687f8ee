//! `export --view TEXT`, `--measure` and `--ring`: a saved view rendered exactly (same centre,
//! zoom, layers, selection, theme and user layers; the extent follows the view at the export's
//! size), and the measure tool's path and ring drawn as in the window.

use super::export::Args;
use super::Failure;
use crate::layer::LayerSpec;
use crate::model::{FeatureKey, Subject};
use crate::scene::measure::{Measure, Ring};
use crate::scene::saved_view::{SavedView, ViewSelection};

/// The view of `--view`, checked against the flags it replaces (they cannot be combined).
pub fn view_from(args: &Args) -> Result<Option<SavedView>, Failure> {
    let Some(text) = &args.view else { return Ok(None) };
    let view = SavedView::from_text(text).map_err(|e| Failure::usage(format!("--view: {e}")))?;
    let replaced = [
        ("--region", args.region.is_some()),
        ("--bbox", args.bbox.is_some()),
        ("--layers", args.layers.is_some()),
        ("--highlight", args.highlight.is_some()),
        ("--theme", args.theme.is_some()),
        ("--theme-builtin", args.theme_builtin.is_some()),
    ];
    if let Some((flag, _)) = replaced.iter().find(|(_, given)| *given) {
        return Err(Failure::usage(format!(
            "{flag} cannot be combined with --view (the view sets it)"
        )));
    }
    Ok(Some(view))
}

/// The `--layer` specs plus the view's visible user layers not among them (read as WGS84; give
/// the file with `--layer FILE --layer-crs …` to read it from another system).
pub fn with_view_layers(mut specs: Vec<LayerSpec>, view: Option<&SavedView>) -> Vec<LayerSpec> {
    for path in view.map(|v| v.user_layers_visible.as_slice()).unwrap_or_default() {
        if !specs.iter().any(|s| &s.path == path) {
            specs.push(LayerSpec::new(path.clone(), Default::default()));
        }
    }
    specs
}

/// The view's selection as a subject; a user feature names its layer by the order the layers are
/// loaded in (`export::load_user_layers` numbers them from 1).
pub fn view_highlight(view: &SavedView, specs: &[LayerSpec]) -> Option<Subject> {
    Some(match view.selection.as_ref()? {
        ViewSelection::Region(code) => Subject::Region(code.clone()),
        ViewSelection::Place(id) => Subject::Place(id.clone()),
        ViewSelection::Line(id) => Subject::Line(id.clone()),
        ViewSelection::Feature { path, feature } => {
            let i = specs.iter().position(|s| &s.path == path)?;
            Subject::Feature(FeatureKey { layer: i as u64 + 1, feature: *feature })
        }
    })
}

/// `--measure "LON,LAT;LON,LAT;…"` and `--ring LON,LAT,KM` (`None` when neither is given).
pub fn measure_from(args: &Args) -> Result<Option<Measure>, Failure> {
    let path_lonlat = match &args.measure {
        Some(text) => {
            parse_path(text).map_err(|e| Failure::usage(format!("--measure {text:?}: {e}")))?
        }
        None => Vec::new(),
    };
    let ring = args
        .ring
        .as_deref()
        .map(|text| parse_ring(text).map_err(|e| Failure::usage(format!("--ring {text:?}: {e}"))))
        .transpose()?;
    let measure = Measure { path_lonlat, ring };
    Ok((!measure.is_empty()).then_some(measure))
}

fn parse_lonlat(text: &str) -> Result<[f64; 2], String> {
    let mut it = text.split(',').map(|v| v.trim().parse::<f64>());
    match (it.next(), it.next(), it.next()) {
        (Some(Ok(lon)), Some(Ok(lat)), None)
            if (-180.0..=180.0).contains(&lon) && (-85.0..=85.0).contains(&lat) =>
        {
            Ok([lon, lat])
        }
        _ => Err(format!("{text:?} is not LON,LAT in degrees")),
    }
}

fn parse_path(text: &str) -> Result<Vec<[f64; 2]>, String> {
    let points: Vec<[f64; 2]> = text
        .split(';')
        .filter(|p| !p.trim().is_empty())
        .map(parse_lonlat)
        .collect::<Result<_, _>>()?;
    if points.len() < 2 {
        return Err("a path needs at least two points LON,LAT;LON,LAT".into());
    }
    Ok(points)
}

fn parse_ring(text: &str) -> Result<Ring, String> {
    let (point, km) = text.rsplit_once(',').ok_or("expected LON,LAT,KM")?;
    let radius_km: f64 =
        km.trim().parse().map_err(|_| format!("radius {km:?} is not a number of km"))?;
    if !(radius_km > 0.0 && radius_km <= 5000.0) {
        return Err(format!("radius {km:?} must be more than 0 and at most 5000 km"));
    }
    Ok(Ring { center_lonlat: parse_lonlat(point)?, radius_km })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_and_ring_flags_parse_or_say_why() {
        assert_eq!(
            parse_path("113.26,23.13; 114.06,22.54"),
            Ok(vec![[113.26, 23.13], [114.06, 22.54]])
        );
        assert!(parse_path("113.26,23.13").is_err_and(|e| e.contains("two points")));
        assert!(parse_path("113.26,23.13;x,1").is_err_and(|e| e.contains("LON,LAT")));
        assert_eq!(
            parse_ring("113.26,23.13,80"),
            Ok(Ring { center_lonlat: [113.26, 23.13], radius_km: 80.0 })
        );
        assert!(parse_ring("113.26,23.13,-5").is_err_and(|e| e.contains("more than 0")));
        assert!(parse_ring("113.26,80").is_err());
    }
}
