//! `gd-atlas info <name-or-code> [--json]`: everything the atlas knows about a region, place or
//! line: names, level, parent chain, geometry kind, indicators (as stated and corrected), excerpts.

use serde_json::{json, Value};

use super::json::{geometry_words, region_ref};
use super::{load_atlas, Cli, Failure};
use crate::model::{Atlas, Excerpt, Indicator, Subject};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A code (441204115), id (GD034, L001) or name (金利镇, Jinli, Gao Yao).
    pub query: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    let atlas = load_atlas(cli)?;
    let hits = atlas.find(&args.query);
    let Some(subject) = hits.first() else {
        return Err(Failure::data(format!("no region, place or line matches {:?}", args.query)));
    };
    let value = subject_json(&atlas, subject);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        print_text(&atlas, subject, &value);
        if hits.len() > 1 {
            let others: Vec<String> = hits[1..hits.len().min(6)].iter().map(|s| atlas.subject_label(s)).collect();
            println!("\nother matches: {}", others.join("; "));
        }
    }
    Ok(())
}

fn document_title(atlas: &Atlas, file: &str) -> String {
    match atlas.document(file) {
        Some(d) if !d.title.trim().is_empty() => d.title.clone(),
        Some(_) => "no title stated".into(),
        None => String::new(),
    }
}

fn indicator_json(atlas: &Atlas, ind: &Indicator) -> Value {
    let mut v = serde_json::to_value(ind).unwrap_or(Value::Null);
    v["document_title"] = json!(document_title(atlas, &ind.document));
    v["stated"] = json!(format!("{} {}", ind.value_as_stated, ind.unit_as_stated).trim());
    if ind.is_corrected() {
        v["corrected"] = json!(format!("{} {}", ind.value_corrected, ind.unit_corrected).trim());
    }
    v
}

fn excerpt_json(atlas: &Atlas, ex: &Excerpt) -> Value {
    let mut v = serde_json::to_value(ex).unwrap_or(Value::Null);
    v["document_title"] = json!(document_title(atlas, &ex.document));
    v
}

pub fn subject_json(atlas: &Atlas, subject: &Subject) -> Value {
    let indicators: Vec<Value> = atlas.indicators_for(subject).into_iter().map(|i| indicator_json(atlas, i)).collect();
    let excerpts: Vec<Value> = atlas.excerpts_for(subject).into_iter().map(|e| excerpt_json(atlas, e)).collect();
    let mut v = match subject {
        Subject::Region(code) => {
            let Some(idx) = atlas.region_by_code(code) else { return Value::Null };
            let r = &atlas.regions[idx];
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["kind"] = json!("region");
            v["geometry_words"] = json!(geometry_words(r.geometry));
            v["parent_chain"] = Value::Array(atlas.parent_chain(idx).into_iter().skip(1).map(|p| region_ref(atlas, p)).collect());
            v["places"] = json!(atlas.places_in(idx).iter().map(|p| p.id.clone()).collect::<Vec<_>>());
            v
        }
        Subject::Place(id) => {
            let Some(p) = atlas.place_by_id(id) else { return Value::Null };
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            v["kind_of_subject"] = json!("place");
            v["precision_words"] = json!(p.precision.describe_en());
            if let Some(r) = atlas.region_by_code(&p.region_code) {
                v["parent_chain"] = Value::Array(atlas.parent_chain(r).into_iter().map(|i| region_ref(atlas, i)).collect());
            }
            v
        }
        Subject::Line(id) => {
            let Some(l) = atlas.line_by_id(id) else { return Value::Null };
            let mut v = serde_json::to_value(l).unwrap_or(Value::Null);
            v["kind"] = json!("line");
            v["schematic"] = json!(l.is_schematic());
            v
        }
        // The command line names regions, places and lines only.
        Subject::Feature(_) => return Value::Null,
    };
    v["indicators"] = Value::Array(indicators);
    v["excerpts"] = Value::Array(excerpts);
    v
}

fn print_text(atlas: &Atlas, subject: &Subject, v: &Value) {
    let s = |key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    match subject {
        Subject::Region(_) => {
            println!("{} {} ({})", s("name_zh"), s("name_en"), s("code"));
            println!("level: {} ({})", s("level"), s("unit_kind"));
            if !s("name_pinyin").is_empty() {
                println!("pinyin: {}", s("name_pinyin"));
            }
            println!("geometry: {}", s("geometry_words"));
        }
        Subject::Place(_) => {
            println!("{} {} ({})", s("name_zh"), s("name_en"), s("id"));
            println!("kind: {} {}, status: {}", s("kind"), s("subkind"), s("status"));
            println!("precision: {}", s("precision_words"));
        }
        Subject::Line(_) => {
            println!("{} {} ({})", s("name_zh"), s("name_en"), s("id"));
            println!("status: {}, geometry: {} alignment", s("status"), s("geometry_quality"));
        }
        Subject::Feature(_) => {}
    }
    if let Some(chain) = v.get("parent_chain").and_then(Value::as_array) {
        let names: Vec<String> = chain
            .iter()
            .map(|r| format!("{} {} ({})", r["name_zh"].as_str().unwrap_or(""), r["name_en"].as_str().unwrap_or(""), r["code"].as_str().unwrap_or("")))
            .collect();
        if !names.is_empty() {
            println!("in: {}", names.join(" › "));
        }
    }
    let indicators = atlas.indicators_for(subject);
    if !indicators.is_empty() {
        println!("\nindicators:");
    }
    for ind in indicators {
        println!("- {} ({}): {} {} as stated", ind.indicator, ind.period, ind.value_as_stated, ind.unit_as_stated);
        if ind.is_corrected() {
            println!("    corrected: {} {} — {}", ind.value_corrected, ind.unit_corrected, ind.correction_reason);
        }
        if !ind.subject_label.is_empty() {
            println!("    source's label: {}", ind.subject_label);
        }
        println!("    {} “{}”", ind.document, ind.excerpt);
    }
    let excerpts = atlas.excerpts_for(subject);
    if !excerpts.is_empty() {
        println!("\nexcerpts:");
    }
    for ex in excerpts {
        let title = document_title(atlas, &ex.document);
        let how = match &ex.matched_name {
            Some(name) => format!(" [found by name: {name}]"),
            None => String::new(),
        };
        println!("- {} ({}){how}\n    “{}”", ex.document, title, ex.text);
    }
}
