#!/usr/bin/env python3
"""Subset Noto Sans CJK SC to the characters the Guangdong Atlas can show.

Why: egui's bundled fonts have no Chinese glyphs, and the full Noto Sans CJK
face is ~16 MB per weight. The app embeds (include_bytes!) a subset holding
only the characters that occur in the project's data, assets and Rust string
literals, plus a fixed set of punctuation and UI symbols, and (by default)
the 3,755 level-1 hanzi of GB 2312 so that common characters typed into the
search box do not render as boxes.

Usage (from the repository root):

    python3 tools/subset_font.py [--check] [--no-common-hanzi] [EXTRA_PATH ...]

EXTRA_PATHs are files or directories whose text is scanned too (used while
the data files are still being generated). The output is deterministic: the
same inputs give byte-identical output (timestamps are frozen, inputs are
sorted). `--check` exits non-zero if the committed font differs from what
would be generated, without writing anything.

Requires: fontTools (`pip install fonttools`) and the Debian package
`fonts-noto-cjk` (OFL 1.1) at its usual path, or --source PATH --face-index N.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Family name of the face we want inside the .ttc (it also holds JP/KR/TC/HK).
WANTED_FAMILY = "Noto Sans CJK SC"
DEFAULT_OUTPUT = REPO / "assets" / "fonts" / "NotoSansSC-Regular-subset.otf"

# Text file types scanned under data/ and in extra paths. Binary files are
# skipped: a stray image must not inject random "characters".
TEXT_SUFFIXES = {".csv", ".json", ".geojson", ".txt", ".md", ".tsv", ".toml", ".ron"}
ASSET_GEO_SUFFIXES = {".json", ".geojson", ".csv"}

# Punctuation and symbols the UI may use even if no data file has them yet.
CJK_PUNCTUATION = "，。、：；（）「」《》—·…！？“”‘’【】〔〕『』〈〉～％＋－／＝"
# ⌂ (U+2302) and ✕ (U+2715) are NOT in Noto Sans CJK: the script warns about them; use × / text.
UI_SYMBOLS = "→▲▼●○■□◆✓✕⌂↑↓←±°′″≈×²³¹µ–‒‐−•◇△▽▶◀☆★⊕⊖∅√∞≤≥≠·⬆⬇⬅➡↗↘↖↙◉◎"
# Kept as text so that "km²" is documented as a needed string, not only its chars.
UI_STRINGS = ["km²", "m²", "万", "亿", "元", "吨", "公里", "平方公里", "人口", "面积"]


def printable_ascii() -> set[str]:
    return {chr(c) for c in range(0x20, 0x7F)}


def latin1_punctuation() -> set[str]:
    """U+00A0..U+00BF (NBSP, ©, °, ±, ², µ, ·, ¼ ...) plus × and ÷."""
    return {chr(c) for c in range(0xA0, 0xC0)} | {"×", "÷"}


def common_hanzi() -> set[str]:
    """GB 2312 level-1 hanzi (rows 16-55): the 3,755 most common simplified characters."""
    chars: set[str] = set()
    for row in range(16, 56):
        for cell in range(1, 95):
            try:
                chars.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # row 55 ends at cell 89
    return chars


# --- Rust string literals ---------------------------------------------------

_RUST_TOKEN = re.compile(
    r"""
      (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*)
    | (?P<raw>b?r(?P<hashes>\#*)")
    | (?P<string>b?")
    | (?P<char>b?'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])')
    """,
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|.)", re.DOTALL)


def _unescape(body: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(2):
            try:
                return chr(int(m.group(2), 16))
            except ValueError:
                return ""
        if m.group(3):
            return chr(int(m.group(3), 16))
        return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1))

    return _ESCAPE.sub(repl, body)


def rust_string_literals(src: str) -> list[str]:
    """Contents of string and char literals in Rust source, comments skipped.

    A small tokenizer, not a parser: enough to tell literals from comments and
    lifetimes ('a), which is all that matters for collecting characters.
    """
    out: list[str] = []
    pos = 0
    n = len(src)
    while pos < n:
        m = _RUST_TOKEN.search(src, pos)
        if not m:
            break
        if m.group("line_comment") is not None:
            pos = m.end()
        elif m.group("block_comment") is not None:
            depth, i = 1, m.end()
            while i < n and depth:
                if src.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif src.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            pos = i
        elif m.group("raw") is not None:
            end = src.find('"' + m.group("hashes"), m.end())
            end = n if end < 0 else end
            out.append(src[m.end():end])
            pos = end + 1 + len(m.group("hashes"))
        elif m.group("string") is not None:
            i = m.end()
            while i < n and src[i] != '"':
                i += 2 if src[i] == "\\" else 1
            out.append(_unescape(src[m.end():i]))
            pos = i + 1
        else:  # char literal
            out.append(_unescape(m.group("char").lstrip("b")[1:-1]))
            pos = m.end()
    return out


# --- gathering --------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as err:
        print(f"warning: skipping {path}: {err}", file=sys.stderr)
        return ""


def _walk(root: Path, suffixes: set[str] | None) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if suffixes is None or p.suffix.lower() in suffixes:
                files.append(p)
    return files


def gather(extra_paths: list[Path], with_common_hanzi: bool) -> tuple[set[str], dict[str, int]]:
    """Every character to keep, and how many distinct non-ASCII chars each source added."""
    chars: set[str] = set()
    stats: dict[str, int] = {}

    def add(label: str, text_chars: set[str]) -> None:
        new = {c for c in text_chars if ord(c) > 0x7F} - chars
        stats[label] = stats.get(label, 0) + len(new)
        chars.update(text_chars)

    add("ascii+latin1", printable_ascii() | latin1_punctuation())
    add("punctuation+symbols", set(CJK_PUNCTUATION) | set(UI_SYMBOLS) | set("".join(UI_STRINGS)))
    for p in _walk(REPO / "data", TEXT_SUFFIXES):
        add("data/", set(_read_text(p)))
    for p in _walk(REPO / "assets" / "geo", ASSET_GEO_SUFFIXES):
        add("assets/geo/", set(_read_text(p)))
    for p in _walk(REPO / "src", {".rs"}):
        add("src/**/*.rs literals", set("".join(rust_string_literals(_read_text(p)))))
    for root in extra_paths:
        for p in _walk(root, TEXT_SUFFIXES):
            add(f"extra {root}", set(_read_text(p)))
    if with_common_hanzi:
        add("GB2312 level 1", common_hanzi())

    # Controls, separators other than space, surrogates etc. have no glyphs.
    keep = {c for c in chars if c == " " or unicodedata.category(c)[0] not in ("C", "Z")}
    keep |= {"\u00a0", "\u3000"}  # no-break and ideographic spaces do have glyphs
    return keep, stats


def open_face(source: Path, face_index: int | None) -> TTFont:
    """The Simplified Chinese face of the collection (found by family name)."""
    if source.suffix.lower() not in (".ttc", ".otc"):
        return TTFont(source, recalcTimestamp=False)
    indices = [face_index] if face_index is not None else range(64)
    for i in indices:
        try:
            font = TTFont(source, fontNumber=i, recalcTimestamp=False)
        except (IndexError, Exception) as err:  # fontTools raises various errors past the end
            if face_index is not None:
                raise SystemExit(f"cannot open face {i} of {source}: {err}")
            break
        if font["name"].getDebugName(1) == WANTED_FAMILY:
            return font
    raise SystemExit(f"no face named {WANTED_FAMILY!r} in {source}")


def build(font: TTFont, chars: set[str]) -> tuple[bytes, list[str]]:
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and ord(c) > 0x7F)
    options = subset.Options()
    options.hinting = False  # egui and ab_glyph do not use hints; saves space
    options.desubroutinize = False  # subroutines keep CFF small
    # Shaping features for horizontal text only. `locl` would pull in the
    # JP/KR/TC glyph variants; the SC face already maps to SC forms.
    options.layout_features = ["kern", "ccmp", "liga", "calt"]
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "DSIG"]
    options.name_IDs = list(range(0, 15))  # keep copyright, licence text and URLs (OFL)
    options.name_languages = [0x0409]
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue(), missing


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("extra", nargs="*", type=Path, help="extra files/directories to scan")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--face-index", type=int, default=None)
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--no-common-hanzi", action="store_true", help="skip the GB 2312 level-1 hanzi")
    ap.add_argument("--check", action="store_true", help="compare with the existing output, write nothing")
    args = ap.parse_args()

    if not args.source.exists():
        print(f"error: {args.source} not found (apt-get install fonts-noto-cjk)", file=sys.stderr)
        return 2
    for p in args.extra:
        if not p.exists():
            print(f"error: extra path {p} does not exist", file=sys.stderr)
            return 2

    chars, stats = gather(args.extra, not args.no_common_hanzi)
    font = open_face(args.source, args.face_index)
    data, missing = build(font, chars)

    for label, count in stats.items():
        print(f"  {label}: +{count} distinct non-ASCII chars")
    if missing:
        shown = "".join(missing[:80])
        print(f"warning: {len(missing)} chars not in the source font (skipped): {shown}", file=sys.stderr)
    glyphs = len(TTFont(io.BytesIO(data)).getGlyphOrder())
    print(f"{len(chars)} chars requested, {glyphs} glyphs, {len(data):,} bytes")

    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is out of date: re-run tools/subset_font.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
