//! `gd-atlas export` end to end: a small figure is written atomically, and bad arguments give
//! one-line errors with exit 2 (usage) or 1 (I/O), never a panic.

use std::path::PathBuf;
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gd-atlas"))
        .arg("export")
        .args(args)
        .current_dir(repo())
        .env_remove("GD_ATLAS_DATA")
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-export-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Exit code and the single stderr line, asserting it is one line starting with "error:".
fn one_line_error(o: &Output) -> (i32, String) {
    let stderr = String::from_utf8_lossy(&o.stderr).trim_end().to_string();
    assert!(!o.status.success(), "expected a failure, got success; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("warning:")).collect();
    assert_eq!(lines.len(), 1, "not one line: {stderr:?}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    (o.status.code().expect("exit code"), lines[0].to_string())
}

/// Each `(arguments, exit code, fragment)` row fails with that code and one line naming the
/// fragment, and no row leaves a figure at `out`.
fn assert_failures(cases: &[(&[&str], i32, &str)], out: &str) {
    for (args, code, needle) in cases {
        let o = export(args);
        let (got, line) = one_line_error(&o);
        assert_eq!(got, *code, "{args:?}: {line}");
        assert!(line.contains(needle), "{args:?}: {line:?} should mention {needle:?}");
    }
    assert!(!std::path::Path::new(out).exists(), "a failed export wrote a file");
}

#[test]
fn writes_a_small_svg_and_png_atomically() {
    let dir = scratch("ok");
    for name in ["gaoyao.svg", "gaoyao.png"] {
        let out = dir.join(name);
        let o = export(&[
            "--out",
            out.to_str().expect("utf-8 path"),
            "--width",
            "480",
            "--height",
            "320",
            "--region",
            "高要区",
            "--title",
            "高要区",
            "--lang",
            "zh",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).expect("written");
        if name.ends_with(".png") {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
            assert_eq!(u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]), 480);
        } else {
            let text = String::from_utf8(bytes).expect("utf-8");
            roxmltree::Document::parse(&text).expect("well-formed");
            assert!(text.contains(">高要区</text>"));
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_give_one_line_errors() {
    let dir = scratch("bad");
    let out = dir.join("x.png");
    let out = out.to_str().expect("utf-8 path");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--out", out, "--bbox", "112,22,113,95"], 2, "out of range"),
        (&["--out", out, "--bbox", "113,22,112,23"], 2, "inverted"),
        (&["--out", out, "--bbox", "112,22,113"], 2, "--bbox"),
        (&["--out", out, "--region", "Atlantis"], 2, "unknown region"),
        (&["--out", out, "--highlight", "Nowhereville"], 2, "--highlight"),
        (&["--out", out, "--layers", "cities,roadz"], 2, "roadz"),
        (&["--out", out, "--width", "0", "--height", "100"], 2, "zero"),
        (&["--out", out, "--width", "-5", "--height", "100"], 2, "--width"),
        (&["--out", out, "--width", "640"], 2, "--height"),
        (&["--out", out, "--preset", "8k"], 2, "8k"),
        (&["--out", out, "--preset", "4k", "--width", "10", "--height", "10"], 2, "not both"),
        (&["--out", out, "--lang", "fr"], 2, "--lang"),
        (&["--out", &format!("{}/x.jpg", dir.display())], 2, "unknown extension"),
        (&["--width", "10", "--height", "10"], 2, "--out"),
        (&["--out", out, "--width", "400", "--height", "30"], 2, "too small"),
        (
            &["--out", "/nonexistent-gd-atlas-dir/x.png", "--width", "10", "--height", "10"],
            1,
            "does not exist",
        ),
    ];
    assert_failures(cases, out);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The decompressed streams of a PDF written by the exporter (FlateDecode, one per object).
fn pdf_streams(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut streams = Vec::new();
    let mut rest = bytes;
    while let Some(start) = rest.windows(7).position(|w| w == b"stream\n") {
        let body = &rest[start + 7..];
        let Some(end) = body.windows(10).position(|w| w == b"endstream\n" || w == b"\nendstream")
        else {
            break;
        };
        if let Ok(plain) = miniz_oxide::inflate::decompress_to_vec_zlib(&body[..end]) {
            streams.push(plain);
        }
        rest = &body[end + 10..];
    }
    streams
}

#[test]
fn writes_a_pdf_on_paper_with_its_font_embedded_and_text_copyable() {
    let dir = scratch("pdf");
    let out = dir.join("gaoyao.pdf");
    let out_text = out.to_str().expect("utf-8 path");
    let o = export(&[
        "--out",
        out_text,
        "--page",
        "a3",
        "--region",
        "高要区",
        "--title",
        "高要区",
        "--lang",
        "zh",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("A3 landscape"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-1.7") && bytes.ends_with(b"%%EOF"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox [0 0 1190.55"), "A3 landscape is 1190.55 × 841.89 pt");
    assert!(text.contains("/CIDFontType0C") && text.contains("/FontFile3"), "the font is embedded");
    // The ToUnicode map lets a reader copy the title: 高 is U+9AD8, 要 U+8981, 区 U+533A.
    let streams = pdf_streams(&bytes);
    let cmap = streams
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .find(|s| s.contains("beginbfchar"))
        .expect("a ToUnicode map");
    for code in ["<9AD8>", "<8981>", "<533A>"] {
        assert!(cmap.contains(code), "{code} missing from the ToUnicode map");
    }
    // The page content is vector: filled paths (even-odd) and text, no images.
    let content = streams
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .max_by_key(|s| s.len())
        .expect("content");
    assert!(
        content.contains("\nf*\n") && content.contains("] TJ"),
        "paths and text in the page content"
    );
    assert!(!text.contains("/Image"));

    // Without --page, a pixel size makes a page of the figure's own size (0.75 pt per logical pixel).
    let own = dir.join("own.pdf");
    let o = export(&["--out", own.to_str().expect("utf-8"), "--width", "1600", "--height", "900"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&std::fs::read(&own).expect("written"))
        .contains("/MediaBox [0 0 1200 675]"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_pdf_arguments_exit_2_with_one_line() {
    let dir = scratch("bad-pdf");
    let out = dir.join("x.pdf");
    let out = out.to_str().expect("utf-8 path");
    let png = format!("{}/x.png", dir.display());
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--out", out, "--page", "letter"], 2, "--page \"letter\" is unknown"),
        (&["--out", out, "--page", "a4", "--preset", "4k"], 2, "not both"),
        (&["--out", &png, "--page", "a4"], 2, "--page is for .pdf"),
    ];
    assert_failures(cases, out);
    assert!(!std::path::Path::new(&png).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_with_a_table_theme_writes_the_figure_and_reports_the_join() {
    let dir = scratch("theme");
    let table = dir.join("gdp.csv");
    std::fs::write(
        &table,
        "区县,GDP\n高要区,9000\n端州区,100\n鼎湖区,200\n四会市,300\n不存在区,5\n",
    )
    .expect("table");
    let out = dir.join("gdp.png");
    let o = export(&[
        "--out",
        out.to_str().expect("utf-8"),
        "--width",
        "480",
        "--height",
        "320",
        "--region",
        "441200",
        "--theme",
        table.to_str().expect("utf-8"),
        "--theme-column",
        "GDP",
        "--classes",
        "3",
        "--method",
        "jenks",
        "--palette",
        "Blues",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert_eq!(&std::fs::read(&out).expect("written")[..8], b"\x89PNG\r\n\x1a\n");
    // The unmatched row does not pass in silence.
    assert!(
        stderr.contains("5 rows: 4 matched") && stderr.contains("1 unmatched"),
        "join summary on stderr: {stderr}"
    );

    let svg = dir.join("area.svg");
    let o = export(&[
        "--out",
        svg.to_str().expect("utf-8"),
        "--width",
        "800",
        "--height",
        "500",
        "--theme-builtin",
        "area",
        "--level",
        "county",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&svg).expect("written");
    // The title, then what the shared class bounds mean (areas have decimals: classes share
    // their printed bounds).
    assert!(
        text.contains(">Area (km²); classes include their"),
        "the legend's theme title is in the SVG"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_theme_arguments_exit_2_and_a_missing_table_exits_1() {
    let dir = scratch("theme-bad");
    let table = dir.join("t.csv");
    std::fs::write(&table, "区县,GDP\n高要区,9000\n端州区,100\n鼎湖区,200\n").expect("table");
    let (out, table) = (dir.join("x.png"), table.to_str().expect("utf-8").to_string());
    let out = out.to_str().expect("utf-8");
    let missing = format!("{}/missing.csv", dir.display());
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--out", out, "--theme-builtin", "area", "--method", "median"], 2, "--method"),
        (&["--out", out, "--theme-builtin", "area", "--classes", "12"], 2, "--classes"),
        (&["--out", out, "--theme-builtin", "area", "--palette", "Rainbow"], 2, "--palette"),
        (&["--out", out, "--theme-builtin", "height"], 2, "--theme-builtin"),
        (&["--out", out, "--theme-builtin", "area", "--level", "village"], 2, "--level"),
        (&["--out", out, "--theme-builtin", "indicator:no such thing"], 2, "no such thing"),
        (&["--out", out, "--theme", &table], 2, "--theme-column"),
        (
            &["--out", out, "--theme", &table, "--theme-column", "GDP", "--theme-builtin", "area"],
            2,
            "not both",
        ),
        (&["--out", out, "--theme-column", "GDP"], 2, "needs --theme"),
        (&["--out", out, "--method", "jenks"], 2, "needs --theme"),
        (&["--out", out, "--theme", &table, "--theme-column", "Population"], 2, "--theme-column"),
        (&["--out", out, "--theme", &missing, "--theme-column", "GDP"], 1, "missing.csv"),
    ];
    assert_failures(cases, out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_of_a_view_text_with_a_measure_and_a_ring() {
    let dir = scratch("view");
    let out = dir.join("view.svg");
    let view =
        "gd-atlas:v1;n=Gaoyao;c=112.46000,23.05000;z=9.50;l=cities,counties,labels;s=region:441204";
    let o = export(&[
        "--out",
        out.to_str().expect("utf-8 path"),
        "--width",
        "800",
        "--height",
        "600",
        "--view",
        view,
        "--measure",
        "112.40,23.00;112.60,23.10",
        "--ring",
        "112.46,23.05,20",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).expect("written");
    roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(
        svg.contains("<g id=\"measure\">") && svg.contains("r = 20.0 km"),
        "measure and ring drawn"
    );
    assert!(svg.contains("class=\"selection-fill\""), "the view's selection is highlighted");
    assert!(!svg.contains("data-code=\"441204115\""), "towns are off in the view");
}

#[test]
fn bad_view_measure_and_ring_arguments_exit_2_with_one_line() {
    let dir = scratch("view-bad");
    let out = dir.join("x.svg");
    let out = out.to_str().expect("utf-8 path");
    let cases: [(&[&str], &str); 5] = [
        (&["--view", "gd-atlas:v1;c=113,23"], "--view"),
        (&["--view", "hello"], "must start with"),
        (
            &["--view", "gd-atlas:v1;c=113,23;z=8", "--region", "441204"],
            "cannot be combined with --view",
        ),
        (&["--measure", "113,23"], "--measure"),
        (&["--ring", "113,23,zero"], "--ring"),
    ];
    for (args, want) in cases {
        let mut all = vec!["--out", out];
        all.extend_from_slice(args);
        let (code, line) = one_line_error(&export(&all));
        assert_eq!(code, 2, "{line}");
        assert!(line.contains(want), "{args:?}: {line}");
    }
    // The window's --view is checked before a window opens.
    let o = Command::new(env!("CARGO_BIN_EXE_gd-atlas"))
        .args(["--view", "gd-atlas:v1;z=7"])
        .current_dir(repo())
        .env_remove("GD_ATLAS_DATA")
        .output()
        .expect("runs");
    let (code, line) = one_line_error(&o);
    assert_eq!((code, line.contains("--view: view text needs a centre")), (2, true), "{line}");
}

/// Issue 19 QA: a CLI figure had no title unless `--title` was given, where the window's dialog
/// names the place. Now the region (with its parent, full-width brackets in 中文) or the
/// province; a `--bbox` names no place, and `--title ""` leaves the title out.
#[test]
fn a_figure_is_titled_with_its_place_unless_told_otherwise() {
    let dir = scratch("title");
    let svg = |extra: &[&str]| {
        let out = dir.join("t.svg");
        let mut args = vec!["--out", out.to_str().expect("utf-8 path"), "--width", "480"];
        args.extend(["--height", "320", "--layers", "cities"]);
        args.extend(extra);
        let o = export(&args);
        assert!(o.status.success(), "{extra:?}: {}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&out).expect("written")
    };
    assert!(svg(&[]).contains(">Guangdong</text>"), "the province");
    assert!(svg(&["--lang", "zh", "--region", "440882"]).contains(">雷州市（湛江市）</text>"));
    assert!(svg(&["--region", "441204"]).contains(">Gaoyao District (Zhaoqing City)</text>"));
    let none = svg(&["--bbox", "113,22,114,23"]);
    assert!(!none.contains(">Guangdong</text>"), "no title for a box");
    assert!(!svg(&["--title", ""]).contains(">Guangdong</text>"), "--title \"\" leaves it out");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 19 QA: figures that wrote fine but showed nothing said only "wrote …". A figure too
/// small for its legend leaves it out and says so; a `--bbox` in the open sea says the figure
/// shows no part of Guangdong. Both still write the figure (exit 0).
#[test]
fn figures_that_show_little_say_why() {
    let dir = scratch("little");
    let out = dir.join("x.png");
    let out = out.to_str().expect("utf-8 path");
    let small = export(&["--out", out, "--width", "480", "--height", "320"]);
    assert!(small.status.success());
    let stderr = String::from_utf8_lossy(&small.stderr);
    assert!(stderr.contains("too small for its legend: left out"), "{stderr}");
    let sea = export(&["--out", out, "--bbox", "112,18,113,19"]);
    assert!(sea.status.success());
    let stderr = String::from_utf8_lossy(&sea.stderr);
    assert!(stderr.contains("shows no part of Guangdong"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let fine = export(&["--out", out, "--width", "1280", "--height", "720"]);
    assert!(
        fine.status.success() && fine.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&fine.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
