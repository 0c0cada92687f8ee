"""Writes crates/gd-atlas-core/src/theme/national_homonyms.csv: the units of other provinces whose name is also the
name (full or short) of a Guangdong city or county-level unit — 山西 阳泉市 城区 and 汕尾 城区,
黑龙江 鹤岗市 南山区 and 深圳 南山区, … The join uses it so that such a name is matched only when a
parent or code column confirms that the row is Guangdong's (theme::homonyms).

Source: the 7th census county yearbook table of all China, the same dataset the project's
../shared/stats extracts come from: repository leiii/census (MIT, (c) 2022 Lei Dong), commit
0ba0f1efae092f4aa6569ef38e53b3bb4d2f0087, file data/census/census_county_2020_v1.xlsx, sheet
七普（年鉴）. Usage (needs openpyxl):

    git -C <clone of leiii/census> show 0ba0f1e:data/census/census_county_2020_v1.xlsx > census2020.xlsx
    python3 tools/national_homonyms.py census2020.xlsx > crates/gd-atlas-core/src/theme/national_homonyms.csv

The Guangdong names come from data/regions.csv. Population (人口数_合计) is kept for the test
fixture (tools/make_national_table.py), not used by the join.
"""
import csv
import sys

import openpyxl

ZH_SUFFIXES = ["街道办事处", "街道", "自治县", "区", "县", "市", "镇", "乡"]


def zh_core(name):
    """The name without its unit suffix when at least two characters remain (model::names::zh_core)."""
    for suffix in ZH_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def forms(name):
    core = zh_core(name)
    return {name} | ({core} if core else set())


def guangdong_forms(regions_csv):
    """Full and short names of Guangdong's cities and county-level units."""
    out = set()
    with open(regions_csv, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["level"] in ("city", "county"):
                out |= forms(r["name_zh"])
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: national_homonyms.py census_county_2020_v1.xlsx > src/theme/national_homonyms.csv")
    gd = guangdong_forms("data/regions.csv")
    wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
    rows = list(wb["七普（年鉴）"].iter_rows(values_only=True))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "province", "prefecture", "name", "population"])
    for r in rows[1:]:
        code, province, prefecture, name, population = (str(r[0]), r[1], r[2], r[3], r[4])
        if code.startswith("44") or not (code.isdigit() and len(code) == 6) or code.endswith("0000"):
            continue
        if forms(name) & gd:
            out.writerow([code, province, prefecture, name, population])


main()
