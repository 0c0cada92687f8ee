//! China's provincial-level divisions (GB/T 2260 codes), so that a national table's province
//! column and its codes can say which rows lie outside Guangdong. The atlas knows only Guangdong's
//! regions; this list is what lets a row of 山西省 be counted as "outside Guangdong" instead of
//! being matched to a Guangdong homonym or listed as unmatched.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::keys::{name_key, parse_code};

/// One provincial-level division.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Province {
    /// The first two digits of every code inside it.
    pub prefix: &'static str,
    pub name_zh: &'static str,
    /// Other ways tables write it: short Chinese name, one-character abbreviations, English.
    pub other_names: &'static [&'static str],
}

/// Guangdong's code prefix: codes that do not start with it are of another province.
pub const GUANGDONG_PREFIX: &str = "44";

/// Every provincial-level division, in code order.
pub const PROVINCES: &[Province] = &[
    Province { prefix: "11", name_zh: "北京市", other_names: &["北京", "京", "Beijing"] },
    Province { prefix: "12", name_zh: "天津市", other_names: &["天津", "津", "Tianjin"] },
    Province { prefix: "13", name_zh: "河北省", other_names: &["河北", "冀", "Hebei"] },
    Province { prefix: "14", name_zh: "山西省", other_names: &["山西", "晋", "Shanxi"] },
    Province {
        prefix: "15",
        name_zh: "内蒙古自治区",
        other_names: &["内蒙古", "蒙", "Inner Mongolia", "Nei Mongol", "Neimenggu"],
    },
    Province { prefix: "21", name_zh: "辽宁省", other_names: &["辽宁", "辽", "Liaoning"] },
    Province { prefix: "22", name_zh: "吉林省", other_names: &["吉林", "吉", "Jilin"] },
    Province {
        prefix: "23", name_zh: "黑龙江省", other_names: &["黑龙江", "黑", "Heilongjiang"]
    },
    Province { prefix: "31", name_zh: "上海市", other_names: &["上海", "沪", "Shanghai"] },
    Province { prefix: "32", name_zh: "江苏省", other_names: &["江苏", "苏", "Jiangsu"] },
    Province { prefix: "33", name_zh: "浙江省", other_names: &["浙江", "浙", "Zhejiang"] },
    Province { prefix: "34", name_zh: "安徽省", other_names: &["安徽", "皖", "Anhui"] },
    Province { prefix: "35", name_zh: "福建省", other_names: &["福建", "闽", "Fujian"] },
    Province { prefix: "36", name_zh: "江西省", other_names: &["江西", "赣", "Jiangxi"] },
    Province { prefix: "37", name_zh: "山东省", other_names: &["山东", "鲁", "Shandong"] },
    Province { prefix: "41", name_zh: "河南省", other_names: &["河南", "豫", "Henan"] },
    Province { prefix: "42", name_zh: "湖北省", other_names: &["湖北", "鄂", "Hubei"] },
    Province { prefix: "43", name_zh: "湖南省", other_names: &["湖南", "湘", "Hunan"] },
    Province {
        prefix: "44",
        name_zh: "广东省",
        other_names: &["广东", "粤", "Guangdong", "Guangdong Province"],
    },
    Province {
        prefix: "45", name_zh: "广西壮族自治区", other_names: &["广西", "桂", "Guangxi"]
    },
    Province { prefix: "46", name_zh: "海南省", other_names: &["海南", "琼", "Hainan"] },
    Province { prefix: "50", name_zh: "重庆市", other_names: &["重庆", "渝", "Chongqing"] },
    Province {
        prefix: "51", name_zh: "四川省", other_names: &["四川", "川", "蜀", "Sichuan"]
    },
    Province {
        prefix: "52", name_zh: "贵州省", other_names: &["贵州", "黔", "贵", "Guizhou"]
    },
    Province {
        prefix: "53", name_zh: "云南省", other_names: &["云南", "滇", "云", "Yunnan"]
    },
    Province {
        prefix: "54",
        name_zh: "西藏自治区",
        other_names: &["西藏", "藏", "Tibet", "Xizang"],
    },
    Province {
        prefix: "61", name_zh: "陕西省", other_names: &["陕西", "陕", "秦", "Shaanxi"]
    },
    Province {
        prefix: "62", name_zh: "甘肃省", other_names: &["甘肃", "甘", "陇", "Gansu"]
    },
    Province { prefix: "63", name_zh: "青海省", other_names: &["青海", "青", "Qinghai"] },
    Province {
        prefix: "64", name_zh: "宁夏回族自治区", other_names: &["宁夏", "宁", "Ningxia"]
    },
    Province {
        prefix: "65",
        name_zh: "新疆维吾尔自治区",
        other_names: &["新疆", "新", "Xinjiang"],
    },
    Province { prefix: "71", name_zh: "台湾省", other_names: &["台湾", "台", "Taiwan"] },
    Province {
        prefix: "81",
        name_zh: "香港特别行政区",
        other_names: &["香港", "港", "Hong Kong", "Hongkong"],
    },
    Province {
        prefix: "82",
        name_zh: "澳门特别行政区",
        other_names: &["澳门", "澳", "Macao", "Macau"],
    },
];

impl Province {
    pub fn is_guangdong(&self) -> bool {
        self.prefix == GUANGDONG_PREFIX
    }

    /// Every [`name_key`] a cell naming it may have: its names, with or without
    /// `province`/`sheng`, and its codes (`44`, `440000`).
    fn keys(&self) -> Vec<String> {
        let names =
            std::iter::once(self.name_zh).chain(self.other_names.iter().copied()).map(name_key);
        let mut keys: Vec<String> =
            names.flat_map(|n| [format!("{n}province"), format!("{n}sheng"), n]).collect();
        keys.extend([self.prefix.to_string(), format!("{}0000", self.prefix)]);
        keys
    }
}

/// Name key → province, built once (a national table asks for every row).
fn by_key() -> &'static HashMap<String, &'static Province> {
    static MAP: OnceLock<HashMap<String, &'static Province>> = OnceLock::new();
    MAP.get_or_init(|| {
        PROVINCES.iter().flat_map(|p| p.keys().into_iter().map(move |k| (k, p))).collect()
    })
}

/// The province a cell names (`山西省`, `山西`, `晋`, `Shanxi`, `14`, `140000`); `None` for
/// anything else (`全国`, a county, an empty cell).
pub fn province_named(cell: &str) -> Option<&'static Province> {
    by_key().get(&name_key(cell)).copied()
}

/// The province of a statistical code (6, 9 or 12 digits) by its first two digits; `None` when
/// the cell is not a code or its prefix is no province's.
pub fn province_of_code(cell: &str) -> Option<&'static Province> {
    let code = parse_code(cell)?;
    PROVINCES.iter().find(|p| code.code.starts_with(p.prefix))
}

/// What says that a row lies outside Guangdong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// The province cell names another province, or something that is not Guangdong (`全国`).
    ProvinceCell { text: String, province: Option<&'static Province> },
    /// The key is a code of another province.
    Code { code: String, province: &'static Province },
}

impl Elsewhere {
    /// The province to count the row under (`山西省`; the cell's text when it names none).
    pub fn province_label(&self) -> String {
        match self {
            Self::ProvinceCell { province: Some(p), .. } | Self::Code { province: p, .. } => {
                p.name_zh.to_string()
            }
            Self::ProvinceCell { text, province: None } => text.clone(),
        }
    }
}

/// Why a row lies outside Guangdong: its province cell (when the table has a province column)
/// names another province or is not Guangdong, or its key is a code of another province. `None`
/// when nothing says so (the row is then matched as usual).
pub fn outside_guangdong(key_cell: &str, province_cell: Option<&str>) -> Option<Elsewhere> {
    if let Some(text) = province_cell.map(str::trim).filter(|t| !t.is_empty()) {
        let province = province_named(text);
        return match province {
            Some(p) if p.is_guangdong() => None,
            _ => Some(Elsewhere::ProvinceCell { text: text.to_string(), province }),
        };
    }
    let province = province_of_code(key_cell)?;
    let code = parse_code(key_cell)?.code;
    (!province.is_guangdong()).then_some(Elsewhere::Code { code, province })
}

/// True when a province cell names Guangdong (it confirms that a row's name is Guangdong's).
pub fn names_guangdong(cell: &str) -> bool {
    province_named(cell).is_some_and(Province::is_guangdong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_name_provinces_in_every_usual_form() {
        let prefix = |cell: &str| province_named(cell).map(|p| p.prefix);
        assert_eq!(prefix("山西省"), Some("14"));
        assert_eq!(prefix(" 山西 "), Some("14"));
        assert_eq!(prefix("Shaanxi"), Some("61"), "Shaanxi is not Shanxi");
        assert_eq!(prefix("广东省"), Some("44"));
        assert_eq!(prefix("粤"), Some("44"));
        assert_eq!(prefix("Guangdong Province"), Some("44"));
        assert_eq!(prefix("440000"), Some("44"));
        assert_eq!(prefix("新疆维吾尔自治区"), Some("65"));
        assert_eq!(prefix("全国"), None);
        assert_eq!(prefix("阳泉市"), None);
        assert_eq!(prefix(""), None);
        assert!(PROVINCES.iter().filter(|p| p.is_guangdong()).count() == 1);
    }

    #[test]
    fn codes_tell_their_province() {
        assert_eq!(province_of_code("140302").map(|p| p.name_zh), Some("山西省"));
        assert_eq!(province_of_code("441204115").map(|p| p.name_zh), Some("广东省"));
        assert_eq!(province_of_code("230404000000").map(|p| p.name_zh), Some("黑龙江省"));
        assert_eq!(province_of_code("990101"), None, "no province has prefix 99");
        assert_eq!(province_of_code("NA"), None);
    }

    #[test]
    fn rows_outside_guangdong_by_province_cell_or_code() {
        let label = |key: &str, province: Option<&str>| {
            outside_guangdong(key, province).map(|e| e.province_label())
        };
        assert_eq!(label("城区", Some("山西省")), Some("山西省".into()));
        assert_eq!(
            label("全国", Some("全国")),
            Some("全国".into()),
            "a national total is not Guangdong"
        );
        assert_eq!(label("城区", Some("广东省")), None);
        assert_eq!(label("城区", Some("")), None, "an empty province cell says nothing");
        assert_eq!(label("140302", None), Some("山西省".into()));
        assert_eq!(label("441502", None), None);
        assert_eq!(label("990101", None), None, "not a province's code: unmatched, not outside");
        assert_eq!(
            label("440305", Some("黑龙江省")),
            Some("黑龙江省".into()),
            "the province cell decides"
        );
        assert!(names_guangdong("广东") && !names_guangdong("广西"));
    }
}
