//! What each corrected indicator value is (`correction_kind`), and the rows re-decided after the
//! second data audit (issue 11 §3). The gazetteer's `value_corrected` mixes corrections of
//! garbled text, unit conversions, derived values and cross-checks; this table gives every
//! corrected row its kind, and the build refuses a corrected value without one.

/// `correction_kind` of every indicator that has a corrected value.
pub const KINDS: &[(&str, &str)] = &[
    ("IND005", "garbled"),    // list size lost in conversion ("top <>")
    ("IND007", "garbled"),    // 亿 rendered as "billion"
    ("IND009", "garbled"),    // 亿 rendered as "billion"
    ("IND010", "derived"),    // "half" of the top ten → 5
    ("IND013", "derived"),    // a duration computed from two clock times
    ("IND014", "garbled"),    // 万 rendered as "million"
    ("IND015", "garbled"),    // ",9" of "连续9年" fused into the number
    ("IND017", "garbled"),    // "1000,6583": unresolved
    ("IND018", "garbled"),    // "<>,<>": lost
    ("IND039", "garbled"),    // "200 … projects. Above," = 200个以上
    ("IND050", "garbled"),    // 亩 rendered as "acres"
    ("IND054", "garbled"),    // 连续四年进位 rendered as "ranked … for four consecutive years"
    ("IND057", "conversion"), // jin → tonnes
    ("IND058", "garbled"),    // "1,000,000 … billion"
    ("IND069", "derived"),    // 816 + 84
    ("IND078", "cross_check"),
    ("IND092", "garbled"), // 千亿级 rendered as "billion level"
    ("IND095", "garbled"), // 亩 rendered as "acres"
    ("IND101", "cross_check"),
];

/// One re-decided row: the columns it replaces (`None` keeps the gazetteer's value).
pub struct Decision {
    pub id: &'static str,
    pub indicator: Option<&'static str>,
    pub subject_label: Option<&'static str>,
    pub value_as_stated: Option<&'static str>,
    pub unit_as_stated: Option<&'static str>,
    pub value_corrected: Option<&'static str>,
    pub unit_corrected: Option<&'static str>,
    pub reason: &'static str,
}

const KEEP: Decision = Decision {
    id: "",
    indicator: None,
    subject_label: None,
    value_as_stated: None,
    unit_as_stated: None,
    value_corrected: None,
    unit_corrected: None,
    reason: "",
};

/// The doubtful rows, decided against the documents in `data/documents/`.
pub const DECISIONS: &[Decision] = &[
    Decision {
        id: "IND013",
        value_as_stated: Some("dispatch 8 a.m., receipt 4 p.m."),
        unit_as_stated: Some(""),
        value_corrected: Some("8"),
        unit_corrected: Some("hours"),
        reason: "Derived: 4 p.m. − 8 a.m. = 8 hours. The sentence states two clock times, not a duration.",
        ..KEEP
    },
    Decision {
        id: "IND015",
        value_corrected: Some("11,211"),
        unit_corrected: Some("km"),
        reason: "\"11211,9\" is not a decimal: the official end-2022 figure is 11,211 km, and the \",9\" is the 9 of the Chinese \
                 \"连续9年\" (nine consecutive years, still written out after it) fused into the number by the translation.",
        ..KEEP
    },
    Decision {
        id: "IND026",
        indicator: Some("economic size of the Guangzhou metropolitan area (not of Guangdong)"),
        reason: "The 4 trillion yuan is the Guangzhou metropolitan area's (广州都市圈: Guangzhou, Foshan, Zhaoqing, Qingyuan, Yunfu, \
                 Shaoguan), which Zhaoqing joined; Guangdong's own GDP was about 12 trillion. It is attached to the province only \
                 because the atlas has no region for the metropolitan area and the province contains it.",
        ..KEEP
    },
    Decision {
        id: "IND054",
        indicator: Some("consecutive years moving up in the national high-tech zone comprehensive evaluation"),
        value_corrected: Some("four (moving up each year, probable)"),
        unit_corrected: Some("years"),
        reason: "Every national high-tech zone is ranked in the annual comprehensive evaluation, so \"has been ranked … for four \
                 consecutive years\" says nothing as translated; it reads as 连续四年进位 (moved up four years in a row). No rank \
                 position was lost: the sentence is complete. Probable reading, not stated.",
        ..KEEP
    },
    Decision {
        id: "IND098",
        subject_label: Some(""),
        reason: "The subject is GD065, the three cities together, which is what \"three\" counts; they lie in Jinli. The former label \
                 \"Jinli Town\" was that town, not the source's wording (the sentence's actor is Gaoyao, building in the Jinli \
                 Starting Zone), so no label is kept.",
        ..KEEP
    },
    Decision {
        id: "IND034",
        value_corrected: Some(""),
        unit_corrected: Some(""),
        reason: "The stated \"more than 100\" stands. The \"100,000,000,000\" project in the text is the name of the \
                 一十百千万 (One-Ten-Hundred-Thousand-Ten-thousand) programme, not a number.",
        ..KEEP
    },
];

/// Applies the decision for `id` to a row in `indicators_header()` order, and fills its kind.
/// Errors name the row: a corrected value without a kind, or a kind without a value.
pub fn apply(id: &str, row: &mut IndicatorColumns) -> Result<(), String> {
    if let Some(d) = DECISIONS.iter().find(|d| d.id == id) {
        let set = |slot: &mut String, value: Option<&str>| {
            if let Some(v) = value {
                *slot = v.to_string();
            }
        };
        set(&mut row.indicator, d.indicator);
        set(&mut row.subject_label, d.subject_label);
        set(&mut row.value_as_stated, d.value_as_stated);
        set(&mut row.unit_as_stated, d.unit_as_stated);
        set(&mut row.value_corrected, d.value_corrected);
        set(&mut row.unit_corrected, d.unit_corrected);
        row.correction_reason = d.reason.to_string();
    }
    let kind = KINDS.iter().find(|(k, _)| *k == id).map(|(_, kind)| *kind).unwrap_or("");
    match (row.value_corrected.trim().is_empty(), kind.is_empty()) {
        (false, true) => Err(format!(
            "{id}: value_corrected {:?} has no correction_kind in corrections::KINDS",
            row.value_corrected
        )),
        (true, false) => Err(format!("{id}: correction_kind {kind} without a value_corrected")),
        _ => {
            row.correction_kind = kind.to_string();
            Ok(())
        }
    }
}

/// The columns of one indicator row that a decision may change.
#[derive(Default)]
pub struct IndicatorColumns {
    pub indicator: String,
    pub subject_label: String,
    pub value_as_stated: String,
    pub unit_as_stated: String,
    pub value_corrected: String,
    pub unit_corrected: String,
    pub correction_kind: String,
    pub correction_reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrected_value_needs_a_kind_and_a_kind_needs_a_value() {
        let mut row = IndicatorColumns { value_corrected: "3".into(), ..Default::default() };
        assert!(apply("IND999", &mut row).unwrap_err().contains("no correction_kind"));
        let mut row = IndicatorColumns::default();
        assert!(apply("IND057", &mut row).unwrap_err().contains("without a value_corrected"));
        let mut row = IndicatorColumns {
            value_as_stated: "8".into(),
            unit_as_stated: "hours".into(),
            ..Default::default()
        };
        apply("IND013", &mut row).expect("decided");
        assert_eq!(
            (
                row.value_as_stated.as_str(),
                row.value_corrected.as_str(),
                row.correction_kind.as_str()
            ),
            ("dispatch 8 a.m., receipt 4 p.m.", "8", "derived")
        );
    }
}
