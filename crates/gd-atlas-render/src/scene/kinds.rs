//! The catalogue of kinds: how each place kind and each expressway status is drawn — its
//! symbol, colour and layer toggle — described once. The scene's markers and lines, the layer
//! a marker belongs to, and the legend rows all come from here; the names come from
//! `gd_atlas_core::model::kinds`. Adding a place kind means a row here, a row there, and the
//! data (see ARCHITECTURE.md, "Adding a kind").

use super::layers::LayerId;
use super::style::{rgb, Color, Dash, LineStyle, MarkerShape};
use crate::model::{PlaceKind, Status};

/// How a place kind is drawn.
#[derive(Clone, Copy, Debug)]
pub struct PlaceSymbol {
    pub kind: PlaceKind,
    pub shape: MarkerShape,
    /// The fill of an existing place; `status_alpha` pales it for the other statuses.
    pub fill: Color,
    /// The layer toggle that shows or hides its markers.
    pub layer: LayerId,
}

/// The symbol of `kind`. An exhaustive match, so the compiler refuses a place kind added to
/// the model without its symbol (an indexed table of hand-counted length panicked at the first
/// such place drawn). Kinds that share a shape and colour share a legend row.
pub const fn place_symbol(kind: PlaceKind) -> PlaceSymbol {
    use MarkerShape::{Circle, Diamond, Square, Triangle};
    let (shape, fill, layer) = match kind {
        PlaceKind::IndustrialPark => (Square, rgb(0x6a, 0x3d, 0x9a), LayerId::Parks),
        PlaceKind::LogisticsHub => (Diamond, rgb(0x00, 0x7f, 0x7f), LayerId::Logistics),
        PlaceKind::Port => (Diamond, rgb(0x1f, 0x5f, 0xa8), LayerId::Logistics),
        PlaceKind::Airport => (Triangle, rgb(0x1f, 0x5f, 0xa8), LayerId::Logistics),
        PlaceKind::Expressway | PlaceKind::Road => {
            (Circle, rgb(0xc0, 0x39, 0x2b), LayerId::Expressways)
        }
        PlaceKind::Town | PlaceKind::Other => (Circle, rgb(0x55, 0x55, 0x55), LayerId::OtherPlaces),
    };
    PlaceSymbol { kind, shape, fill, layer }
}

/// Every place kind's symbol, in the order of `PlaceKind::ALL` (the legend's order).
pub const PLACE_SYMBOLS: [PlaceSymbol; PlaceKind::ALL.len()] = {
    let mut out = [place_symbol(PlaceKind::ALL[0]); PlaceKind::ALL.len()];
    let mut i = 1;
    while i < out.len() {
        out[i] = place_symbol(PlaceKind::ALL[i]);
        i += 1;
    }
    out
};

/// A marker's fill opacity by status: planned places paler, so status reads at a glance.
pub fn status_alpha(status: Status) -> u8 {
    match status {
        Status::Existing => 255,
        Status::UnderConstruction => 200,
        Status::Planned => 110,
    }
}

/// Expressway lines by status: built solid, under construction dashed, planned dotted.
pub fn expressway_line(status: Status) -> LineStyle {
    match status {
        Status::Existing => {
            LineStyle { width: 3.5, color: rgb(0xc0, 0x39, 0x2b), dash: Dash::Solid }
        }
        Status::UnderConstruction => LineStyle {
            width: 3.5,
            color: rgb(0xe0, 0x6c, 0x12),
            dash: Dash::Dashed { on: 10.0, off: 6.0 },
        },
        Status::Planned => LineStyle {
            width: 3.0,
            color: rgb(0x8e, 0x44, 0xad),
            dash: Dash::Dotted { spacing: 6.0 },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user's layer in its default colour is never taken for one of the atlas's markers or
    /// expressways (the first default was the expressways' red): every default colour is far
    /// (RGB distance ≥ 90) from every atlas symbol and line colour.
    #[test]
    fn user_layer_defaults_differ_from_the_atlas_colours() {
        let atlas: Vec<Color> = PLACE_SYMBOLS
            .iter()
            .map(|s| s.fill)
            .chain(
                [Status::Existing, Status::UnderConstruction, Status::Planned]
                    .map(|s| expressway_line(s).color),
            )
            .collect();
        for i in 0..crate::layer::style::USER_LAYER_COLOURS.len() {
            let c = crate::layer::style::default_layer_color(i);
            for a in &atlas {
                let d = (0..3).map(|k| (c[k] as f32 - a[k] as f32).powi(2)).sum::<f32>().sqrt();
                assert!(d >= 90.0, "layer {i}'s default {c:?} is {d:.0} from the atlas's {a:?}");
            }
        }
    }

    #[test]
    fn the_catalogue_is_in_the_enums_order() {
        for (i, kind) in PlaceKind::ALL.iter().enumerate() {
            assert_eq!(PLACE_SYMBOLS[i].kind, *kind);
        }
    }
}
