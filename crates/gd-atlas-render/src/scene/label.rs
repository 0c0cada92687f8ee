//! Label placement: greedy, by priority, with no two labels overlapping.
//!
//! Text width is estimated from the characters (CJK ≈ 1 em, Latin ≈ 0.56 em) rather than measured
//! with a font, so the window and the exports place labels identically and deterministically.

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
}

/// Keeps the candidates whose boxes (with `padding`) do not overlap a better one's, nor leave
/// `bounds`. Returns them in priority order.
pub fn place_labels(mut candidates: Vec<Candidate>, bounds: [f32; 4], padding: f32) -> Vec<Candidate> {
    candidates.sort_by(|a, b| a.priority.cmp(&b.priority).then_with(|| a.text.cmp(&b.text)));
    let mut taken: Vec<[f32; 4]> = Vec::new();
    let mut out = Vec::new();
    for c in candidates {
        let [w, h] = estimate_text_size(&c.text, c.size);
        let r = [
            c.pos_screen[0] - w / 2.0 - padding,
            c.pos_screen[1] - h / 2.0 - padding,
            c.pos_screen[0] + w / 2.0 + padding,
            c.pos_screen[1] + h / 2.0 + padding,
        ];
        let inside = r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3];
        if inside && !taken.iter().any(|t| r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3]) {
            taken.push(r);
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_lower_priority_label_is_dropped() {
        let c = |x: f32, text: &str, p: u8| Candidate { pos_screen: [x, 50.0], text: text.into(), size: 12.0, priority: (p, 0) };
        let placed = place_labels(vec![c(100.0, "Gaoyao", 2), c(105.0, "Zhaoqing", 1), c(300.0, "Sihui", 2)], [0.0, 0.0, 400.0, 100.0], 2.0);
        let names: Vec<&str> = placed.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, vec!["Zhaoqing", "Sihui"]);
    }

    #[test]
    fn cjk_is_wider_than_latin_per_char() {
        assert!(estimate_text_size("肇庆", 10.0)[0] > estimate_text_size("ab", 10.0)[0]);
    }
}
