//! Z-order (Morton) keys of mercator points.
//!
//! Sorting points by key makes every power-of-two square cell of the mercator unit square a
//! contiguous run of the sorted array, so the points of a cell are found by two binary searches
//! and their count and position sums read from prefix sums: binning a million points for a view
//! costs O(cells in view · log n) instead of a pass over every point.

/// Bits per axis: cells down to 2⁻³¹ of the world (≈ 2 cm).
pub const BITS: u32 = 31;

/// Spreads the bits of `v` to the even bit positions of a `u64`.
fn spread(v: u32) -> u64 {
    let mut x = v as u64;
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF;
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF;
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x << 2) & 0x3333_3333_3333_3333;
    x = (x | x << 1) & 0x5555_5555_5555_5555;
    x
}

/// A mercator coordinate (0..=1) as a `BITS`-bit integer.
fn quantize(v: f64) -> u32 {
    (v.clamp(0.0, 1.0) * ((1u64 << BITS) - 1) as f64) as u32
}

pub fn key(mercator: [f64; 2]) -> u64 {
    spread(quantize(mercator[0])) | spread(quantize(mercator[1])) << 1
}

/// The cell `(cx, cy)` holding a mercator position at `level` (cells of side 2⁻ˡᵉᵛᵉˡ).
pub fn cell_of(level: u32, mercator: [f64; 2]) -> [u32; 2] {
    let shift = BITS - level.min(BITS);
    [quantize(mercator[0]) >> shift, quantize(mercator[1]) >> shift]
}

/// The first and last key of a cell at `level`.
pub fn cell_keys(level: u32, cell: [u32; 2]) -> (u64, u64) {
    let shift = 2 * (BITS - level.min(BITS));
    let lo = (spread(cell[0]) | spread(cell[1]) << 1) << shift;
    (lo, lo | ((1u64 << shift) - 1))
}

/// Index range of a cell's points in keys sorted ascending.
pub fn cell_range(sorted_keys: &[u64], level: u32, cell: [u32; 2]) -> std::ops::Range<usize> {
    let (lo, hi) = cell_keys(level, cell);
    let start = sorted_keys.partition_point(|&k| k < lo);
    let end = start + sorted_keys[start..].partition_point(|&k| k <= hi);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_ranges_hold_exactly_the_cells_points() {
        // A deterministic scatter over a small area, then every cell of a few levels checked
        // against a brute-force count.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let points: Vec<[f64; 2]> =
            (0..5000).map(|_| [0.8 + 0.01 * next(), 0.43 + 0.01 * next()]).collect();
        let mut keys: Vec<u64> = points.iter().map(|&p| key(p)).collect();
        keys.sort_unstable();
        for level in [6u32, 9, 12] {
            let mut seen = std::collections::HashMap::new();
            for &p in &points {
                *seen.entry(cell_of(level, p)).or_insert(0usize) += 1;
            }
            let mut total = 0;
            for (&cell, &count) in &seen {
                assert_eq!(
                    cell_range(&keys, level, cell).len(),
                    count,
                    "level {level} cell {cell:?}"
                );
                total += count;
            }
            assert_eq!(total, points.len());
            // An empty cell next to the data.
            let [cx, cy] = cell_of(level, [0.79, 0.42]);
            if !seen.contains_key(&[cx, cy]) {
                assert!(cell_range(&keys, level, [cx, cy]).is_empty());
            }
        }
    }

    #[test]
    fn keys_order_cells_of_every_level() {
        let a = key([0.25, 0.25]);
        let b = key([0.75, 0.25]);
        let c = key([0.25, 0.75]);
        assert!(a < b && b < c, "Z order: NW, NE, SW");
        assert_eq!(cell_keys(0, [0, 0]), (0, u64::MAX >> 2));
    }
}
