//! The one axis-aligned bounding box type, for culling, picking, fitting a view and framing.
//!
//! A box carries no space of its own: the variable name says which (`bbox_lonlat`,
//! `bbox_mercator`), as for points. Folding points into `[min_x, min_y, max_x, max_y]` arrays by
//! hand was repeated in six places with three different seeds (`INFINITY`, `f64::MAX`,
//! `f64::MIN`), which differ exactly on the empty set; here the empty box is one constant.

use std::borrow::Borrow;

/// `min` is the corner with the smaller coordinates on both axes (west-north in mercator, whose y
/// grows southward; west-south in lon/lat).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bbox {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Default for Bbox {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Bbox {
    /// Contains nothing: the neutral element of [`Bbox::union`] and [`Bbox::extend`].
    pub const EMPTY: Bbox = Bbox { min: [f64::INFINITY; 2], max: [f64::NEG_INFINITY; 2] };

    pub fn new(min: [f64; 2], max: [f64; 2]) -> Self {
        Self { min, max }
    }

    /// From `[min_x, min_y, max_x, max_y]` (the order of `--bbox`, rstar and SVG view boxes).
    pub fn from_array(b: [f64; 4]) -> Self {
        Self { min: [b[0], b[1]], max: [b[2], b[3]] }
    }

    /// `[min_x, min_y, max_x, max_y]`.
    pub fn to_array(self) -> [f64; 4] {
        [self.min[0], self.min[1], self.max[0], self.max[1]]
    }

    /// The smallest box holding every point; [`Bbox::EMPTY`] for none.
    pub fn from_points<P: Borrow<[f64; 2]>>(points: impl IntoIterator<Item = P>) -> Self {
        let mut bbox = Self::EMPTY;
        for p in points {
            bbox.extend(*p.borrow());
        }
        bbox
    }

    /// A square of half-side `half` around a point (a region without a shape, a marker).
    pub fn around(center: [f64; 2], half: f64) -> Self {
        Self {
            min: [center[0] - half, center[1] - half],
            max: [center[0] + half, center[1] + half],
        }
    }

    pub fn is_empty(self) -> bool {
        !(self.min[0] <= self.max[0] && self.min[1] <= self.max[1])
    }

    pub fn extend(&mut self, p: [f64; 2]) {
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
    }

    pub fn union(self, other: Bbox) -> Bbox {
        Bbox {
            min: [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])],
            max: [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])],
        }
    }

    /// True when the boxes share at least one point (touching borders count); never for an
    /// empty box.
    pub fn intersects(self, other: Bbox) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    /// True when the point lies inside or on the border.
    pub fn contains(self, p: [f64; 2]) -> bool {
        self.min[0] <= p[0] && p[0] <= self.max[0] && self.min[1] <= p[1] && p[1] <= self.max[1]
    }

    pub fn width(self) -> f64 {
        self.max[0] - self.min[0]
    }

    pub fn height(self) -> f64 {
        self.max[1] - self.min[1]
    }

    pub fn center(self) -> [f64; 2] {
        [(self.min[0] + self.max[0]) / 2.0, (self.min[1] + self.max[1]) / 2.0]
    }

    /// Grown by `margin` on every side.
    pub fn expanded(self, margin: f64) -> Bbox {
        Bbox {
            min: [self.min[0] - margin, self.min[1] - margin],
            max: [self.max[0] + margin, self.max[1] + margin],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_points_is_the_tightest_box() {
        let b = Bbox::from_points([[1.0, 5.0], [-2.0, 3.0], [4.0, 4.0]]);
        assert_eq!(b, Bbox::new([-2.0, 3.0], [4.0, 5.0]));
        assert_eq!(b.to_array(), [-2.0, 3.0, 4.0, 5.0]);
        assert_eq!(Bbox::from_array(b.to_array()), b);
        assert_eq!((b.width(), b.height(), b.center()), (6.0, 2.0, [1.0, 4.0]));
        // Points by reference work the same.
        let pts = vec![[0.0, 0.0], [1.0, 1.0]];
        assert_eq!(Bbox::from_points(&pts), Bbox::new([0.0, 0.0], [1.0, 1.0]));
    }

    #[test]
    fn empty_box_is_neutral_and_disjoint_from_everything() {
        let empty = Bbox::from_points(std::iter::empty::<[f64; 2]>());
        assert!(empty.is_empty());
        assert_eq!(empty, Bbox::EMPTY);
        let b = Bbox::new([0.0, 0.0], [1.0, 1.0]);
        assert_eq!(empty.union(b), b);
        assert_eq!(b.union(empty), b);
        assert!(!empty.intersects(b) && !b.intersects(empty) && !empty.intersects(empty));
        assert!(!empty.contains([0.0, 0.0]));
        // A single point is a degenerate but non-empty box.
        let point = Bbox::from_points([[2.0, 3.0]]);
        assert!(!point.is_empty() && point.contains([2.0, 3.0]));
    }

    #[test]
    fn union_intersects_contains() {
        let a = Bbox::new([0.0, 0.0], [2.0, 2.0]);
        let b = Bbox::new([1.0, 1.0], [3.0, 3.0]);
        let far = Bbox::new([5.0, 5.0], [6.0, 6.0]);
        assert_eq!(a.union(b), Bbox::new([0.0, 0.0], [3.0, 3.0]));
        assert!(a.intersects(b) && b.intersects(a));
        assert!(!a.intersects(far));
        // Touching borders intersect (a shape ending exactly at the view's edge is drawn).
        assert!(a.intersects(Bbox::new([2.0, 0.0], [4.0, 1.0])));
        assert!(a.contains([0.0, 2.0]) && a.contains([1.0, 1.0]));
        assert!(!a.contains([2.0001, 1.0]));
        assert_eq!(Bbox::around([1.0, 1.0], 0.5), Bbox::new([0.5, 0.5], [1.5, 1.5]));
        assert_eq!(a.expanded(1.0), Bbox::new([-1.0, -1.0], [3.0, 3.0]));
    }
}
