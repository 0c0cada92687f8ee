//! Label placement: greedy, by priority, with no two labels overlapping.
//!
//! Text width is estimated from the characters (CJK ≈ 1 em, Latin ≈ 0.56 em) rather than measured
//! with a font, so the window and the exports place labels identically and deterministically.
//!
//! Labels keep off marker symbols and count badges (`obstacles`: a city's name outranks them,
//! issue 19) and, where a spot allows, off the atlas's lines (`lines`: the QA pass found Macao's
//! name crossed by the Hong Kong–Zhuhai–Macao bridge and Yunfu's by a planned expressway).
//!
//! A label that must be shown (a prefecture city at province scale, issue 19) is `movable`: it
//! looks for a spot clear of markers and lines — at its full size, then smaller, the spots
//! around it whose centre stays on its own region (`home`: a name moved onto a neighbour reads
//! as the neighbour's), then the same further out on its region — and only then for one clear
//! of markers alone (a line crossing the name), in the same order; then the nearest spots off
//! its region; only when every spot is under a marker does it sit over one (the old order,
//! kept as the last resort: a city's name is never dropped). A crossed name was preferred to a
//! smaller or farther clear one until issue 21: the window's names then depended on the zoom
//! its scene was built at (Yunfu crossed by a planned expressway at 68 of 244 zooms near the
//! province view, Zhongshan at 7.14 but not at 7.19). Fixed labels (counties,
//! towns, user features) whose spot no better label took try their anchor and the spots right,
//! left, above and below it (then further, then the diagonals), clear of markers and lines,
//! then of markers, and are left out when none is; one whose spot a better label took is left
//! out.

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
    /// Where the label reads as naming what it names, for `place_labels`' `at_home` test.
    pub home: Option<Home>,
}

/// Where a moved name still names its place (`Room::at_home` says whether a spot is there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// On the region it names (a region's index): a city's name moved onto a neighbour reads
    /// as the neighbour's.
    On(usize),
    /// Off the region given (the province): a neighbour's name — Hong Kong, Macao, Guangxi —
    /// moved onto Guangdong's land reads as the name of a part of it (Macao's on Zhuhai), while
    /// the sea or the neighbour itself keep it theirs.
    Off(usize),
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
/// to 1.6 widths and 4 lines away, nearest first, a tenth of a width and a fifth of a line
/// apart — fine enough that a name clear of a line a few points off is found (Foshan and
/// Zhongshan between the Pearl River Delta's expressways; a grid of 0.4 widths and 0.8 lines
/// missed them). Only names that find no spot nearer try these.
fn far_spots() -> Vec<[f32; 2]> {
    let mut spots: Vec<[f32; 2]> = (-16..=16)
        .flat_map(|i| (-20..=20).map(move |j| [i as f32 * 0.1, j as f32 * 0.2]))
        .filter(|s| s[0].abs() > 0.6 || s[1].abs() > 1.7)
        .collect();
    spots.sort_by(|a, b| a[0].hypot(a[1]).total_cmp(&b[0].hypot(b[1])));
    spots
}

/// The box of `text` centred on `pos` at `size`, grown by `padding` (placement, the figures'
/// keep-out check and the tests measure names with this one box).
pub fn label_box(pos: [f32; 2], text: &str, size: f32, padding: f32) -> [f32; 4] {
    let [w, h] = estimate_text_size(text, size);
    [
        pos[0] - w / 2.0 - padding,
        pos[1] - h / 2.0 - padding,
        pos[0] + w / 2.0 + padding,
        pos[1] + h / 2.0 + padding,
    ]
}

/// Whether two boxes `[x0, y0, x1, y1]` overlap (touching edges do not).
pub fn intersects(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(r: &[f32; 4], bounds: &[f32; 4]) -> bool {
    r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3]
}

/// An atlas line as label placement sees it: its segments in screen points, their box, and
/// half the width its coloured line is drawn with.
pub struct LineObstacle {
    bbox: [f32; 4],
    segments: Vec<([f32; 2], [f32; 2])>,
    half_width: f32,
}

impl LineObstacle {
    /// The line through `points_screen` (`None` for fewer than two points), drawn `width`
    /// points wide: a name keeps off its drawn edge, not only its centre line (the bridge's red
    /// line ended on the last letter of "Zhuhai", its centre line 3 points off the name).
    pub fn new(points_screen: &[[f32; 2]], width: f32) -> Option<LineObstacle> {
        if points_screen.len() < 2 {
            return None;
        }
        let mut bbox = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
        for p in points_screen {
            bbox = [bbox[0].min(p[0]), bbox[1].min(p[1]), bbox[2].max(p[0]), bbox[3].max(p[1])];
        }
        let segments = points_screen.windows(2).map(|w| (w[0], w[1])).collect();
        Some(LineObstacle { bbox, segments, half_width: width.max(0.0) / 2.0 })
    }

    /// Whether the line as drawn meets the box `r` (its centre line passes through `r` grown
    /// by half the line's width — a square end cap's reach).
    pub fn crosses(&self, r: &[f32; 4]) -> bool {
        let g = self.half_width;
        let r = [r[0] - g, r[1] - g, r[2] + g, r[3] + g];
        intersects(&self.bbox, &r) && self.segments.iter().any(|&(a, b)| segment_crosses(a, b, &r))
    }
}

/// Whether the segment `a`–`b` passes through the box `r` (Liang–Barsky clipping).
pub fn segment_crosses(a: [f32; 2], b: [f32; 2], r: &[f32; 4]) -> bool {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in
        [(-d[0], a[0] - r[0]), (d[0], r[2] - a[0]), (-d[1], a[1] - r[1]), (d[1], r[3] - a[1])]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 < t1
}

/// Where labels may go: the view's rectangle (`bounds`), its part on screen (`shown`: a label
/// anchored in it stays in it), the marker symbols and count badges labels keep off
/// (`obstacles`), the atlas lines they keep from being crossed by (`lines`), and whether a
/// screen position lies on what a label names (`at_home(home, pos)`).
pub struct Room<'a> {
    pub bounds: [f32; 4],
    pub shown: [f32; 4],
    pub padding: f32,
    pub obstacles: &'a [[f32; 4]],
    pub lines: &'a [LineObstacle],
    /// Boxes no label may touch, not even a name that must be shown (a figure's legend, notes,
    /// scale bar, north arrow and locator: a name under one is cut or hidden, issue 19 QA).
    pub keep_out: &'a [[f32; 4]],
    pub at_home: &'a dyn Fn(Home, [f32; 2]) -> bool,
}

/// What a spot must keep clear of besides the labels already placed.
#[derive(Clone, Copy, PartialEq)]
enum Clear {
    /// Markers, badges and lines.
    All,
    /// Markers and badges (a line may cross the name).
    Markers,
    /// Nothing more (the last resort of a name that must be shown).
    Labels,
}

/// One pass of the search: a size factor, what to keep clear of, whether the label must stay
/// on its home, and the spots tried (multiples of the label's size from its anchor).
type Pass<'s> = (f32, Clear, bool, &'s [[f32; 2]]);

/// Where a fixed label tries to go: its anchor, then right, left, above and below it, then the
/// same a little further (clear of a marker and its count badge, which reach about 18 points
/// up and right of the anchor), then the diagonals.
const FIXED_SPOTS: [[f32; 2]; 17] = [
    [0.0, 0.0],
    [0.6, 0.0],
    [-0.6, 0.0],
    [0.0, -0.9],
    [0.0, 0.9],
    [1.0, 0.0],
    [-1.0, 0.0],
    [0.0, -1.6],
    [0.0, 1.6],
    [0.55, -0.8],
    [-0.55, -0.8],
    [0.55, 0.8],
    [-0.55, 0.8],
    [0.9, -1.6],
    [-0.9, -1.6],
    [0.9, 1.6],
    [-0.9, 1.6],
];

/// The passes of a movable label, best first: clear of markers and lines, at each size its
/// spots, then the same further out (on its home, if it has one); then the same clear of
/// markers only; then near spots off its home; only when all of them fail may a name that must
/// be shown (a prefecture city) sit over a marker — the old order, which put 佛山市's first
/// character under markers at the full size rather than move or shrink it (issue 19 QA).
/// Neighbours' names have a home too, off the province ([`Home::Off`]): with only the spots
/// near it, Macao's sat over the ports' markers at 18 zooms near the province view while the
/// sea south of it was free.
fn movable_passes(far: &[[f32; 2]], has_home: bool) -> Vec<Pass<'_>> {
    let mut passes: Vec<Pass> = Vec::new();
    for clear in [Clear::All, Clear::Markers] {
        passes.extend(SHRINK.iter().map(|&k| (k, clear, true, &SPOTS[..])));
        if has_home {
            passes.extend(SHRINK.iter().chain(&[LAST_SHRINK]).map(|&k| (k, clear, true, far)));
        }
    }
    if has_home {
        for clear in [Clear::All, Clear::Markers] {
            passes.extend(SHRINK.iter().map(|&k| (k, clear, false, &SPOTS[..NEAR_SPOTS])));
        }
        passes.extend([Clear::All, Clear::Markers].map(|c| (LAST_SHRINK, c, false, far)));
        // The last resort: the old order, labels only.
        passes.extend(SHRINK.iter().map(|&k| (k, Clear::Labels, true, &SPOTS[..])));
        passes.extend(SHRINK.iter().chain(&[LAST_SHRINK]).map(|&k| (k, Clear::Labels, true, far)));
        passes.push((LAST_SHRINK, Clear::Labels, false, far));
    } else {
        passes.extend(SHRINK.iter().map(|&k| (k, Clear::Labels, true, &SPOTS[..])));
    }
    passes
}

/// The passes of a fixed label whose anchor no better label takes: its anchor or the spots
/// beside it, clear of markers and lines, then clear of markers; last its
/// anchor as before (a county or town name hemmed in by markers is kept where it was).
fn fixed_passes() -> Vec<Pass<'static>> {
    // Beside its anchor a name still reads as the anchor's (a small district's name centred
    // right of its seat lies mostly on its neighbour, and is read as the seat's).
    vec![(1.0, Clear::All, false, &FIXED_SPOTS[..]), (1.0, Clear::Markers, false, &FIXED_SPOTS[..])]
}

/// Keeps the candidates whose boxes (with the padding) do not overlap a better one's, nor leave
/// the room's bounds; each tries its passes (see the module's doc) and a fixed one is left out
/// when none finds a free spot. Returns the placed labels (with their final position and size)
/// in priority order.
pub fn place_labels(mut candidates: Vec<Candidate>, room: &Room) -> Vec<Candidate> {
    let Room { bounds, shown, padding, obstacles, lines, keep_out, at_home } = *room;
    candidates.sort_by(|a, b| a.priority.cmp(&b.priority).then_with(|| a.text.cmp(&b.text)));
    let far = far_spots();
    let fixed = fixed_passes();
    let mut taken: Vec<[f32; 4]> = keep_out.to_vec();
    let mut out = Vec::new();
    for mut c in candidates {
        let p = c.pos_screen;
        let limit = if p[0] >= shown[0] && p[0] <= shown[2] && p[1] >= shown[1] && p[1] <= shown[3]
        {
            shown
        } else {
            bounds
        };
        let [w, h] = estimate_text_size(&c.text, c.size);
        let home = c.home;
        let try_spot = |s: &[f32; 2], k: f32, clear: Clear, on_home: bool| {
            let pos = [c.pos_screen[0] + s[0] * w * k, c.pos_screen[1] + s[1] * h * k];
            // With its padding: the estimate's box is shorter than the font's line box.
            let r = label_box(pos, &c.text, c.size * k, padding);
            let ok = inside(&r, &limit)
                && !taken.iter().any(|t| intersects(&r, t))
                && (clear == Clear::Labels || !obstacles.iter().any(|o| intersects(&r, o)))
                && (clear != Clear::All || !lines.iter().any(|l| l.crosses(&r)))
                && (!on_home || home.is_none_or(|i| at_home(i, pos)));
            ok.then_some((pos, c.size * k))
        };
        // A fixed label whose own spot a better label took is left out, as before: moving it
        // would crowd the map with names of lesser units.
        if !c.movable && try_spot(&[0.0, 0.0], 1.0, Clear::Labels, false).is_none() {
            continue;
        }
        let passes = if c.movable { movable_passes(&far, home.is_some()) } else { fixed.clone() };
        let found = passes.into_iter().find_map(|(k, clear, on_home, spots)| {
            spots.iter().find_map(|s| try_spot(s, k, clear, on_home))
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
        at_home: &'a dyn Fn(Home, [f32; 2]) -> bool,
    ) -> Room<'a> {
        Room { bounds, shown: bounds, padding, obstacles, lines: &[], keep_out: &[], at_home }
    }

    const ANYWHERE: &dyn Fn(Home, [f32; 2]) -> bool = &|_, _| true;

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
        let below: &dyn Fn(Home, [f32; 2]) -> bool = &|_, p| p[1] > 50.0;
        let mut gaoyao = c(100.0, "Gaoyao", 2, true);
        gaoyao.home = Some(Home::On(7));
        let placed = place_labels(
            vec![c(100.0, "Zhaoqing", 1, false), gaoyao],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[], below),
        );
        assert_eq!(placed.len(), 2);
        assert!(placed[1].pos_screen[1] > 50.0, "{:?}", placed[1]);
    }

    /// Yunfu's name was crossed by a planned expressway: a line through the anchor moves a city's
    /// name to a spot the line does not cross; with no such spot it stays where it can.
    #[test]
    fn a_name_moves_off_a_line_when_a_spot_is_free() {
        let line = [LineObstacle::new(&[[0.0, 50.0], [400.0, 50.0]], 0.0).expect("a line")];
        let mut r = room([0.0, 0.0, 400.0, 100.0], 2.0, &[], ANYWHERE);
        r.lines = &line;
        let placed = place_labels(vec![c(200.0, "Yunfu", 0, true)], &r);
        let b = label_box(placed[0].pos_screen, "Yunfu", placed[0].size, 0.0);
        assert!(!line[0].crosses(&b), "{:?}", placed[0]);
        assert_eq!(placed[0].size, 12.0, "moved, not shrunk");
        // A fixed (county) name moves too, to one of the four spots beside its anchor.
        let placed = place_labels(vec![c(200.0, "Gaoyao", 2, false)], &r);
        assert_eq!(placed.len(), 1);
        let b = label_box(placed[0].pos_screen, "Gaoyao", 12.0, 0.0);
        assert!(!line[0].crosses(&b), "{:?}", placed[0]);
        // A strip the line fills: the name stays, crossed.
        let mut tight = room([150.0, 40.0, 250.0, 60.0], 0.0, &[], ANYWHERE);
        tight.lines = &line;
        assert_eq!(place_labels(vec![c(200.0, "Yunfu", 0, true)], &tight).len(), 1);
    }

    /// 高要区 under a cluster badge: a fixed name keeps off a marker by moving beside its
    /// anchor; one whose anchor a better name took is still left out.
    #[test]
    fn a_fixed_name_moves_off_a_marker_but_not_off_a_better_name() {
        let badge = [190.0, 40.0, 210.0, 60.0];
        let placed = place_labels(
            vec![c(200.0, "Gaoyao", 2, false)],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[badge], ANYWHERE),
        );
        let b = label_box(placed[0].pos_screen, "Gaoyao", 12.0, 2.0);
        assert!(!intersects(&b, &badge), "{:?}", placed[0]);
        assert!(placed[0].pos_screen[0] > 200.0, "right of its anchor first: {:?}", placed[0]);
        let placed = place_labels(
            vec![c(200.0, "Zhaoqing", 1, false), c(205.0, "Gaoyao", 2, false)],
            &room([0.0, 0.0, 400.0, 100.0], 2.0, &[], ANYWHERE),
        );
        let names: Vec<&str> = placed.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, ["Zhaoqing"]);
    }

    #[test]
    fn cjk_is_wider_than_latin_per_char() {
        assert!(estimate_text_size("肇庆", 10.0)[0] > estimate_text_size("ab", 10.0)[0]);
    }
}
