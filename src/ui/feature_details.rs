//! A feature of a user layer in the details panel and the tooltip: which layer, which row or
//! feature of the file, every attribute, and the town, county and city it lies in.
//!
//! The geometry lookups scan the layer's feature arrays once (a click, not a frame): linear in
//! the layer's size, never worse.

use egui::RichText;

use super::action::Action;
use crate::geo::bbox::Bbox;
use crate::geo::mercator::lonlat_from_mercator;
use crate::i18n::Lang;
use crate::layer::LayerData;
use crate::model::{Atlas, FeatureKey, Subject};
use crate::scene::user_layer::UserLayer;

/// The loaded layer a key points into (`None` once the layer was removed or reloaded).
pub fn find_layer<'a>(
    layers: &'a [std::sync::Arc<UserLayer>],
    key: &FeatureKey,
) -> Option<&'a UserLayer> {
    layers
        .iter()
        .find(|l| l.id == key.layer)
        .map(|l| &**l)
        .filter(|l| (key.feature as usize) < l.data.feature_count())
}

/// "sites.csv · row 17".
pub fn feature_title(layer: &UserLayer, feature: u32) -> String {
    format!("{} · {}", layer.data.name(), layer.data.feature_label(feature as usize))
}

/// The layer's name, then the label attribute's value, or else the first few attributes.
pub fn feature_tooltip(layer: &UserLayer, feature: u32, label_column: Option<usize>) -> String {
    let data = &layer.data;
    let row = feature as usize;
    let mut text = data.name();
    match label_column {
        Some(column) => {
            text.push('\n');
            text.push_str(data.attributes.get(row, column));
        }
        None => {
            for (name, value) in data.attributes.row(row).filter(|(_, v)| !v.is_empty()).take(3) {
                text.push_str(&format!("\n{name}: {value}"));
            }
        }
    }
    text
}

/// The details of a selected feature.
pub fn feature_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    layer: &UserLayer,
    feature: u32,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let data = &layer.data;
    let row = feature as usize;
    ui.heading(RichText::new(data.name()).size(20.0));
    let n = data.feature_source.get(row).copied().unwrap_or(feature);
    let which = match (data.source_is_row, lang) {
        (true, Lang::En) => format!("row {n}"),
        (false, Lang::En) => format!("feature {n}"),
        (true, Lang::Zh) => format!("第 {n} 行"),
        (false, Lang::Zh) => format!("第 {n} 个要素"),
    };
    ui.label(format!("{which} · {}", data.crs.describe_in(lang)));
    if let Some(lonlat) = feature_anchor_lonlat(data, feature) {
        region_links_ui(ui, atlas, lonlat, lang, actions);
    }
    ui.separator();
    egui::Grid::new(("feature_attributes", layer.id, feature)).striped(true).num_columns(2).show(
        ui,
        |ui| {
            for (name, value) in data.attributes.row(row) {
                ui.label(RichText::new(name).strong());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        },
    );
}

/// "In: 金利镇 › 高要区 › 肇庆市", each a link as in the other details.
fn region_links_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    lonlat: [f64; 2],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let at = atlas.at(lonlat);
    let chain: Vec<usize> = [at.town, at.county, at.city].into_iter().flatten().collect();
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick("In:", "所在："));
        if chain.is_empty() {
            ui.label(RichText::new(lang.pick("outside Guangdong", "广东省外")).weak());
        }
        for (k, &idx) in chain.iter().enumerate() {
            if k > 0 {
                ui.label("›");
            }
            let r = &atlas.regions[idx];
            if ui.link(lang.name(&r.name_en, &r.name_zh)).clicked() {
                actions.push(Action::Focus(Subject::Region(r.code.clone())));
            }
        }
    });
    ui.label(RichText::new(format!("{:.5}°E {:.5}°N", lonlat[0], lonlat[1])).weak().small());
}

/// Where a feature "is": its (first) point, its polygon's interior point, or its line's midpoint.
pub fn feature_anchor_lonlat(data: &LayerData, feature: u32) -> Option<[f64; 2]> {
    if let Some(i) = data.points.feature.iter().position(|&f| f == feature) {
        return Some(lonlat_from_mercator(data.points.mercator[i]));
    }
    if let Some(shape) = data.shape_feature.iter().position(|&f| f == feature) {
        let polygon = data.topology.shapes[shape].polygons.first()?;
        let rings: Vec<Vec<[f64; 2]>> =
            polygon.iter().map(|ring| data.topology.ring_lonlat(ring)).collect();
        return interior_point(&rings);
    }
    let arc = data.line_feature.iter().position(|&f| f == feature)?;
    Some(midpoint(&data.topology.arcs[arc].lonlat))
}

/// The mercator box of a feature's geometry (every part).
pub fn feature_bbox_mercator(data: &LayerData, feature: u32) -> Bbox {
    let mut bbox = Bbox::EMPTY;
    for (p, _) in
        data.points.mercator.iter().zip(&data.points.feature).filter(|(_, &f)| f == feature)
    {
        bbox.extend(*p);
    }
    for (arc, _) in data.line_feature.iter().enumerate().filter(|(_, &f)| f == feature) {
        bbox = bbox.union(Bbox::from_points(&data.topology.arcs[arc].mercator));
    }
    for (shape, _) in data.shape_feature.iter().enumerate().filter(|(_, &f)| f == feature) {
        bbox = bbox.union(data.topology.shapes[shape].bbox_mercator);
    }
    bbox
}

/// A point inside a polygon (rings open, exterior first): the middle of the widest inside span
/// of the horizontal line through the middle of its box. Even-odd, so holes are respected.
pub fn interior_point(rings_lonlat: &[Vec<[f64; 2]>]) -> Option<[f64; 2]> {
    let bbox = Bbox::from_points(rings_lonlat.iter().flatten());
    if bbox.is_empty() {
        return None;
    }
    let y = (bbox.min[1] + bbox.max[1]) / 2.0;
    let mut xs: Vec<f64> = Vec::new();
    for ring in rings_lonlat {
        for k in 0..ring.len() {
            let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
            if (a[1] > y) != (b[1] > y) {
                xs.push(a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]));
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    let widest = xs.chunks_exact(2).max_by(|p, q| (p[1] - p[0]).total_cmp(&(q[1] - q[0])))?;
    Some([(widest[0] + widest[1]) / 2.0, y])
}

/// The point half-way along a polyline.
fn midpoint(lonlat: &[[f64; 2]]) -> [f64; 2] {
    let seg = |w: &[[f64; 2]]| ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt();
    let half = lonlat.windows(2).map(seg).sum::<f64>() / 2.0;
    let mut walked = 0.0;
    for w in lonlat.windows(2) {
        let len = seg(w);
        if walked + len >= half && len > 0.0 {
            let t = (half - walked) / len;
            return [w[0][0] + t * (w[1][0] - w[0][0]), w[0][1] + t * (w[1][1] - w[0][1])];
        }
        walked += len;
    }
    lonlat.first().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::{Crs, LayerBuilder};

    #[test]
    fn interior_point_avoids_the_hole_and_the_notch() {
        // A U shape: the box centre (5, 5) lies in the notch, outside the polygon.
        let u = vec![vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [7.0, 10.0],
            [7.0, 3.0],
            [3.0, 3.0],
            [3.0, 10.0],
            [0.0, 10.0],
        ]];
        let p = interior_point(&u).expect("a point");
        assert!(crate::geo::pip::point_in_polygon(p, &u), "{p:?}");
        let with_hole = vec![
            vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
            vec![[2.0, 2.0], [8.0, 2.0], [8.0, 8.0], [2.0, 8.0]],
        ];
        let p = interior_point(&with_hole).expect("a point");
        assert!(crate::geo::pip::point_in_polygon(p, &with_hole), "{p:?}");
    }

    #[test]
    fn anchors_of_points_lines_and_polygons() {
        let mut b = LayerBuilder::new(
            "x.geojson".into(),
            "GeoJSON".into(),
            Crs::Wgs84,
            vec!["id".into()],
            false,
        );
        let p = b.push_feature(0, ["p"]);
        b.push_point(p, [113.5, 23.5]);
        let l = b.push_feature(1, ["l"]);
        b.push_line(l, vec![[113.0, 23.0], [113.2, 23.0]]);
        let g = b.push_feature(2, ["g"]);
        b.push_polygons(
            g,
            vec![vec![vec![
                [112.0, 22.0],
                [112.2, 22.0],
                [112.2, 22.2],
                [112.0, 22.2],
                [112.0, 22.0],
            ]]],
        );
        let d = b.finish();
        let near =
            |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() < 1e-6 && (a[1] - b[1]).abs() < 1e-6;
        assert!(near(feature_anchor_lonlat(&d, p).expect("point"), [113.5, 23.5]));
        assert!(near(feature_anchor_lonlat(&d, l).expect("line"), [113.1, 23.0]));
        assert!(near(feature_anchor_lonlat(&d, g).expect("polygon"), [112.1, 22.1]));
        assert!(!feature_bbox_mercator(&d, g).is_empty());
        assert_eq!(feature_anchor_lonlat(&d, 9), None);
    }
}
