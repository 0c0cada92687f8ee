//! A tour file (`data/tours/*.csv`), checked against the repository's atlas as `validate` does;
//! a tour that parses is written back with `tour_csv` and must read back the same.
#![no_main]

use gd_atlas::model::tour::{parse_tour, tour_csv};
use gd_atlas_fuzz::atlas;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for known in [None, Some(atlas())] {
        match parse_tour("tour.csv", text, known) {
            Ok(stops) => {
                let written = tour_csv(&stops);
                let back = parse_tour("written.csv", &written, known).expect("a written tour reads back");
                assert_eq!(back, stops, "a tour changed through tour_csv");
            }
            Err(e) => {
                let text = e.to_string();
                assert!(!text.contains('\n'), "multi-line error: {text}");
            }
        }
    }
});
