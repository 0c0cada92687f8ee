//! `gd-atlas at <lon> <lat> [--json]`: the regions containing a WGS84 point.

use serde_json::json;

use super::json::{region_ref, APPROXIMATE_NOTE};
use super::{load_atlas, Cli, Failure};
use crate::model::{GeometryKind, LonLat};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Longitude, WGS84 degrees (e.g. 112.585).
    #[arg(allow_hyphen_values = true)]
    pub lon: String,
    /// Latitude, WGS84 degrees (e.g. 23.06).
    #[arg(allow_hyphen_values = true)]
    pub lat: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Parses `lon lat` strictly: numbers, finite, in range.
pub fn parse_lonlat(lon: &str, lat: &str) -> Result<LonLat, Failure> {
    let num = |s: &str, what: &str, limit: f64| -> Result<f64, Failure> {
        let v: f64 = s
            .trim()
            .parse()
            .map_err(|_| Failure::usage(format!("{what} {s:?} is not a number")))?;
        if !v.is_finite() || v.abs() > limit {
            return Err(Failure::usage(format!("{what} {s} is out of range (-{limit}..{limit})")));
        }
        Ok(v)
    };
    Ok([num(lon, "longitude", 180.0)?, num(lat, "latitude", 90.0)?])
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    let lonlat = parse_lonlat(&args.lon, &args.lat)?;
    let atlas = load_atlas(cli)?;
    let at = atlas.at(lonlat);
    let levels =
        [("province", at.province), ("city", at.city), ("county", at.county), ("town", at.town)];
    if args.json {
        let mut out = json!({ "lon": lonlat[0], "lat": lonlat[1] });
        for (name, idx) in levels {
            out[name] = idx.map_or(serde_json::Value::Null, |i| region_ref(&atlas, i));
        }
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(());
    }
    println!("point: {} {}", lonlat[0], lonlat[1]);
    if levels.iter().all(|(_, idx)| idx.is_none()) {
        println!("outside Guangdong: no region here");
        return Ok(());
    }
    for (name, idx) in levels {
        match idx {
            Some(i) => {
                let r = &atlas.regions[i];
                let note = if r.geometry == GeometryKind::Approximate {
                    format!("  ({APPROXIMATE_NOTE})")
                } else {
                    String::new()
                };
                println!("{name:>8}: {} {} ({}){note}", r.name_zh, r.name_en, r.code);
            }
            None => println!("{name:>8}: -"),
        }
    }
    Ok(())
}
