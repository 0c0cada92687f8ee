//! Label placement: greedy, by priority, with no two labels overlapping.
//!
//! Text width is estimated from the characters (CJK ≈ 1 em, Latin ≈ 0.56 em) rather than measured
//! with a font, so the window and the exports place labels identically and deterministically.
//!
//! A label that must be shown (a prefecture city at province scale, issue 19) is `movable`: when
//! its own spot is taken it tries the spots around it, first those clear of the markers
//! (`obstacles`), then any free one, then the same at a smaller size. Fixed labels (counties,
//! towns, neighbours, user features) keep their spot or are left out.

/// Estimated size of `text` at `size` points: `[width, height]`.
pub fn estimate_text_size(text: &str, size: f32) -> [f32; 2] {
    let em: f32 = text
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else if c.is_ascii_uppercase() { 0.66 } else { 0.54 })
        .sum();
    [em * size, size * 1.25]
}

/// A label waiting for a place; lower `priority` goes first.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub pos_screen: [f32; 2],
    pub text: String,
    pub size: f32,
    pub priority: (u8, i64),
    /// May move off its anchor (and shrink) to find room.
    pub movable: bool,
}

/// Where a movable label tries to go, as multiples of its own `[width, height]` from its
/// anchor: the anchor, then above, below, right, left, the four diagonals, and two lines away.
const SPOTS: [[f32; 2]; 11] = [
    [0.0, 0.0],
    [0.0, -0.9],
    [0.0, 0.9],
    [0.6, 0.0],
    [-0.6, 0.0],
    [0.55, -0.8],
    [-0.55, -0.8],
    [0.55, 0.8],
    [-0.55, 0.8],
    [0.0, -1.7],
    [0.0, 1.7],
];

/// Sizes a movable label tries, as fractions of its own (a smaller name beats no name).
const SHRINK: [f32; 2] = [1.0, 0.85];

/// The box of `text` centred on `pos` at `size`, grown by `padding`.
fn label_box(pos: [f32; 2], text: &str, size: f32, padding: f32) -> [f32; 4] {
    let [w, h] = estimate_text_size(text, size);
    [pos[0] - w / 2.0 - padding, pos[1] - h / 2.0 - padding, pos[0] + w / 2.0 + padding, pos[1] + h / 2.0 + padding]
}

fn intersects(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(r: &[f32; 4], bounds: &[f32; 4]) -> bool {
    r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3]
}

/// Keeps the candidates whose boxes (with `padding`) do not overlap a better one's, nor leave
/// `bounds` — nor `shown` (the part of `bounds` on screen) when anchored in it; movable ones may
/// move or shrink to do so, and prefer spots that leave the `obstacles` (marker symbols, screen
/// boxes) uncovered. Returns the placed labels (with their final position and size) in priority
/// order.
pub fn place_labels(mut candidates: Vec<Candidate>, bounds: [f32; 4], shown: [f32; 4], padding: f32, obstacles: &[[f32; 4]]) -> Vec<Candidate> {
    candidates.sort_by(|a, b| a.priority.cmp(&b.priority).then_with(|| a.text.cmp(&b.text)));
    let mut taken: Vec<[f32; 4]> = Vec::new();
    let mut out = Vec::new();
    for mut c in candidates {
        let p = c.pos_screen;
        let limit = if p[0] >= shown[0] && p[0] <= shown[2] && p[1] >= shown[1] && p[1] <= shown[3] { shown } else { bounds };
        let free = |r: &[f32; 4], taken: &[[f32; 4]]| inside(r, &limit) && !taken.iter().any(|t| intersects(r, t));
        if !c.movable {
            let r = label_box(c.pos_screen, &c.text, c.size, padding);
            if free(&r, &taken) {
                taken.push(r);
                out.push(c);
            }
            continue;
        }
        let [w, h] = estimate_text_size(&c.text, c.size);
        let tries = SHRINK.iter().flat_map(|&k| [true, false].map(move |clear| (k, clear))).flat_map(|(k, clear)| SPOTS.iter().map(move |s| (k, clear, s)));
        let spot = tries.map(|(k, clear, s)| {
            let pos = [c.pos_screen[0] + s[0] * w * k, c.pos_screen[1] + s[1] * h * k];
            (pos, c.size * k, clear)
        });
        let found = spot.into_iter().find(|(pos, size, clear)| {
            let r = label_box(*pos, &c.text, *size, padding);
            free(&r, &taken) && (!clear || !obstacles.iter().any(|o| intersects(&r, o)))
        });
        if let Some((pos, size, _)) = found {
            taken.push(label_box(pos, &c.text, size, padding));
            (c.pos_screen, c.size) = (pos, size);
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f32, text: &str, p: u8, movable: bool) -> Candidate {
        Candidate { pos_screen: [x, 50.0], text: text.into(), size: 12.0, priority: (p, 0), movable }
    }

    #[test]
    fn overlapping_lower_priority_label_is_dropped() {
        let placed = place_labels(vec![c(100.0, "Gaoyao", 2, false), c(105.0, "Zhaoqing", 1, false), c(300.0, "Sihui", 2, false)], [0.0, 0.0, 400.0, 100.0], [0.0, 0.0, 400.0, 100.0], 2.0, &[]);
        let names: Vec<&str> = placed.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, vec!["Zhaoqing", "Sihui"]);
    }

    #[test]
    fn a_movable_label_moves_next_to_a_taken_spot_and_off_a_marker() {
        let placed = place_labels(vec![c(105.0, "Zhaoqing", 1, false), c(100.0, "Gaoyao", 2, true)], [0.0, 0.0, 400.0, 100.0], [0.0, 0.0, 400.0, 100.0], 2.0, &[]);
        assert_eq!(placed.len(), 2, "{placed:?}");
        assert_ne!(placed[1].pos_screen, [100.0, 50.0], "Gaoyao moved");
        // A marker on its anchor: it moves off it while there is room.
        let marker = [95.0, 45.0, 105.0, 55.0];
        let placed = place_labels(vec![c(100.0, "Gaoyao", 2, true)], [0.0, 0.0, 400.0, 100.0], [0.0, 0.0, 400.0, 100.0], 2.0, &[marker]);
        let r = label_box(placed[0].pos_screen, "Gaoyao", placed[0].size, 2.0);
        assert!(!intersects(&r, &marker), "{:?}", placed[0]);
        // …and stays on it when nothing else is free.
        let placed = place_labels(vec![c(100.0, "Gaoyao", 2, true)], [58.0, 40.0, 142.0, 60.0], [58.0, 40.0, 142.0, 60.0], 0.0, &[marker]);
        assert_eq!(placed.len(), 1, "a city's name beats a marker");
    }

    #[test]
    fn cjk_is_wider_than_latin_per_char() {
        assert!(estimate_text_size("肇庆", 10.0)[0] > estimate_text_size("ab", 10.0)[0]);
    }
}
