//! `gd-atlas validate`: load everything (the loader stops at the first broken row) and run the
//! whole-atlas checks; print counts, warnings and every error as `file:line: problem`.

use super::{load_atlas, Cli, Failure};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// List every item of a grouped warning (by default: the count and the first five).
    #[arg(long)]
    pub verbose: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    let atlas = load_atlas(cli)?;
    let report = atlas.validate();
    let c = &report.counts;
    println!("data: {}", describe_source(&atlas.source));
    println!(
        "regions: {} province, {} cities, {} counties, {} towns",
        c.provinces, c.cities, c.counties, c.towns
    );
    println!(
        "towns: {} real, {} approximate (Voronoi cells around seats), {} without geometry",
        c.towns_real, c.towns_approximate, c.towns_no_geometry
    );
    println!(
        "places: {}, lines: {}, documents: {}, indicators: {}",
        c.places, c.lines, c.documents, c.indicators
    );
    println!(
        "excerpts: {} curated, {} linked by name, {} by section, {} by paragraph ({} about their place, {} passing mentions); known exceptions: {}",
        c.excerpts_curated,
        c.excerpts_by_name,
        c.excerpts_by_section,
        c.excerpts_by_paragraph,
        c.excerpts_about,
        c.excerpts_mentioned,
        c.known_exceptions
    );
    let census = &atlas.census;
    if census.is_empty() {
        println!("census: no data/census/catalogue.csv: no census figures");
    } else {
        println!(
            "census: {} statistics, {} units, {} cross-checks ({})",
            census.statistics.len(),
            census.units.len(),
            census.cross_checks.len(),
            crate::model::census::CREDIT_EN
        );
    }
    for w in &report.warnings {
        println!("warning: {w}");
    }
    for list in &report.lists {
        println!("warning: {}", list.line(args.verbose));
    }
    for e in &report.errors {
        eprintln!("{e}");
    }
    if report.errors.is_empty() {
        println!("ok");
        Ok(())
    } else {
        Err(Failure::data(format!("{} problems found", report.errors.len())))
    }
}

fn describe_source(source: &crate::model::DataSource) -> String {
    match source {
        crate::model::DataSource::Embedded => "embedded copy".into(),
        crate::model::DataSource::Dir { data, assets } => format!(
            "{} (assets: {})",
            data.display(),
            assets.as_ref().map_or("embedded".into(), |a| a.display().to_string())
        ),
    }
}
