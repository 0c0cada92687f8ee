"""Writes the national county table used by tests/theme_join.rs (issue 24):
tests/fixtures/theme/national_counties_gbk.csv (GBK, CRLF) and national_counties.xlsx.

It has the shape of the 7th-census county yearbook table of all China: columns 区划代码, 省, 市,
区县, 人口数_合计, then 来源 (where the row comes from); a 全国 row; then every province in code
order with as many rows as it has in the real table (so Guangdong starts at line 2,056 of 3,359).

Rows, and what is real (the 来源 column says it on every row):
- 七普: real rows, every cell as in the census yearbook:
  * Guangdong's 144 rows (province, 21 prefecture cities, 122 county-level units) from
    ../shared/stats/census2020_county_guangdong.csv;
  * the county-level cities of the other provinces from
    ../shared/stats/census2020_county_level_cities_china.csv;
  * the units of other provinces that share a name with a Guangdong unit (城区 of 阳泉 and 晋城,
    南山区 of 鹤岗, 白云区 of 贵阳, 龙华区 of 海口, 和平区, 开平区, 中山区, …) from
    src/theme/national_homonyms.csv (tools/national_homonyms.py);
  * the 全国 row and the province rows, with the census totals in PROVINCES below (same source:
    leiii/census commit 0ba0f1e, census_county_2020_v1.xlsx, sheet 七普（年鉴）).
- 合成: synthetic rows that pad each other province to its real number of rows: prefectures
  合成市<code> and units 合成区县<code> with codes <province>8x.. (no real prefecture uses 80-89),
  populations drawn from a seeded generator (a prefecture row is the sum of its units).

Run from the repository root (needs openpyxl):  python3 tools/make_national_table.py ../shared/stats
"""
import csv
import os
import random
import sys

import openpyxl

# (code prefix, name, rows in the real table, 2020 census resident population).
PROVINCES = [
    ("11", "北京市", 18, 21893095), ("12", "天津市", 18, 13866009), ("13", "河北省", 202, 74610235),
    ("14", "山西省", 133, 34915616), ("15", "内蒙古自治区", 121, 24049155), ("21", "辽宁省", 115, 42591407),
    ("22", "吉林省", 79, 24073453), ("23", "黑龙江省", 140, 31850088), ("31", "上海市", 18, 24870895),
    ("32", "江苏省", 121, 84748016), ("33", "浙江省", 103, 64567588), ("34", "安徽省", 137, 61027171),
    ("35", "福建省", 94, 41540086), ("36", "江西省", 112, 45188635), ("37", "山东省", 170, 101527453),
    ("41", "河南省", 200, 99365519), ("42", "湖北省", 120, 57752557), ("43", "湖南省", 152, 66444864),
    ("44", "广东省", 144, 126012510), ("45", "广西壮族自治区", 126, 50126804), ("46", "海南省", 32, 10081232),
    ("50", "重庆市", 41, 32054159), ("51", "四川省", 208, 83674866), ("52", "贵州省", 98, 38562148),
    ("53", "云南省", 146, 47209277), ("54", "西藏自治区", 85, 3648100), ("61", "陕西省", 118, 39528999),
    ("62", "甘肃省", 102, 25019831), ("63", "青海省", 54, 5923957), ("64", "宁夏回族自治区", 28, 7202654),
    ("65", "新疆维吾尔自治区", 122, 25852345),
]
NATION = ("NA", "全国", "全国", "全国", 1409778724)
HEADER = ["区划代码", "省", "市", "区县", "人口数_合计", "来源"]
REAL, SYNTHETIC = "七普", "合成"
UNITS_PER_SYNTHETIC_PREFECTURE = 20


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        return [[r["区划代码"], r["省"], r["市"], r["区县"], int(r["人口数_合计"]), REAL] for r in csv.DictReader(f)]


def synthetic_rows(prefix, province, count, rng):
    """`count` synthetic rows: prefectures 合成市<code> (the sum of their units) and units."""
    rows = []
    prefecture = 80
    while len(rows) < count:
        units = min(UNITS_PER_SYNTHETIC_PREFECTURE, count - len(rows) - 1)
        pcode = f"{prefix}{prefecture}00"
        city = f"合成市{pcode[:4]}"
        block = [[f"{pcode[:4]}{i:02d}", province, city, f"合成区县{pcode[:4]}{i:02d}", rng.randint(30_000, 1_200_000), SYNTHETIC] for i in range(1, units + 1)]
        rows.append([pcode, province, city, city, sum(r[4] for r in block), SYNTHETIC])
        rows.extend(block)
        prefecture += 1
    return rows


def national_rows(stats_dir):
    guangdong = read_rows(os.path.join(stats_dir, "census2020_county_guangdong.csv"))
    elsewhere = [r for r in read_rows(os.path.join(stats_dir, "census2020_county_level_cities_china.csv")) if not r[0].startswith("44")]
    with open("src/theme/national_homonyms.csv", encoding="utf-8") as f:
        elsewhere += [[r["code"], r["province"], r["prefecture"], r["name"], int(r["population"]), REAL] for r in csv.DictReader(f)]
    rng = random.Random(2020)
    rows = [[*NATION, REAL]]
    for prefix, name, count, population in PROVINCES:
        if prefix == "44":
            assert len(guangdong) == count, "Guangdong's 144 rows"
            rows.extend(guangdong)
            continue
        real = sorted({r[0]: r for r in elsewhere if r[0].startswith(prefix)}.values(), key=lambda r: r[0])
        block = real + synthetic_rows(prefix, name, count - 1 - len(real), rng)
        block.sort(key=lambda r: r[0])
        rows.append([f"{prefix}0000", name, name, name, population, REAL])
        rows.extend(block)
    return rows


def write_csv(rows, path):
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        w.writerows(rows)


def write_xlsx(rows, path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "七普（年鉴）"
    ws.append(HEADER)
    for r in rows:
        code = int(r[0]) if r[0].isdigit() else r[0]  # codes are numbers in the yearbook workbook
        ws.append([code, *r[1:]])
    wb.save(path)


def main():
    stats_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/stats"
    rows = national_rows(stats_dir)
    out = "tests/fixtures/theme"
    write_csv(rows, os.path.join(out, "national_counties_gbk.csv"))
    write_xlsx(rows, os.path.join(out, "national_counties.xlsx"))
    first_gd = next(i for i, r in enumerate(rows) if r[0].startswith("44")) + 2
    synthetic = sum(r[5] == SYNTHETIC for r in rows)
    print(f"{len(rows)} rows ({synthetic} synthetic); Guangdong from line {first_gd}")


main()
