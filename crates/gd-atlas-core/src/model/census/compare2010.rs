//! May a unit's 2010 county-table row be compared with its 2020 row? The 2010 yearbook is on
//! 2010 units: a code that still exists may cover a different area now (Huangpu absorbed
//! Luogang, Bao'an lost Longhua and Guangming, whole cities' districts were redrawn). A change
//! is only computed where the data itself shows the unit is the same; otherwise the unit has
//! no value and the reason says why — never a guess.
//!
//! The evidence, for a county: (1) its code is in both tables with the same name; (2) its
//! city has exactly the same county codes and names in both; (3) the city's 2010 county rows
//! add up exactly to the city's 2010 population adjusted to 2020 boundaries by the dataset's
//! authors — so no people moved in or out of the city with a boundary. A town moved between two
//! counties of one city would pass (1)–(3) unseen; the note says so.

use super::tables::{number, Tables};
use super::{Comparable, NoValue, Peers, Unit};

const CITY_2010_ADJUSTED: &str = "popu_2010";
const C2010_POPULATION: &str = "合计";

/// The short phrase of every reason a 2010 row may not be compared: the unit's area may differ.
const REDRAWN: (&str, &str) = ("boundaries changed since 2010", "2010年后区划有变");

/// For each unit: `Ok(why comparable)` or `Err(why not)`, one line each.
pub fn comparability(tables: &Tables, units: &[Unit]) -> Vec<Result<Comparable, NoValue>> {
    units.iter().map(|u| unit_comparability(tables, u)).collect()
}

fn unit_comparability(tables: &Tables, unit: &Unit) -> Result<Comparable, NoValue> {
    same_code_and_name(tables, &unit.code)?;
    let (en, zh) = match unit.peers {
        Peers::Province => (
            "same code and name in both censuses; Guangdong's boundary has not changed since 1988"
                .to_string(),
            "两次普查代码与名称相同；广东省界自1988年以来未变".to_string(),
        ),
        Peers::Cities => (
            "same code and name in both censuses".to_string(),
            "两次普查代码与名称相同".to_string(),
        ),
        Peers::Counties => {
            let city = city_code(&unit.code);
            same_counties(tables, &city)?;
            adds_up(tables, &city)?;
            (
                format!(
                    "same code and name in both censuses, its city {city} has the same counties in both, and their 2010 rows add up to the city's 2010 population on 2020 boundaries (a town moved between two counties of the city would not show)"
                ),
                format!(
                    "两次普查代码与名称相同，所属地级市 {city} 两次普查的县级单位相同，且这些县级单位的2010年人口之和等于该市按2020年区划调整的2010年人口（同一地级市内乡镇在县之间的调整无法由此看出）"
                ),
            )
        }
    };
    Ok(Comparable { en, zh })
}

fn city_code(county: &str) -> String {
    format!("{}00", county.get(..4).unwrap_or(county))
}

fn same_code_and_name(tables: &Tables, code: &str) -> Result<(), NoValue> {
    let row_2020 = tables.c2020.row_of(code).ok_or_else(|| {
        NoValue::new(
            ("no 2020 row", "无2020年数据行"),
            format!("{code} has no 2020 row"),
            format!("{code} 没有2020年的数据行"),
        )
    })?;
    let row_2010 = tables.c2010.row_of(code).ok_or_else(|| {
        NoValue::new(
            ("new or renumbered since 2010", "2010年后新设或改代码"),
            format!("code {code} did not exist in 2010: the unit was created or renumbered since"),
            format!("代码 {code} 在2010年不存在：该单位此后新设或更改了代码"),
        )
    })?;
    let (name_2020, name_2010) = (tables.c2020.name(row_2020), tables.c2010.name(row_2010));
    if !same_name(name_2020, name_2010) {
        return Err(NoValue::new(
            ("renamed since 2010", "2010年后更名"),
            format!("code {code} was {name_2010} in 2010 and is {name_2020} in 2020"),
            format!("代码 {code} 在2010年为{name_2010}，2020年为{name_2020}"),
        ));
    }
    Ok(())
}

/// The 2010 transcription writes two names (从化巿 440184, 罗定巿 445381) with 巿 (U+5DFF, "fú"),
/// a look-alike of 市: read as 市, so a typo is not taken for a renamed unit.
fn normalised_name(name: &str) -> String {
    name.replace('\u{5DFF}', "市")
}

fn same_name(a: &str, b: &str) -> bool {
    normalised_name(a) == normalised_name(b)
}

/// The county rows of a city in one table: (code, name), sorted.
fn counties_of(table: &super::RawTable, city: &str) -> Vec<(String, String)> {
    let prefix = &city[..4.min(city.len())];
    let mut out: Vec<(String, String)> = (0..table.rows.len())
        .map(|r| (table.code(r), r))
        .filter(|(code, _)| code.starts_with(prefix) && !code.ends_with("00"))
        .map(|(code, r)| (code.to_string(), normalised_name(table.name(r))))
        .collect();
    out.sort();
    out
}

fn same_counties(tables: &Tables, city: &str) -> Result<(), NoValue> {
    if counties_of(&tables.c2010, city) != counties_of(&tables.c2020, city) {
        return Err(NoValue::new(
            REDRAWN,
            format!("the counties of city {city} were redrawn between 2010 and 2020 (different codes or names)"),
            format!("地级市 {city} 的县级区划在2010至2020年间调整过（代码或名称不同）"),
        ));
    }
    Ok(())
}

fn adds_up(tables: &Tables, city: &str) -> Result<(), NoValue> {
    let adjusted = tables
        .city
        .row_of(city)
        .and_then(|r| tables.city.cell(r, CITY_2010_ADJUSTED))
        .and_then(|c| number(c.stated).ok().flatten())
        .ok_or_else(|| {
            NoValue::new(
                ("no 2010 city total to check", "无2010年全市总数可核对"),
                format!("no 2010 population of city {city} on 2020 boundaries"),
                format!("没有地级市 {city} 按2020年区划调整的2010年人口"),
            )
        })?;
    let mut sum = 0.0;
    for (code, _) in counties_of(&tables.c2010, city) {
        let not_given = || {
            NoValue::new(
                ("2010 figure not given", "2010年数据未列"),
                format!("2010 population of {code} not given"),
                format!("{code} 的2010年人口未列"),
            )
        };
        // `counties_of` listed the code from this very table, so its row exists.
        let row = tables.c2010.row_of(&code).ok_or_else(not_given)?;
        let cell = tables.c2010.cell(row, C2010_POPULATION).ok_or_else(|| {
            NoValue::new(
                ("column missing", "缺少数据列"),
                format!("no column {C2010_POPULATION:?} in the 2010 table"),
                format!("2010年表中没有数据列 {C2010_POPULATION:?}"),
            )
        })?;
        sum += number(cell.stated).ok().flatten().ok_or_else(not_given)?;
    }
    if sum != adjusted {
        return Err(NoValue::new(
            REDRAWN,
            format!(
                "the 2010 counties of city {city} add up to {sum:.0}, not to its 2010 population on 2020 boundaries ({adjusted:.0}): people moved with a boundary"
            ),
            format!(
                "地级市 {city} 2010年各县级单位合计 {sum:.0} 人，与按2020年区划调整的全市2010年人口（{adjusted:.0} 人）不符：有人口随边界调整迁移"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_look_alike_fu_reads_as_shi() {
        assert!(same_name("罗定巿", "罗定市"));
        assert!(!same_name("罗定市", "云安区"));
    }
}
