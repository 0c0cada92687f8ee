//! The one GeoJSON decoder (`geo::geojson`) on its own: the input decoded from text
//! (`decode_str`, as the town file, the atlas's lines, the basemap and the asset build read it)
//! and streamed from a reader (`decode_reader`, as user layers read it). Both must hand on the
//! same features with the same issues and end the same way; every issue and refusal is one line.
#![no_main]

use std::ops::ControlFlow;

use gd_atlas::geo::geojson::{decode_reader, decode_str};
use libfuzzer_sys::fuzz_target;

/// What a decode did: each feature's index and geometry or issue, then the outcome.
fn trace(features: &mut Vec<String>, f: gd_atlas::geo::geojson::Feature) -> ControlFlow<()> {
    if let Err(issue) = &f.geometry {
        assert!(!issue.text.contains(['\n', '\r']), "multi-line issue: {}", issue.text);
    }
    features.push(format!("{} {:?} {:?}", f.index, f.geometry, f.properties));
    ControlFlow::Continue(())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (mut from_text, mut from_reader) = (Vec::new(), Vec::new());
    let a = decode_str(text, |f| trace(&mut from_text, f));
    let b = decode_reader(data, |f| trace(&mut from_reader, f));
    if let Err(e) = &a {
        assert!(!e.to_string().contains(['\n', '\r']), "multi-line refusal: {e}");
    }
    assert_eq!(from_text, from_reader, "the two entry points hand on the same features");
    assert_eq!(a, b, "the two entry points end the same way");
});
