//! The rules a geometry must meet, in one place (see the module comment of [`super`]): positions
//! as degrees, lines of two positions, rings closed with three distinct vertices, polygons with
//! rings, geometries with something in them. The layer's table reader uses the position rule
//! too ([`classify`], [`position_problem`]).

use super::raw::{GeometryValue, Nested, RawGeometry};
use super::{Geometry, Issue, PolygonLonLat, Position, Rule};

/// What a position read from a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Longitude within ±180°, latitude within ±90°.
    Good,
    NotFinite,
    /// Values in the thousands or more: metres of a projected system (UTM, Gauss–Krüger, Web
    /// Mercator), not degrees.
    Projected,
    /// Latitude beyond ±90° but a valid longitude, and the longitude a valid latitude.
    Swapped,
    OutOfRange,
}

/// The position rule: finite, longitude within ±180°, latitude within ±90°; a failure is told
/// apart so a whole file of metres or of swapped axes can be named as such.
pub fn classify(lonlat: Position) -> Verdict {
    let [lon, lat] = lonlat;
    if !lon.is_finite() || !lat.is_finite() {
        Verdict::NotFinite
    } else if lon.abs() <= 180.0 && lat.abs() <= 90.0 {
        Verdict::Good
    } else if lon.abs() > 1000.0 || lat.abs() > 1000.0 {
        Verdict::Projected
    } else if lat.abs() <= 180.0 && lon.abs() <= 90.0 {
        Verdict::Swapped
    } else {
        Verdict::OutOfRange
    }
}

/// Why a position cannot be used (after "row 7: " or "ring 0 vertex 3: ").
pub fn position_problem(verdict: Verdict, lonlat: Position) -> String {
    let [lon, lat] = lonlat;
    match verdict {
        Verdict::Good => String::new(),
        Verdict::NotFinite => "coordinate is not a finite number".into(),
        Verdict::Projected => format!("{lon}, {lat} look like projected metres, not degrees"),
        Verdict::Swapped => {
            format!("longitude {lon}, latitude {lat}: latitude beyond ±90° (swapped?)")
        }
        Verdict::OutOfRange => {
            format!("longitude {lon}, latitude {lat} out of range (±180°, ±90°)")
        }
    }
}

/// How messages name a ring: `ring 1` of a Polygon, `polygon 0 ring 1` of a MultiPolygon.
pub fn ring_label(polygon: Option<usize>, ring: usize) -> String {
    match polygon {
        Some(p) => format!("polygon {p} ring {ring}"),
        None => format!("ring {ring}"),
    }
}

/// The ring rule: repeated consecutive positions dropped, an open ring closed, then at least
/// three distinct vertices (four positions, closed). `label` names the ring for the message.
/// Callers that move positions afterwards (the town loader snaps to micro-degrees) apply it again.
pub fn tidy_ring(ring: &mut Vec<Position>, label: &dyn Fn() -> String) -> Result<(), Issue> {
    ring.dedup();
    if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
        if first != last {
            ring.push(first);
        }
    }
    if ring.len() < 4 {
        let distinct = ring.len().saturating_sub(1);
        return Err(Issue::new(
            Rule::ShortRing,
            format!("{} has {distinct} distinct vertices (a ring needs at least 3)", label()),
        ));
    }
    Ok(())
}

/// A geometry decoded under the rules; the first broken rule is the issue.
pub fn decode(raw: &RawGeometry) -> Result<Geometry, Issue> {
    let geometry = decode_any(raw)?;
    if geometry.is_empty() {
        return Err(Issue::new(Rule::Empty, "geometry is empty"));
    }
    Ok(geometry)
}

fn malformed(text: String) -> Issue {
    Issue::new(Rule::Malformed, text)
}

/// Any geometry, GeometryCollections recursively (their `null` members left out).
fn decode_any(raw: &RawGeometry) -> Result<Geometry, Issue> {
    let kind = raw.kind.as_deref().ok_or_else(|| malformed("geometry has no type".into()))?;
    if kind == "GeometryCollection" {
        let members = raw
            .geometries
            .as_ref()
            .ok_or_else(|| malformed("GeometryCollection has no list of geometries".into()))?;
        let mut out = Vec::with_capacity(members.len());
        for (i, member) in members.iter().enumerate() {
            let in_member =
                |issue: Issue| Issue { text: format!("geometry {i}: {}", issue.text), ..issue };
            match member {
                GeometryValue::Null => {}
                GeometryValue::Bad(reason) => return Err(in_member(malformed(reason.to_string()))),
                GeometryValue::Geometry(g) => out.push(decode_any(g).map_err(in_member)?),
            }
        }
        return Ok(Geometry::GeometryCollection(out));
    }
    if !matches!(
        kind,
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
    ) {
        return Err(Issue::new(
            Rule::UnsupportedType,
            format!("unsupported geometry type {kind:?}"),
        ));
    }
    let c =
        raw.coordinates.as_ref().ok_or_else(|| malformed(format!("{kind} has no coordinates")))?;
    Ok(match kind {
        "Point" => Geometry::Point(position(c, &|| "point".into())?),
        "MultiPoint" => {
            Geometry::MultiPoint(each(c, kind, |i, p| position(p, &|| format!("point {i}")))?)
        }
        "LineString" => Geometry::LineString(line(c, None)?),
        "MultiLineString" => Geometry::MultiLineString(each(c, kind, |i, l| line(l, Some(i)))?),
        "Polygon" => Geometry::Polygon(polygon(c, None)?),
        _ => Geometry::MultiPolygon(each(c, kind, |i, p| polygon(p, Some(i)))?),
    })
}

/// The members of a Multi* geometry's coordinates, each decoded by `f` with its index.
fn each<T>(
    c: &Nested,
    kind: &str,
    f: impl Fn(usize, &Nested) -> Result<T, Issue>,
) -> Result<Vec<T>, Issue> {
    let Nested::List(items) = c else {
        return Err(malformed(format!("{kind} coordinates are not a list")));
    };
    items.iter().enumerate().map(|(i, item)| f(i, item)).collect()
}

/// One position under the position rule; `at` names it ("point", "ring 0 vertex 7").
fn position(p: &Nested, at: &dyn Fn() -> String) -> Result<Position, Issue> {
    let Nested::Pos(lonlat) = p else {
        return Err(Issue::new(
            Rule::NotAPosition,
            format!("{} is not a [longitude, latitude] position", at()),
        ));
    };
    match classify(*lonlat) {
        Verdict::Good => Ok(*lonlat),
        verdict => Err(Issue {
            rule: Rule::BadPosition(verdict),
            text: format!("{}: {}", at(), position_problem(verdict, *lonlat)),
            position: Some(*lonlat),
        }),
    }
}

/// A list of positions; `part` names the line or ring ("", "line 2 ", "polygon 0 ring 1 ").
fn positions(v: &Nested, part: &str) -> Result<Vec<Position>, Issue> {
    let Nested::List(items) = v else {
        return Err(malformed(format!("{part}coordinates are not a list of positions")));
    };
    items.iter().enumerate().map(|(k, p)| position(p, &|| format!("{part}vertex {k}"))).collect()
}

/// The line rule: at least two positions (repeats are kept: a line is drawn as written).
fn line(v: &Nested, index: Option<usize>) -> Result<Vec<Position>, Issue> {
    let part = index.map(|i| format!("line {i} ")).unwrap_or_default();
    let line = positions(v, &part)?;
    if line.len() < 2 {
        let label = index.map_or_else(|| "line".to_string(), |i| format!("line {i}"));
        return Err(Issue::new(
            Rule::ShortLine,
            format!("{label} has {} position(s) (a line needs at least 2)", line.len()),
        ));
    }
    Ok(line)
}

/// A polygon: at least one ring, each under [`tidy_ring`].
fn polygon(v: &Nested, index: Option<usize>) -> Result<PolygonLonLat, Issue> {
    let part = index.map(|p| format!("polygon {p} ")).unwrap_or_default();
    let Nested::List(rings) = v else {
        return Err(malformed(format!("{part}coordinates are not a list of rings")));
    };
    if rings.is_empty() {
        let label = index.map_or_else(|| "polygon".to_string(), |p| format!("polygon {p}"));
        return Err(Issue::new(Rule::NoRings, format!("{label} has no rings")));
    }
    let mut out = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        let mut ring = positions(ring, &format!("{} ", ring_label(index, r)))?;
        tidy_ring(&mut ring, &|| ring_label(index, r))?;
        out.push(ring);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(json: &str) -> Result<Geometry, Issue> {
        let value: GeometryValue = serde_json::from_str(json).expect("any JSON is accepted");
        let GeometryValue::Geometry(g) = value else { panic!("{value:?}") };
        decode(&g)
    }

    fn text(json: &str) -> String {
        decoded(json).err().map(|i| i.text).unwrap_or_default()
    }

    #[test]
    fn decodes_each_geometry_type() {
        assert_eq!(
            decoded(r#"{"type":"Point","coordinates":[113,23,5]}"#),
            Ok(Geometry::Point([113.0, 23.0]))
        );
        assert_eq!(
            decoded(r#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#),
            Ok(Geometry::MultiPoint(vec![[1.0, 2.0], [3.0, 4.0]]))
        );
        let lines = decoded(
            r#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,9]]]}"#,
        );
        assert!(matches!(lines, Ok(Geometry::MultiLineString(l)) if l.len() == 2));
        let open = decoded(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,0],[1,1]]]}"#);
        assert_eq!(
            open,
            Ok(Geometry::Polygon(vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]])),
            "closed, the repeat dropped"
        );
        let collection = r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},null,
            {"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[3,4]]}]}]}"#;
        let expected = Geometry::GeometryCollection(vec![
            Geometry::Point([1.0, 2.0]),
            Geometry::GeometryCollection(vec![Geometry::LineString(vec![[1.0, 2.0], [3.0, 4.0]])]),
        ]);
        assert_eq!(decoded(collection), Ok(expected));
    }

    #[test]
    fn names_the_rule_and_the_part() {
        let short =
            decoded(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#).unwrap_err();
        assert_eq!(
            (short.rule, short.text.as_str()),
            (Rule::ShortRing, "ring 0 has 2 distinct vertices (a ring needs at least 3)")
        );
        assert_eq!(
            text(
                r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]],[[[0,0],[0,0],[1,1]]]]}"#
            ),
            "polygon 1 ring 0 has 2 distinct vertices (a ring needs at least 3)"
        );
        assert_eq!(text(r#"{"type":"MultiPolygon","coordinates":[[]]}"#), "polygon 0 has no rings");
        assert_eq!(text(r#"{"type":"Polygon","coordinates":[]}"#), "polygon has no rings");
        assert_eq!(
            text(r#"{"type":"LineString","coordinates":[[0,0]]}"#),
            "line has 1 position(s) (a line needs at least 2)"
        );
        assert_eq!(
            text(r#"{"type":"MultiLineString","coordinates":[[[0,0],"x"]]}"#),
            "line 0 vertex 1 is not a [longitude, latitude] position"
        );
        assert_eq!(
            text(r#"{"type":"Point","coordinates":[1]}"#),
            "point is not a [longitude, latitude] position"
        );
        assert_eq!(
            text(r#"{"type":"Circle","coordinates":[1,2]}"#),
            "unsupported geometry type \"Circle\""
        );
        assert_eq!(text(r#"{"type":"Point"}"#), "Point has no coordinates");
        assert_eq!(text(r#"{"coordinates":[1,2]}"#), "geometry has no type");
        assert_eq!(
            text(r#"{"type":"GeometryCollection","geometries":[5]}"#),
            "geometry 0: geometry is not a GeoJSON geometry object"
        );
        assert_eq!(text(r#"{"type":"MultiPolygon","coordinates":[]}"#), "geometry is empty");
        assert_eq!(
            text(r#"{"type":"GeometryCollection","geometries":[null]}"#),
            "geometry is empty"
        );
        let far = decoded(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[200,1],[0,0]]]}"#)
            .unwrap_err();
        assert_eq!(far.rule, Rule::BadPosition(Verdict::OutOfRange));
        assert_eq!(
            far.text,
            "ring 0 vertex 2: longitude 200, latitude 1 out of range (±180°, ±90°)"
        );
        assert_eq!(far.position, Some([200.0, 1.0]));
        let swapped = decoded(r#"{"type":"Point","coordinates":[23.1,113.2]}"#).unwrap_err();
        assert_eq!(swapped.rule, Rule::BadPosition(Verdict::Swapped));
        assert_eq!(
            decoded(r#"{"type":"Point","coordinates":[435212,2545000]}"#).unwrap_err().rule,
            Rule::BadPosition(Verdict::Projected)
        );
    }

    #[test]
    fn classifies_positions() {
        assert_eq!(classify([113.2, 23.1]), Verdict::Good);
        assert_eq!(classify([f64::NAN, 23.1]), Verdict::NotFinite);
        assert_eq!(classify([f64::INFINITY, 23.1]), Verdict::NotFinite);
        assert_eq!(classify([435_212.0, 2_545_000.0]), Verdict::Projected);
        assert_eq!(classify([23.1, 113.2]), Verdict::Swapped);
        assert_eq!(classify([200.0, 23.0]), Verdict::OutOfRange);
        assert_eq!(classify([-180.0, -90.0]), Verdict::Good, "the edges are in range");
    }

    #[test]
    fn tidy_ring_repairs_then_counts_distinct_vertices() {
        let mut ring = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]];
        assert_eq!(tidy_ring(&mut ring, &|| "ring 0".into()), Ok(()));
        assert_eq!(ring.len(), 4);
        let mut empty = Vec::new();
        let issue = tidy_ring(&mut empty, &|| "polygon 2 ring 1".into()).unwrap_err();
        assert_eq!(
            issue.text,
            "polygon 2 ring 1 has 0 distinct vertices (a ring needs at least 3)"
        );
    }
}
