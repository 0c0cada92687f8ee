//! Map furniture computed once for the window and the exports: the scale bar's round length.

/// A scale bar: a round ground length and its length in screen units at the view's centre.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    pub metres: f64,
    pub length_screen: f32,
    pub label: String,
}

/// The longest round length (1, 2 or 5 × 10ⁿ m) that fits in `max_length_screen`, using the true
/// ground distance per screen unit at the centre latitude (`metres_per_screen`).
pub fn scale_bar(metres_per_screen: f64, max_length_screen: f32) -> Option<ScaleBar> {
    if !(metres_per_screen.is_finite() && metres_per_screen > 0.0 && max_length_screen > 1.0) {
        return None;
    }
    let max_metres = metres_per_screen * max_length_screen as f64;
    let mut best = None;
    let mut magnitude = 1.0;
    while magnitude <= 1e7 {
        for step in [1.0, 2.0, 5.0] {
            let metres = step * magnitude;
            if metres <= max_metres {
                best = Some(metres);
            }
        }
        magnitude *= 10.0;
    }
    let metres = best?;
    let label =
        if metres >= 1000.0 { format!("{} km", metres / 1000.0) } else { format!("{metres} m") };
    Some(ScaleBar { metres, length_screen: (metres / metres_per_screen) as f32, label })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_round_lengths() {
        let bar = scale_bar(100.0, 180.0).expect("bar");
        assert_eq!(bar.metres, 10_000.0);
        assert_eq!(bar.label, "10 km");
        assert!((bar.length_screen - 100.0).abs() < 1e-3);
        let bar = scale_bar(430.0, 200.0).expect("bar");
        assert_eq!(bar.label, "50 km");
        assert!(scale_bar(0.0, 100.0).is_none());
    }
}
