//! What the user has selected: one subject, and when it was picked from a marker shared by
//! several places, every place of that marker (listed in the details panel).
//!
//! One value rather than two fields, so the cluster list can never outlive or disagree with the
//! selection it belongs to.

use crate::model::Subject;

#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub subject: Subject,
    /// Indices into `Atlas::places` of the clicked marker's places; empty unless the marker
    /// stood for more than one place.
    pub cluster: Vec<usize>,
}

impl Selection {
    /// A selection with no cluster (search, breadcrumbs, region clicks).
    pub fn of(subject: Subject) -> Selection {
        Selection { subject, cluster: Vec::new() }
    }

    /// A place picked from a marker of several places; a one-place "cluster" is no cluster.
    pub fn in_cluster(subject: Subject, cluster: Vec<usize>) -> Selection {
        let cluster = if cluster.len() > 1 { cluster } else { Vec::new() };
        Selection { subject, cluster }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_place_is_not_a_cluster() {
        let s = Selection::in_cluster(Subject::Place("GD1".into()), vec![3]);
        assert!(s.cluster.is_empty());
        let s = Selection::in_cluster(Subject::Place("GD1".into()), vec![3, 4]);
        assert_eq!(s.cluster, vec![3, 4]);
        assert_eq!(Selection::of(Subject::Region("441204".into())).cluster, Vec::<usize>::new());
    }
}
