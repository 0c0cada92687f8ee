//! Spatial index for picking: an R-tree of bounding boxes, so a query tests exact
//! point-in-polygon only on the few shapes whose box holds the point.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Bounding boxes `[min_x, min_y, max_x, max_y]` (any one space) tagged with an item index.
#[derive(Default)]
pub struct BboxIndex {
    tree: RTree<Entry>,
}

impl BboxIndex {
    pub fn new(items: impl IntoIterator<Item = ([f64; 4], usize)>) -> Self {
        let entries: Vec<Entry> = items
            .into_iter()
            .filter(|(b, _)| b[0] <= b[2] && b[1] <= b[3])
            .map(|(b, item)| GeomWithData::new(Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]), item))
            .collect();
        Self { tree: RTree::bulk_load(entries) }
    }

    /// Items whose box contains the point (borders included).
    pub fn candidates(&self, point: [f64; 2]) -> impl Iterator<Item = usize> + '_ {
        self.tree.locate_in_envelope_intersecting(&AABB::from_point(point)).map(|e| e.data)
    }

    /// Items whose box intersects the box `[min_x, min_y, max_x, max_y]` (viewport culling).
    pub fn intersecting(&self, bbox: [f64; 4]) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_corners([bbox[0], bbox[1]], [bbox[2], bbox[3]]))
            .map(|e| e.data)
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_boxes_holding_a_point() {
        let index = BboxIndex::new([([0.0, 0.0, 2.0, 2.0], 7), ([1.0, 1.0, 3.0, 3.0], 8), ([5.0, 5.0, 6.0, 6.0], 9)]);
        let mut hits: Vec<usize> = index.candidates([1.5, 1.5]).collect();
        hits.sort();
        assert_eq!(hits, vec![7, 8]);
        assert_eq!(index.candidates([4.0, 4.0]).count(), 0);
        assert_eq!(index.intersecting([4.0, 4.0, 5.5, 5.5]).collect::<Vec<_>>(), vec![9]);
    }
}
