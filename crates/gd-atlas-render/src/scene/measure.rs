//! The measure tool's geometry as a scene item: a path of great-circle segments with its
//! lengths, and a ring of N km around a point (e.g. "an hour's reach"). Built by `build_scene`
//! like every other item, so the window and the PNG, SVG and PDF figures draw the same thing.

use crate::geo::great_circle::{circle, densify, distance_km, path_length_km};
use crate::geo::mercator::mercator_from_lonlat;

/// Vertices of a drawn ring: smooth at any zoom the window allows.
pub const RING_VERTICES: usize = 128;
/// Segments are drawn as great circles, with a vertex about this often (km).
const DENSIFY_STEP_KM: f64 = 5.0;

/// What the user measured: the clicked vertices (WGS84) and an optional ring.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measure {
    pub path_lonlat: Vec<[f64; 2]>,
    pub ring: Option<Ring>,
}

/// A geodesic circle: every point `radius_km` from the centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    pub center_lonlat: [f64; 2],
    pub radius_km: f64,
}

impl Measure {
    pub fn is_empty(&self) -> bool {
        self.path_lonlat.is_empty() && self.ring.is_none()
    }

    /// Length of each segment, km, in order.
    pub fn segments_km(&self) -> Vec<f64> {
        self.path_lonlat.windows(2).map(|w| distance_km(w[0], w[1])).collect()
    }

    pub fn total_km(&self) -> f64 {
        path_length_km(&self.path_lonlat)
    }
}

/// A text placed at a mercator position (it keeps its size on screen).
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureLabel {
    pub mercator: [f64; 2],
    pub text: String,
}

/// The measure as drawn: the path (densified along great circles), its vertices, the ring, and
/// their labels — the total at the last vertex, each segment at its middle when there are
/// several, the radius at the ring's northernmost point.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureItem {
    pub path_mercator: Vec<[f64; 2]>,
    pub vertices_mercator: Vec<[f64; 2]>,
    pub ring_mercator: Vec<[f64; 2]>,
    pub center_mercator: Option<[f64; 2]>,
    pub labels: Vec<MeasureLabel>,
}

/// A length as people read it: two decimals under 10 km, one under 100, none above.
pub fn format_km(km: f64) -> String {
    if km < 10.0 {
        format!("{km:.2} km")
    } else if km < 100.0 {
        format!("{km:.1} km")
    } else {
        format!("{km:.0} km")
    }
}

/// The item for a measure (`None` when there is nothing to draw). The total is written out in
/// the figure's language (the embedded font has no `Σ`, so a figure must not rely on it).
pub fn measure_item(measure: &Measure, lang: crate::i18n::Lang) -> Option<MeasureItem> {
    if measure.is_empty() {
        return None;
    }
    let path = &measure.path_lonlat;
    let mut path_mercator = Vec::new();
    for (i, w) in path.windows(2).enumerate() {
        let part = densify(w[0], w[1], DENSIFY_STEP_KM);
        // Consecutive segments share their joining vertex.
        path_mercator.extend(part.into_iter().skip(usize::from(i > 0)).map(mercator_from_lonlat));
    }
    let mut labels = Vec::new();
    let segments = measure.segments_km();
    if segments.len() > 1 {
        for (w, km) in path.windows(2).zip(&segments) {
            let mid = densify(w[0], w[1], distance_km(w[0], w[1]) / 2.0);
            let middle = mid.get(1).copied().unwrap_or(w[0]);
            labels.push(MeasureLabel {
                mercator: mercator_from_lonlat(middle),
                text: format_km(*km),
            });
        }
    }
    if let Some(&last) = path.last().filter(|_| path.len() > 1) {
        labels.push(MeasureLabel {
            mercator: mercator_from_lonlat(last),
            text: format!("{} {}", lang.pick("total", "总计"), format_km(measure.total_km())),
        });
    }
    let (ring_mercator, center_mercator) = match &measure.ring {
        Some(ring) => {
            let pts: Vec<[f64; 2]> = circle(ring.center_lonlat, ring.radius_km, RING_VERTICES)
                .into_iter()
                .map(mercator_from_lonlat)
                .collect();
            // Point 0 is due north of the centre (bearing 0).
            labels.push(MeasureLabel {
                mercator: pts[0],
                text: format!("r = {}", format_km(ring.radius_km)),
            });
            (pts, Some(mercator_from_lonlat(ring.center_lonlat)))
        }
        None => (Vec::new(), None),
    };
    Some(MeasureItem {
        path_mercator,
        vertices_mercator: path.iter().map(|&p| mercator_from_lonlat(p)).collect(),
        ring_mercator,
        center_mercator,
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_path_gets_its_total_and_segment_labels() {
        let m = Measure {
            path_lonlat: vec![[113.26, 23.13], [114.06, 22.54], [114.3, 22.7]],
            ring: None,
        };
        let item = measure_item(&m, Lang::En).expect("item");
        assert_eq!(item.vertices_mercator.len(), 3);
        assert!(item.path_mercator.len() > 20, "densified along great circles");
        assert_eq!(item.path_mercator.first(), Some(&mercator_from_lonlat([113.26, 23.13])));
        assert_eq!(item.path_mercator.last(), Some(&mercator_from_lonlat([114.3, 22.7])));
        let texts: Vec<&str> = item.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[2], format!("total {}", format_km(m.total_km())));
        assert!(item.ring_mercator.is_empty());
        let zh = measure_item(&m, Lang::Zh).expect("item");
        assert!(zh.labels[2].text.starts_with("总计 "));
        // Every label must be drawable by the figures' embedded font (no tofu boxes).
        let face = crate::render::text::typeface().expect("font");
        for label in item.labels.iter().chain(&zh.labels) {
            assert!(
                face.missing_chars(&label.text).is_empty(),
                "{:?} has glyphs the font lacks",
                label.text
            );
        }
    }

    #[test]
    fn a_ring_alone_is_drawn_with_its_radius() {
        let m = Measure {
            path_lonlat: Vec::new(),
            ring: Some(Ring { center_lonlat: [113.26, 23.13], radius_km: 80.0 }),
        };
        let item = measure_item(&m, Lang::En).expect("item");
        assert_eq!(item.ring_mercator.len(), RING_VERTICES);
        assert_eq!(item.labels.len(), 1);
        assert_eq!(item.labels[0].text, "r = 80.0 km");
        assert!(measure_item(&Measure::default(), Lang::En).is_none());
    }

    #[test]
    fn lengths_read_naturally() {
        assert_eq!(format_km(3.456), "3.46 km");
        assert_eq!(format_km(42.04), "42.0 km");
        assert_eq!(format_km(104.2), "104 km");
    }
}
