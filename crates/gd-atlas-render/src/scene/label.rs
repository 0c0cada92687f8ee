//! Label placement: greedy, by priority, with no two labels overlapping.
//!
//! Text width is estimated from the characters (CJK ≈ 1 em, Latin ≈ 0.56 em) rather than measured
//! with a font, so the window and the exports place labels identically and deterministically.
//!
//! A label that must be shown (a prefecture city at province scale, issue 19) is `movable`: when
//! its own spot is taken it tries the spots around it — first those whose centre stays on its
//! own region (`home`: a name moved onto a neighbour reads as the neighbour's), clear of the
//! markers (`obstacles`), then any on its region, then the same at a smaller size, then the
//! nearest spots off its region, and last the nearest further out at the smallest size. Fixed labels (counties, towns, user features) keep their
//! spot or are left out.

/// Estimated size of `text` at `size` points: `[width, height]`.
pub fn estimate_text_size(text: &str, size: f32) -> [f32; 2] {
    let em: f32 = text
        .chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                1.0
            } else if c.is_ascii_uppercase() {
                0.66
            } else {
                0.54
            }
        })
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
    /// What the label names (a region's index), for `place_labels`' `at_home` test.
    pub home: Option<usize>,
}

/// Where a movable label tries to go, as multiples of its own `[width, height]` from its
/// anchor: the anchor, then above, below, right, left, the four diagonals, two lines away, and
/// farther still (a large city whose seat is crowded by its neighbours' names has room further
/// out on itself: Huizhou beside Dongguan, Shenzhen and Heyuan).
const SPOTS: [[f32; 2]; 19] = [
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
    [1.1, 0.0],
    [-1.1, 0.0],
    [0.9, -1.7],
    [-0.9, -1.7],
    [0.9, 1.7],
    [-0.9, 1.7],
    [0.0, -2.6],
    [0.0, 2.6],
];

/// Sizes a movable label tries, as fractions of its own (a smaller name beats no name: the
/// Pearl River Delta's eight cities share a few centimetres of a projected map).
const SHRINK: [f32; 3] = [1.0, 0.85, 0.72];
/// The smallest a movable label gets, on its own region only, before it is left out.
const LAST_SHRINK: f32 = 0.6;
/// The spots tried off the label's home, last: the anchor's nearest neighbours only.
const NEAR_SPOTS: usize = 9;

/// Spots further out than [`SPOTS`], as multiples of the label's `[width, height]`: a grid up
/// to 1.6 widths and 4 lines away, nearest first.
fn far_spots() -> Vec<[f32; 2]> {
    let mut spots: Vec<[f32; 2]> = (-4..=4)
        .flat_map(|i| (-5..=5).map(move |j| [i as f32 * 0.4, j as f32 * 0.8]))
        .filter(|s| s[0].abs() > 0.6 || s[1].abs() > 1.7)
        .collect();
    spots.sort_by(|a, b| a[0].hypot(a[1]).total_cmp(&b[0].hypot(b[1])));
    spots
}

/// The box of `text` centred on `pos` at `size`, grown by `padding`.
fn label_box(pos: [f32; 2], text: &str, size: f32, padding: f32) -> [f32; 4] {
    let [w, h] = estimate_text_size(text, size);
    [
        pos[0] - w / 2.0 - padding,
        pos[1] - h / 2.0 - padding,
        pos[0] + w / 2.0 + padding,
        pos[1] + h / 2.0 + padding,
    ]
}

fn intersects(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(r: &[f32; 4], bounds: &[f32; 4]) -> bool {
    r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3]
}

/// Where labels may go: the view's rectangle (`bounds`), its part on screen (`shown`: a label
/// anchored in it stays in it), the marker symbols movable labels avoid (`obstacles`), and
/// whether a screen position lies on what a label names (`at_home(home, pos)`).
pub struct Room<'a> {
    pub bounds: [f32; 4],
    pub shown: [f32; 4],
    pub padding: f32,
    pub obstacles: &'a [[f32; 4]],
    pub at_home: &'a dyn Fn(usize, [f32; 2]) -> bool,
}

/// Keeps the candidates whose boxes (with the padding) do not overlap a better one's, nor leave
/// the room's bounds; movable ones may move or shrink to do so (see the module's doc). Returns
/// the placed labels (with their final position and size) in priority order.
pub fn place_labels(mut candidates: Vec<Candidate>, room: &Room) -> Vec<Candidate> {
    let Room { bounds, shown, padding, obstacles, at_home } = *room;
    candidates.sort_by(|a, b| a.priority.cmp(&b.priority).then_with(|| a.text.cmp(&b.text)));
    let mut taken: Vec<[f32; 4]> = Vec::new();
    let mut out = Vec::new();
    for mut c in candidates {
        let p = c.pos_screen;
        let limit = if p[0] >= shown[0] && p[0] <= shown[2] && p[1] >= shown[1] && p[1] <= shown[3]
        {
            shown
        } else {
            bounds
        };
        let free = |r: &[f32; 4], taken: &[[f32; 4]]| {
            inside(r, &limit) && !taken.iter().any(|t| intersects(r, t))
        };
        if !c.movable {
            let r = label_box(c.pos_screen, &c.text, c.size, padding);
            if free(&r, &taken) {
                taken.push(r);
                out.push(c);
            }
            continue;
        }
        let [w, h] = estimate_text_size(&c.text, c.size);
        // (size, clear of markers, on its home) in order of preference; off home last, near only.
        let mut passes: Vec<(f32, bool, bool, usize)> = SHRINK
            .iter()
            .flat_map(|&k| [(k, true, true, SPOTS.len()), (k, false, true, SPOTS.len())])
            .collect();
        passes.extend(SHRINK.iter().map(|&k| (k, false, false, NEAR_SPOTS)));
        let home = c.home;
        let try_spot = |s: &[f32; 2], k: f32, clear: bool, on_home: bool| {
            let pos = [c.pos_screen[0] + s[0] * w * k, c.pos_screen[1] + s[1] * h * k];
            let r = label_box(pos, &c.text, c.size * k, padding);
            let ok = free(&r, &taken)
                && (!clear || !obstacles.iter().any(|o| intersects(&r, o)))
                && (!on_home || home.is_none_or(|i| at_home(i, pos)));
            ok.then_some((pos, c.size * k))
        };
        let found = passes.into_iter().find_map(|(k, clear, on_home, spots)| {
            SPOTS[..spots].iter().find_map(|s| try_spot(s, k, clear, on_home))
        });
        // Last, anywhere further out on its own region: a large city whose seat is hemmed in by
        // its neighbours' names has room elsewhere on it (Huizhou beside Dongguan, Shenzhen and
        // Heyuan under a tour's caption).
        let found = found.or_else(|| {
            home.and_then(|_| {
                SHRINK
                    .iter()
                    .chain(&[LAST_SHRINK])
                    .find_map(|&k| far_spots().iter().find_map(|s| try_spot(s, k, false, true)))
            })
        });
        // Very last, at the smallest size, the nearest free spot around it even off its region:
        // a coastal city hemmed in by its neighbours' names keeps its name just off its coast
        // (Jiangmen and Shanwei at the classroom tour's first stop, presenting with Large text,
        // issue 19 QA) rather than none.
        let found = found.or_else(|| {
            home.and_then(|_| {
                far_spots().iter().find_map(|s| try_spot(s, LAST_SHRINK, false, false))
            })
        });
        if let Some((pos, size)) = found {
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
        Candidate {
            pos_screen: [x, 50.0],
            text: text.into(),
            size: 12.0,
            priority: (p, 0),
            movable,
            home: None,
        }
    }

    fn room<'a>(
        bounds: [f32; 4],
        padding: f32,
        obstacles: &'a [[f32; 4]],
        at_home: &'a dyn Fn(usize, [f32; 2]) -> bool,
    ) -> Room<'a> {
        Room { bounds, shown: bounds, padding, obstacles, at_home }
    }

    const ANYWHERE: &dyn Fn(usize, [f32; 2]) -> bool = &|_, _| true;

    #[test]
    fn overlapping_lower_priority_label_is_dropped() {
        let placed = place_labels(
            vec![
                c(100.0, "Gaoyao", 2, false),
                c(105.0, "Zhaoqing", 1, false),
                c(300.0, "Sihui", 2, false),
            ],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[], ANYWHERE),
        );
        let names: Vec<&str> = placed.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, vec!["Zhaoqing", "Sihui"]);
    }

    #[test]
    fn a_movable_label_moves_next_to_a_taken_spot_and_off_a_marker() {
        let placed = place_labels(
            vec![c(105.0, "Zhaoqing", 1, false), c(100.0, "Gaoyao", 2, true)],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[], ANYWHERE),
        );
        assert_eq!(placed.len(), 2, "{placed:?}");
        assert_ne!(placed[1].pos_screen, [100.0, 50.0], "Gaoyao moved");
        // A marker on its anchor: it moves off it while there is room.
        let marker = [95.0, 45.0, 105.0, 55.0];
        let placed = place_labels(
            vec![c(100.0, "Gaoyao", 2, true)],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[marker], ANYWHERE),
        );
        let r = label_box(placed[0].pos_screen, "Gaoyao", placed[0].size, 2.0);
        assert!(!intersects(&r, &marker), "{:?}", placed[0]);
        // …and stays on it when nothing else is free.
        let placed = place_labels(
            vec![c(100.0, "Gaoyao", 2, true)],
            &room([58.0, 40.0, 142.0, 60.0], 0.0, &[marker], ANYWHERE),
        );
        assert_eq!(placed.len(), 1, "a city's name beats a marker");
    }

    #[test]
    fn a_moved_label_stays_on_its_own_region() {
        // Gaoyao's spot is taken; its region is the strip y > 50 (below): it goes below, not above.
        let below: &dyn Fn(usize, [f32; 2]) -> bool = &|_, p| p[1] > 50.0;
        let mut gaoyao = c(100.0, "Gaoyao", 2, true);
        gaoyao.home = Some(7);
        let placed = place_labels(
            vec![c(100.0, "Zhaoqing", 1, false), gaoyao],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[], below),
        );
        assert_eq!(placed.len(), 2);
        assert!(placed[1].pos_screen[1] > 50.0, "{:?}", placed[1]);
    }

    #[test]
    fn cjk_is_wider_than_latin_per_char() {
        assert!(estimate_text_size("肇庆", 10.0)[0] > estimate_text_size("ab", 10.0)[0]);
    }
}
