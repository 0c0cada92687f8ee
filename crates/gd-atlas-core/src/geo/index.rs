//! Spatial index for picking: an R-tree of bounding boxes, so a query tests exact
//! point-in-polygon only on the few shapes whose box holds the point.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, RTreeObject, AABB};

use super::bbox::Bbox;

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Bounding boxes (any one space) tagged with an item index.
#[derive(Debug, Default)]
pub struct BboxIndex {
    tree: RTree<Entry>,
}

impl BboxIndex {
    /// Empty boxes are left out: they can hold no point.
    pub fn new(items: impl IntoIterator<Item = (Bbox, usize)>) -> Self {
        let entries: Vec<Entry> = items
            .into_iter()
            .filter(|(b, _)| !b.is_empty())
            .map(|(b, item)| GeomWithData::new(Rectangle::from_corners(b.min, b.max), item))
            .collect();
        Self { tree: RTree::bulk_load(entries) }
    }

    /// Items whose box contains the point (borders included).
    pub fn candidates(&self, point: [f64; 2]) -> impl Iterator<Item = usize> + '_ {
        self.tree.locate_in_envelope_intersecting(&AABB::from_point(point)).map(|e| e.data)
    }

    /// Items whose box intersects `bbox` (viewport culling).
    pub fn intersecting(&self, bbox: Bbox) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_corners(bbox.min, bbox.max))
            .map(|e| e.data)
    }

    /// Items whose box intersects `bbox`, with their boxes: the tree already holds them, and
    /// reading them from the items instead costs a cache miss per item in a 100,000-item cull.
    pub fn intersecting_boxes(&self, bbox: Bbox) -> impl Iterator<Item = (Bbox, usize)> + '_ {
        self.tree.locate_in_envelope_intersecting(&AABB::from_corners(bbox.min, bbox.max)).map(
            |e| {
                let envelope = e.geom().envelope();
                (Bbox::new(envelope.lower(), envelope.upper()), e.data)
            },
        )
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
        let boxes = [[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 3.0], [5.0, 5.0, 6.0, 6.0]]
            .map(Bbox::from_array);
        let index =
            BboxIndex::new([(boxes[0], 7), (boxes[1], 8), (boxes[2], 9), (Bbox::EMPTY, 10)]);
        assert_eq!(index.len(), 3, "the empty box is left out");
        let mut hits: Vec<usize> = index.candidates([1.5, 1.5]).collect();
        hits.sort();
        assert_eq!(hits, vec![7, 8]);
        assert_eq!(index.candidates([4.0, 4.0]).count(), 0);
        assert_eq!(
            index.intersecting(Bbox::from_array([4.0, 4.0, 5.5, 5.5])).collect::<Vec<_>>(),
            vec![9]
        );
        assert_eq!(
            index.intersecting_boxes(Bbox::from_array([4.0, 4.0, 5.5, 5.5])).collect::<Vec<_>>(),
            vec![(boxes[2], 9)]
        );
    }
}
