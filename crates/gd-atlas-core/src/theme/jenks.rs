//! Natural breaks (Jenks): the classes that minimise the sum of squared deviations from the class
//! means, found exactly by Fisher's dynamic programme over the sorted values.
//!
//! Equal values are merged into weighted points first, so the cost is O(k · d²) in the number d
//! of *distinct* values. Above [`MAX_DISTINCT`] distinct values the programme runs on that many
//! evenly spaced order statistics instead (the caller is told), which keeps a 10,000-town table
//! well under a second while moving breaks by at most one sample step.

/// Distinct values handled exactly.
pub const MAX_DISTINCT: usize = 5_000;

/// Upper bounds of the classes (the last is the maximum): `breaks[i]` is the largest value of
/// class `i`. Fewer than `classes` bounds when there are fewer distinct values. Also returns
/// whether the values were sampled. `sorted` must be ascending and finite.
pub fn jenks_upper_bounds(sorted: &[f64], classes: usize) -> (Vec<f64>, bool) {
    let (points, weights) = distinct_weighted(sorted);
    let (points, weights, sampled) = if points.len() > MAX_DISTINCT {
        let sample: Vec<f64> = (0..MAX_DISTINCT)
            .map(|i| sorted[i * (sorted.len() - 1) / (MAX_DISTINCT - 1)])
            .collect();
        let (p, w) = distinct_weighted(&sample);
        (p, w, true)
    } else {
        (points, weights, false)
    };
    let k = classes.min(points.len());
    if k == 0 {
        return (Vec::new(), sampled);
    }
    let ends = fisher(&points, &weights, k);
    (ends.into_iter().map(|e| points[e]).collect(), sampled)
}

fn distinct_weighted(sorted: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut points: Vec<f64> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for &v in sorted {
        if points.last() == Some(&v) {
            if let Some(w) = weights.last_mut() {
                *w += 1.0;
            }
        } else {
            points.push(v);
            weights.push(1.0);
        }
    }
    (points, weights)
}

/// Weighted prefix sums so the squared deviation of any run of points costs O(1).
struct Prefix {
    w: Vec<f64>,
    wx: Vec<f64>,
    wxx: Vec<f64>,
}

impl Prefix {
    fn new(points: &[f64], weights: &[f64]) -> Self {
        // Centre the values: sums of squares of large, close values would lose every digit.
        let mean = points.iter().zip(weights).map(|(x, w)| x * w).sum::<f64>()
            / weights.iter().sum::<f64>();
        let mut p = Prefix { w: vec![0.0], wx: vec![0.0], wxx: vec![0.0] };
        for (&x, &w) in points.iter().zip(weights) {
            let x = x - mean;
            p.w.push(p.w.last().copied().unwrap_or(0.0) + w);
            p.wx.push(p.wx.last().copied().unwrap_or(0.0) + w * x);
            p.wxx.push(p.wxx.last().copied().unwrap_or(0.0) + w * x * x);
        }
        p
    }

    /// Sum of squared deviations of points `i..=j` from their mean.
    fn ssd(&self, i: usize, j: usize) -> f64 {
        let w = self.w[j + 1] - self.w[i];
        let wx = self.wx[j + 1] - self.wx[i];
        let wxx = self.wxx[j + 1] - self.wxx[i];
        (wxx - wx * wx / w).max(0.0)
    }
}

/// The last point index of each of `k` classes (ascending), minimising the total deviation.
fn fisher(points: &[f64], weights: &[f64], k: usize) -> Vec<usize> {
    let n = points.len();
    let prefix = Prefix::new(points, weights);
    // cost[c][j]: best cost of points 0..=j in c+1 classes; start[c][j]: first point of the last class.
    let mut cost = vec![vec![f64::INFINITY; n]; k];
    let mut start = vec![vec![0usize; n]; k];
    for (j, first_class) in cost[0].iter_mut().enumerate() {
        *first_class = prefix.ssd(0, j);
    }
    for c in 1..k {
        for j in c..n {
            for i in c..=j {
                let candidate = cost[c - 1][i - 1] + prefix.ssd(i, j);
                if candidate < cost[c][j] {
                    cost[c][j] = candidate;
                    start[c][j] = i;
                }
            }
        }
    }
    let mut ends = vec![n - 1; k];
    let mut j = n - 1;
    for c in (1..k).rev() {
        let i = start[c][j];
        ends[c - 1] = i - 1;
        j = i - 1;
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_ssd(sorted: &[f64], bounds: &[f64]) -> f64 {
        let mut total = 0.0;
        let mut lo = f64::NEG_INFINITY;
        for &hi in bounds {
            let class: Vec<f64> = sorted.iter().copied().filter(|&v| v > lo && v <= hi).collect();
            let mean = class.iter().sum::<f64>() / class.len().max(1) as f64;
            total += class.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>();
            lo = hi;
        }
        total
    }

    /// Every way to cut the distinct values into k classes, best total.
    fn brute_force(sorted: &[f64], k: usize) -> f64 {
        let (points, _) = distinct_weighted(sorted);
        fn go(
            points: &[f64],
            from: usize,
            k: usize,
            chosen: &mut Vec<f64>,
            sorted: &[f64],
            best: &mut f64,
        ) {
            if k == 1 {
                chosen.push(points[points.len() - 1]);
                *best = best.min(total_ssd(sorted, chosen));
                chosen.pop();
                return;
            }
            for end in from..points.len() - (k - 1) {
                chosen.push(points[end]);
                go(points, end + 1, k - 1, chosen, sorted, best);
                chosen.pop();
            }
        }
        let mut best = f64::INFINITY;
        go(&points, 0, k.min(points.len()), &mut Vec::new(), sorted, &mut best);
        best
    }

    #[test]
    fn textbook_example() {
        // The ckmeans example of Wang & Song (2011), optimal 1-D k-means = Jenks' criterion:
        // {-1,-1,-1,-1}, {2,2,2}, {4,5,6}.
        let mut v = vec![-1.0, 2.0, -1.0, 2.0, 4.0, 5.0, 6.0, -1.0, 2.0, -1.0];
        v.sort_by(f64::total_cmp);
        assert_eq!(jenks_upper_bounds(&v, 3), (vec![-1.0, 2.0, 6.0], false));
        // Two clusters far apart split between them.
        let v = [1.0, 2.0, 3.0, 100.0, 101.0, 102.0];
        assert_eq!(jenks_upper_bounds(&v, 2).0, vec![3.0, 102.0]);
    }

    #[test]
    fn optimal_against_brute_force() {
        let mut state = 12345u64;
        for round in 0..60 {
            let n = 4 + round % 9;
            let mut v: Vec<f64> = (0..n)
                .map(|_| {
                    state =
                        state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((state >> 33) % 50) as f64
                })
                .collect();
            v.sort_by(f64::total_cmp);
            for k in 2..=4 {
                let (bounds, _) = jenks_upper_bounds(&v, k);
                let got = total_ssd(&v, &bounds);
                assert!((got - brute_force(&v, k)).abs() < 1e-9, "{v:?} k={k}: {bounds:?}");
            }
        }
    }

    #[test]
    fn fewer_distinct_values_than_classes() {
        assert_eq!(jenks_upper_bounds(&[5.0, 5.0, 7.0], 5), (vec![5.0, 7.0], false));
        assert_eq!(jenks_upper_bounds(&[], 5), (vec![], false));
    }

    #[test]
    fn samples_many_distinct_values() {
        let v: Vec<f64> = (0..12_000).map(|i| (i as f64).sqrt()).collect();
        let (bounds, sampled) = jenks_upper_bounds(&v, 5);
        assert!(sampled);
        assert_eq!(bounds.len(), 5);
        assert_eq!(bounds[4], v[v.len() - 1]);
        assert!(bounds.windows(2).all(|w| w[0] < w[1]));
    }
}
