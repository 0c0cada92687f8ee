//! `gd-atlas info <name-or-code> [--json]`: everything the atlas knows about a region, place or
//! line: names, level, parent chain, geometry kind, indicators (as stated and corrected), excerpts.

use serde_json::{json, Value};

use super::json::{geometry_words, region_ref};
use super::{load_atlas, Cli, Failure};
use crate::model::census::words;
use crate::model::search::Resolution;
use crate::model::{Atlas, Excerpt, Indicator, Relevance, Subject};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A code (441204115), id (GD034, L001) or name (金利镇, Jinli, Gao Yao, Bao'an), or a name
    /// with a parent (四会市大沙镇, "Dasha, Sihui") when several regions share it.
    pub query: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    let atlas = load_atlas(cli)?;
    let (subject, also) = match atlas.resolve(&args.query) {
        Resolution::Found { subject, also } => (subject, also),
        Resolution::Ambiguous(candidates) => {
            return Err(ambiguous(&atlas, &args.query, &candidates, args.json))
        }
        Resolution::NotFound => {
            return Err(Failure::data(format!("no region, place or line matches {:?}", args.query)))
        }
    };
    let mut value = subject_json(&atlas, &subject);
    if args.json {
        value["also"] = Value::Array(also.iter().map(|s| candidate_json(&atlas, s)).collect());
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        print_text(&atlas, &subject, &value);
        if !also.is_empty() {
            let others: Vec<String> = also.iter().map(|s| candidate_text(&atlas, s)).collect();
            println!("\nalso: {}", others.join("; "));
        }
    }
    Ok(())
}

/// "保安镇 Bao'an Town, Lianzhou City, Qingyuan City (441882105)": a subject with its parents.
fn candidate_text(atlas: &Atlas, subject: &Subject) -> String {
    let code = match subject {
        Subject::Region(c) | Subject::Place(c) | Subject::Line(c) => c.clone(),
        Subject::Feature(_) => String::new(),
    };
    let parents = match subject {
        Subject::Region(c) => {
            atlas.region_by_code(c).map(|i| parent_names(atlas, i)).unwrap_or_default()
        }
        _ => String::new(),
    };
    let sep = if parents.is_empty() { "" } else { ", " };
    format!("{}{sep}{parents} ({code})", atlas.subject_label(subject))
}

/// English names of a region's parents below the province, nearest first.
fn parent_names(atlas: &Atlas, idx: usize) -> String {
    let chain = atlas.parent_chain(idx);
    chain[1..]
        .iter()
        .filter(|&&p| atlas.regions[p].level != crate::model::Level::Province)
        .map(|&p| atlas.regions[p].name_en.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn candidate_json(atlas: &Atlas, subject: &Subject) -> Value {
    match subject {
        Subject::Region(code) => match atlas.region_by_code(code) {
            Some(i) => {
                let mut v = region_ref(atlas, i);
                v["parent_chain"] = Value::Array(
                    atlas
                        .parent_chain(i)
                        .into_iter()
                        .skip(1)
                        .map(|p| region_ref(atlas, p))
                        .collect(),
                );
                v
            }
            None => json!({ "code": code }),
        },
        other => json!({ "label": atlas.subject_label(other) }),
    }
}

/// Several regions of one level share the name: list them all (with their parents, so the
/// reader can pick) and fail with the usage exit code, naming the forms that would be exact.
fn ambiguous(atlas: &Atlas, query: &str, candidates: &[Subject], json: bool) -> Failure {
    if json {
        let list: Vec<Value> = candidates.iter().map(|s| candidate_json(atlas, s)).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "query": query, "ambiguous": list }))
                .unwrap_or_default()
        );
    } else {
        println!("{query:?} names {} regions of the same level:", candidates.len());
        for subject in candidates {
            println!("- {}", candidate_text(atlas, subject));
        }
    }
    Failure::usage(format!(
        "{query:?} is ambiguous ({} matches): give the code or the name with its parent (四会市大沙镇, \"Dasha, Sihui\")",
        candidates.len()
    ))
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
    if let Some(kind) = ind.correction_kind {
        v["corrected"] = json!(format!("{} {}", ind.value_corrected, ind.unit_corrected).trim());
        v["correction_words"] = json!(kind.describe_en());
    }
    v
}

fn excerpt_json(atlas: &Atlas, ex: &Excerpt) -> Value {
    let mut v = serde_json::to_value(ex).unwrap_or(Value::Null);
    v["document_title"] = json!(document_title(atlas, &ex.document));
    v
}

pub fn subject_json(atlas: &Atlas, subject: &Subject) -> Value {
    let indicators: Vec<Value> =
        atlas.indicators_for(subject).into_iter().map(|i| indicator_json(atlas, i)).collect();
    let excerpts: Vec<Value> =
        atlas.excerpts_for(subject).into_iter().map(|e| excerpt_json(atlas, e)).collect();
    let mut v = match subject {
        Subject::Region(code) => {
            let Some(idx) = atlas.region_by_code(code) else { return Value::Null };
            let r = &atlas.regions[idx];
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["kind"] = json!("region");
            v["geometry_words"] = json!(geometry_words(r.geometry));
            v["parent_chain"] = Value::Array(
                atlas.parent_chain(idx).into_iter().skip(1).map(|p| region_ref(atlas, p)).collect(),
            );
            v["places"] =
                json!(atlas.places_in(idx).iter().map(|p| p.id.clone()).collect::<Vec<_>>());
            if let Some(census) = census_json(atlas, idx) {
                v["census"] = census;
            }
            v
        }
        Subject::Place(id) => {
            let Some(p) = atlas.place_by_id(id) else { return Value::Null };
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            v["kind_of_subject"] = json!("place");
            v["precision_words"] = json!(p.precision.describe_en());
            if let Some(r) = atlas.region_by_code(&p.region_code) {
                v["parent_chain"] = Value::Array(
                    atlas.parent_chain(r).into_iter().map(|i| region_ref(atlas, i)).collect(),
                );
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
    // Each excerpt carries `relevance` ("about" | "mentioned") and its `relevance_rule`; the
    // excerpts about the subject come first.
    let about =
        atlas.excerpts_for(subject).iter().filter(|e| e.relevance == Relevance::About).count();
    v["excerpts_about"] = json!(about);
    v["excerpts_mentioned"] = json!(excerpts.len() - about);
    v["excerpts"] = Value::Array(excerpts);
    v
}

/// The 2020 census figures of a census unit: every statistic with its value, rank among its
/// peers, the province's value, formula and cited cells, or why it has no value; and the
/// cross-checks of the documents' claims.
fn census_json(atlas: &Atlas, region: usize) -> Option<Value> {
    let census = &atlas.census;
    let unit = census.units.iter().find(|u| u.region == region)?;
    let figures: Vec<Value> = census
        .statistics
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut f = json!({
                "id": s.id, "group": s.group, "name_en": s.name_en, "name_zh": s.name_zh,
                "unit_en": s.unit_en, "unit_zh": s.unit_zh, "definition_en": s.definition_en,
                "headline": s.headline.is_some(), "province_value": census.province_value(i),
            });
            match census.value(i, region) {
                Some(Ok(v)) => {
                    f["value"] = json!(v.value);
                    f["text"] = json!(words::value_text(s, v.value, crate::i18n::Lang::En));
                    f["formula"] = json!(v.formula);
                    f["cells"] = serde_json::to_value(&v.cells).unwrap_or(Value::Null);
                    if let Some(area) = v.area_km2 {
                        f["area_km2"] = json!(area);
                        f["area_note"] = json!("area computed from the boundaries");
                    }
                    if let Some(note) = &v.note {
                        f["comparable_because"] = json!(note.en);
                        f["comparable_because_zh"] = json!(note.zh);
                    }
                    if let Some(rank) = census.rank(i, region) {
                        f["rank"] =
                            json!({ "rank": rank.rank, "of": rank.of, "peers": unit.peers });
                    }
                }
                Some(Err(why)) => {
                    f["value"] = Value::Null;
                    f["no_data"] = json!(why.en);
                    f["no_data_zh"] = json!(why.zh);
                    f["no_data_short"] = json!(why.short_en);
                    f["no_data_short_zh"] = json!(why.short_zh);
                }
                None => {}
            }
            f
        })
        .collect();
    let checks: Vec<Value> = census
        .cross_checks_for(&unit.code)
        .into_iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .collect();
    let note = census.unit_note(&unit.code).map(|(en, _)| en.clone());
    Some(json!({
        "unit_note": note,
        "period": "2020-11-01",
        "credit": crate::model::census::CREDIT_EN,
        "peers": unit.peers,
        "figures": figures,
        "cross_checks": checks,
    }))
}

fn print_census(v: &Value) {
    let Some(census) = v.get("census") else { return };
    println!("\n2020 census ({}):", census["credit"].as_str().unwrap_or(""));
    if let Some(note) = census["unit_note"].as_str() {
        println!("note: {note}");
    }
    for f in census["figures"].as_array().into_iter().flatten() {
        let name = f["name_en"].as_str().unwrap_or("");
        match (f["text"].as_str(), f["no_data"].as_str()) {
            (Some(text), _) => {
                let rank = f.get("rank").map_or(String::new(), |r| {
                    format!(
                        " — {} of {} {}",
                        words::ordinal(r["rank"].as_u64().unwrap_or(0) as usize),
                        r["of"],
                        r["peers"].as_str().unwrap_or("")
                    )
                });
                let cell = f["cells"].get(0).map_or(String::new(), |c| {
                    format!("{}:{}", c["file"].as_str().unwrap_or(""), c["line"])
                });
                println!(
                    "- {name}: {text}{rank}  [{} · {cell}]",
                    f["formula"].as_str().unwrap_or("")
                );
            }
            (None, Some(why)) => {
                let short = f["no_data_short"].as_str().unwrap_or("");
                println!("- {name}: no data ({short}: {why})")
            }
            _ => {}
        }
    }
    for c in census["cross_checks"].as_array().into_iter().flatten() {
        println!("cross-check: the document says: {}", c["claim_en"].as_str().unwrap_or(""));
        println!("    census: {}", c["census_en"].as_str().unwrap_or(""));
        println!("    other reading: {}", c["other_reading_en"].as_str().unwrap_or(""));
    }
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
            .map(|r| {
                format!(
                    "{} {} ({})",
                    r["name_zh"].as_str().unwrap_or(""),
                    r["name_en"].as_str().unwrap_or(""),
                    r["code"].as_str().unwrap_or("")
                )
            })
            .collect();
        if !names.is_empty() {
            println!("in: {}", names.join(" › "));
        }
    }
    print_census(v);
    let indicators = atlas.indicators_for(subject);
    if !indicators.is_empty() {
        println!("\nindicators:");
    }
    for ind in indicators {
        // Joined as the panel joins them: "about 30% lower", "84 places (2022 rank …)".
        let stated = ind.stated(crate::i18n::Lang::En);
        println!("- {} ({}): {} as stated", ind.indicator, ind.period, stated);
        match ind.correction_kind {
            Some(kind) => println!(
                "    {}: {} — {}",
                kind.describe_en(),
                ind.corrected(crate::i18n::Lang::En),
                ind.correction_reason
            ),
            None if !ind.correction_reason.is_empty() => {
                println!("    note: {}", ind.correction_reason)
            }
            None => {}
        }
        if !ind.subject_label.is_empty() {
            println!("    source's label: {}", ind.subject_label);
        }
        println!("    {} “{}”", ind.document, ind.excerpt);
    }
    let excerpts = atlas.excerpts_for(subject);
    let (about, mentioned): (Vec<&Excerpt>, Vec<&Excerpt>) =
        excerpts.into_iter().partition(|e| e.relevance == Relevance::About);
    if !about.is_empty() || !mentioned.is_empty() {
        println!("\nexcerpts about it ({}):", about.len());
    }
    for ex in about {
        print_excerpt(atlas, ex);
    }
    if !mentioned.is_empty() {
        println!("\nalso mentioned in ({}):", mentioned.len());
    }
    for ex in mentioned {
        print_excerpt(atlas, ex);
    }
}

/// One excerpt: document, how it was linked and why it is about the subject or a passing mention.
fn print_excerpt(atlas: &Atlas, ex: &Excerpt) {
    let title = document_title(atlas, &ex.document);
    let how = match (ex.link, &ex.reason) {
        (crate::model::LinkKind::BySection | crate::model::LinkKind::ByParagraph, Some(reason)) => {
            format!(" [linked by {}; {}]", reason.describe(), ex.relevance_rule.describe())
        }
        (_, Some(reason)) => {
            format!(" [found by {}; {}]", reason.describe(), ex.relevance_rule.describe())
        }
        (_, None) => String::new(),
    };
    println!("- {} ({}){how}\n    “{}”", ex.document, title, ex.text);
}
