//! Exact point-in-polygon by the even-odd rule.
//!
//! Counting crossings over *all* rings of a polygon (exterior and holes) gives even-odd for free,
//! so holes are respected and ring orientation does not matter (the topology does not promise
//! one). Rings are open (`last != first`), as `Topology::ring_into` returns them.

/// Even-odd crossing test of one open ring.
pub fn point_in_ring(point: [f64; 2], ring: &[[f64; 2]]) -> bool {
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let (x, y) = (point[0], point[1]);
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = (ring[i][0], ring[i][1]);
        let (xj, yj) = (ring[j][0], ring[j][1]);
        // Half-open rule on y so a vertex exactly at the ray's height counts once.
        if (yi > y) != (yj > y) {
            let x_cross = xi + (y - yi) * (xj - xi) / (yj - yi);
            if x < x_cross {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// A polygon is its exterior ring followed by its holes.
pub fn point_in_polygon(point: [f64; 2], rings: &[Vec<[f64; 2]>]) -> bool {
    rings.iter().fold(false, |inside, ring| inside ^ point_in_ring(point, ring))
}

/// A multipolygon contains the point when any of its polygons does.
pub fn point_in_multipolygon(point: [f64; 2], polygons: &[Vec<Vec<[f64; 2]>>]) -> bool {
    polygons.iter().any(|rings| point_in_polygon(point, rings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, size: f64) -> Vec<[f64; 2]> {
        vec![[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size]]
    }

    #[test]
    fn holes_are_respected() {
        let polygon = vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)];
        assert!(point_in_polygon([1.0, 1.0], &polygon));
        assert!(!point_in_polygon([5.0, 5.0], &polygon), "inside the hole");
        assert!(!point_in_polygon([11.0, 5.0], &polygon));
    }

    #[test]
    fn concave_ring() {
        // A "U": the notch between the arms is outside.
        let u = vec![
            [0.0, 0.0],
            [3.0, 0.0],
            [3.0, 3.0],
            [2.0, 3.0],
            [2.0, 1.0],
            [1.0, 1.0],
            [1.0, 3.0],
            [0.0, 3.0],
        ];
        assert!(point_in_ring([0.5, 2.5], &u));
        assert!(!point_in_ring([1.5, 2.0], &u));
        assert!(point_in_ring([1.5, 0.5], &u));
    }

    #[test]
    fn multipolygon_any() {
        let mp = vec![vec![square(0.0, 0.0, 1.0)], vec![square(5.0, 5.0, 1.0)]];
        assert!(point_in_multipolygon([5.5, 5.5], &mp));
        assert!(!point_in_multipolygon([3.0, 3.0], &mp));
    }
}
