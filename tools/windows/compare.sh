#!/usr/bin/env bash
# Runs the same command-line requests through the Linux build and, under Wine, through the
# Windows build (tools/windows/build.sh), and compares what they print and write byte for byte
# (issue 23). Writes a Markdown table of the results to $out/results.md and prints it.
#
#   tools/windows/compare.sh [--linux BIN] [--exe EXE] [--out DIR]
#
# Defaults: target/debug/gd-atlas, target/x86_64-pc-windows-gnu/debug/gd-atlas.exe,
# target/windows-compare. Needs Debian `wine` and `wine64` (installed when missing; root).
# Exit 0 when every output is identical or differs only in the ways listed in KNOWN below;
# exit 1 otherwise (the table says which).
#
# Both programs run in an empty working folder, so both use the data built into them. Wine's
# prefix is $WINEPREFIX (default ~/.wine-gd-atlas), made on first use. The Chinese-path cases put
# the fixture tables (a GBK CSV with CRLF line ends, as Excel on Chinese Windows saves, and an
# XLSX) at C:\users\规划\文档\表.csv / 表.xlsx and give that path to the Windows program; the
# Linux program gets the same files under $out/linux/规划/文档/. Text outputs are compared after
# one substitution: each side's path of that folder becomes <文档>, so a message naming the file
# compares equal when the rest is equal.
#
# Console: the programs' stdout and stderr are redirected to files, so nothing passes through a
# Windows console or code page: Rust writes UTF-8 bytes to a redirected handle, on Windows too
# (only a real console gets UTF-16 through WriteConsoleW). Arguments reach the exe through Wine
# from the UTF-8 locale (LC_ALL=C.UTF-8 below) as UTF-16, as on Windows.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

linux_bin=$root/target/debug/gd-atlas
exe=$root/target/x86_64-pc-windows-gnu/debug/gd-atlas.exe
out=$root/target/windows-compare
while [ $# -gt 0 ]; do
    case "$1" in
        --linux) linux_bin=$(realpath "$2"); shift 2 ;;
        --exe) exe=$(realpath "$2"); shift 2 ;;
        --out) out=$(realpath -m "$2"); shift 2 ;;
        *) echo "compare.sh: unknown argument $1 (--linux BIN, --exe EXE, --out DIR)" >&2; exit 2 ;;
    esac
done
for f in "$linux_bin" "$exe"; do
    [ -f "$f" ] || { echo "compare.sh: $f not found (build it first: cargo build; tools/windows/build.sh)" >&2; exit 2; }
done

source "$root/tools/windows/wine-env.sh"

rm -rf "$out"
mkdir -p "$out/linux" "$out/windows"
fixtures=$root/tests/fixtures/theme
# The folder of a planner on a Chinese Windows, and the same files for the Linux run.
win_docs_unix="$WINEPREFIX/drive_c/users/规划/文档"
win_docs='C:\users\规划\文档'
linux_docs="$out/linux/规划/文档"
rm -rf "$win_docs_unix"
mkdir -p "$win_docs_unix" "$linux_docs"
for d in "$win_docs_unix" "$linux_docs"; do
    cp "$fixtures/national_counties_gbk.csv" "$d/表.csv"
    cp "$fixtures/counties.xlsx" "$d/表.xlsx"
done
# A planner's edited copy of data/ (--data) in a Chinese-named folder, with one bad tour file
# whose error must name it (file and line, the platform's separators).
win_data_unix="$WINEPREFIX/drive_c/users/规划/数据"
win_data='C:\users\规划\数据'
linux_data="$out/linux/规划/数据"
rm -rf "$win_data_unix"
for d in "$win_data_unix" "$linux_data"; do
    cp -r "$root/data" "$d"
    printf 'subject,caption_en,caption_zh\n440000,Guangdong,广东\n449999,Nowhere,无此地\n' >"$d/tours/坏的.csv"
done

# Differences that are expected, by case and artefact, with the reason (see README "Windows").
declare -A KNOWN=(
    [missing_table.stderr]="the operating system's own words for error 2 (ENOENT / ERROR_FILE_NOT_FOUND), which Rust's io::Error prints after the path: Linux 'No such file or directory', Wine 'File not found.', Windows 'The system cannot find the file specified.'"
)

results="$out/results.md"
{
    echo "| case | output | result | sha256 (Linux) | sha256 (Windows) |"
    echo "|---|---|---|---|---|"
} >"$results"
unexplained=0

# Text with each side's path of the two folders (…/规划/文档, …/规划/数据) replaced by <文档>
# and <数据>, and the separators in the rest of such a path by `/`; on Windows also the JSON
# spelling (each backslash doubled).
normalise() {
    local side=$1 file=$2
    if [ "$side" = linux ]; then
        LB="$out/linux/规划" perl -pe 's{\Q$ENV{LB}\E/(文档|数据)}{<$1>}g' "$file"
    else
        perl -pe 's{C:(\\\\?)users\1规划\1(文档|数据)((?:\1[^\\\s:,"]+)*)}{my ($s, $d, $r) = ($1, $2, $3); $r =~ s/\Q$s\E/\//g; "<$d>$r"}ge' "$file"
    fi
}

# Appends one row: the artefact of a case is identical, identical after path substitution,
# a known difference (with its reason) or an unexplained one.
record() {
    local case=$1 what=$2 linux_file=$3 win_file=$4 text=$5
    local hl hw verdict
    hl=$(sha256sum <"$linux_file" | cut -c1-12)
    hw=$(sha256sum <"$win_file" | cut -c1-12)
    if cmp -s "$linux_file" "$win_file"; then
        verdict="identical"
    elif [ "$text" = text ] && cmp -s <(normalise linux "$linux_file") <(normalise windows "$win_file"); then
        verdict="identical but for the folders' paths (<文档>, <数据>)"
    elif [ -n "${KNOWN[$case.$what]:-}" ]; then
        verdict="differs, explained: ${KNOWN[$case.$what]}"
        diff <(normalise linux "$linux_file") <(normalise windows "$win_file") >"$out/$case.$what.diff" || true
    else
        verdict="**DIFFERS** (see $case.$what.diff)"
        if [ "$text" = text ]; then
            diff <(normalise linux "$linux_file") <(normalise windows "$win_file") >"$out/$case.$what.diff" || true
        else
            cmp -l "$linux_file" "$win_file" 2>&1 | head -20 >"$out/$case.$what.diff" || true
        fi
        unexplained=$((unexplained + 1))
    fi
    echo "| $case | $what | $verdict | $hl | $hw |" >>"$results"
}

# run_case NAME FILE -- ARGS: runs both programs with ARGS (a {DOCS} in an argument becomes each
# side's documents folder, with its own separator) and compares stdout, stderr, the exit code and
# FILE (written by the program, relative to the working folder or in {DOCS}; "-" for none).
run_case() {
    local name=$1 file=$2
    shift 3
    local -a largs=() wargs=()
    local a a_l a_w
    for a in "$@"; do
        a_l=${a//\{DOCS\}/$linux_docs/}
        a_w=${a//\{DOCS\}/$win_docs\\}
        largs+=("${a_l//\{DATA\}/$linux_data}")
        wargs+=("${a_w//\{DATA\}/$win_data}")
    done
    (cd "$out/linux" && { "$linux_bin" "${largs[@]}" >"$out/$name.linux.stdout" 2>"$out/$name.linux.stderr" && echo 0 || echo $?; } >"$out/$name.linux.rc")
    (cd "$out/windows" && { wine "$exe" "${wargs[@]}" >"$out/$name.windows.stdout" 2>"$out/$name.windows.stderr" && echo 0 || echo $?; } >"$out/$name.windows.rc")
    record "$name" stdout "$out/$name.linux.stdout" "$out/$name.windows.stdout" text
    record "$name" stderr "$out/$name.linux.stderr" "$out/$name.windows.stderr" text
    record "$name" "exit code ($(cat "$out/$name.linux.rc"))" "$out/$name.linux.rc" "$out/$name.windows.rc" text
    if [ "$file" != - ]; then
        local lf wf
        case "$file" in
            "{DOCS}"*) lf="$linux_docs/${file#\{DOCS\}}"; wf="$win_docs_unix/${file#\{DOCS\}}" ;;
            *) lf="$out/linux/$file"; wf="$out/windows/$file" ;;
        esac
        if [ -f "$lf" ] && [ -f "$wf" ]; then
            record "$name" "$(basename "$file")" "$lf" "$wf" binary
        else
            echo "| $name | $(basename "$file") | **MISSING** (Linux: $([ -f "$lf" ] && echo yes || echo no), Windows: $([ -f "$wf" ] && echo yes || echo no)) | | |" >>"$results"
            unexplained=$((unexplained + 1))
        fi
    fi
}

zhaoqing=(--region 肇庆市 --layers cities,counties,towns,parks,logistics,expressways --highlight 金利镇 --title 肇庆市 --lang zh)
run_case validate - -- validate
run_case info_zh - -- info 金利镇
run_case info_json - -- info 金利镇 --json
run_case info_census_json - -- info 普宁市 --json
run_case at_json - -- at 112.7774 23.0786 --json
run_case export_png zhaoqing.png -- export --out zhaoqing.png "${zhaoqing[@]}"
run_case export_svg zhaoqing.svg -- export --out zhaoqing.svg "${zhaoqing[@]}"
run_case export_pdf zhaoqing.pdf -- export --out zhaoqing.pdf "${zhaoqing[@]}"
run_case export_census_png density.png -- export --out density.png --theme-builtin census:density --level county
run_case export_measure_svg measure.svg -- export --out measure.svg --measure "113.26,23.13;114.06,22.54" --ring 113.26,23.13,80
run_case join_gbk_csv '{DOCS}报告.csv' -- join '{DOCS}表.csv' --report-out '{DOCS}报告.csv'
run_case join_xlsx - -- join '{DOCS}表.xlsx' --json
run_case theme_gbk_png '{DOCS}人口.png' -- export --out '{DOCS}人口.png' --region 肇庆市 --theme '{DOCS}表.csv' --theme-column 人口数_合计 --title 常住人口 --lang zh
run_case theme_gbk_pdf '{DOCS}人口.pdf' -- export --out '{DOCS}人口.pdf' --theme '{DOCS}表.csv' --theme-column 人口数_合计 --page a3
run_case missing_table - -- join '{DOCS}没有.csv'
run_case bad_argument - -- export --out x.bmp
run_case data_dir_bad_tour - -- validate --data '{DATA}'

cat "$results"
if [ "$unexplained" -gt 0 ]; then
    echo "compare.sh: $unexplained unexplained difference(s); files in $out" >&2
    exit 1
fi
echo "compare.sh: every output identical or explained; files in $out"
