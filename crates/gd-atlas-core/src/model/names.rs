//! The names a region is known by, shared by search and the excerpt linker.

use super::text::has_cjk;
use super::types::Region;

/// Suffixes of Chinese unit names, longest first: `高要区` → core `高要`.
const ZH_SUFFIXES: &[&str] = &["街道办事处", "街道", "自治县", "区", "县", "市", "镇", "乡"];
/// English unit words: `Gaoyao District` → core `Gaoyao`.
const EN_SUFFIXES: &[&str] =
    &[" Subdistrict", " District", " County", " City", " Town", " Township"];

/// The Chinese name without its unit suffix, when at least two characters remain.
pub fn zh_core(name_zh: &str) -> Option<&str> {
    ZH_SUFFIXES.iter().find_map(|suffix| {
        let core = name_zh.strip_suffix(suffix)?;
        (core.chars().count() >= 2).then_some(core)
    })
}

/// The English name without its unit word.
pub fn en_core(name_en: &str) -> Option<&str> {
    EN_SUFFIXES
        .iter()
        .find_map(|suffix| name_en.strip_suffix(suffix).filter(|c| !c.trim().is_empty()))
}

/// Every distinct name of a region: Chinese, Chinese core, English, English core, pinyin, aliases.
pub fn region_names(region: &Region) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |n: &str| {
        let n = n.trim();
        if !n.is_empty() && !names.iter().any(|m| m == n) {
            names.push(n.to_string());
        }
    };
    push(&region.name_zh);
    if let Some(core) = zh_core(&region.name_zh) {
        push(core);
    }
    push(&region.name_en);
    if let Some(core) = en_core(&region.name_en) {
        push(core);
    }
    push(&region.name_pinyin);
    for alias in &region.aliases {
        push(alias);
    }
    names
}

/// True for names written in Chinese characters (matched as substrings, not words).
pub fn is_zh(name: &str) -> bool {
    has_cjk(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores() {
        assert_eq!(zh_core("高要区"), Some("高要"));
        assert_eq!(zh_core("金利镇"), Some("金利"));
        assert_eq!(zh_core("沙面街道"), Some("沙面"));
        assert_eq!(zh_core("县"), None);
        assert_eq!(en_core("Gaoyao District"), Some("Gaoyao"));
    }
}
