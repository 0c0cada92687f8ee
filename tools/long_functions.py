#!/usr/bin/env python3
"""Lists Rust functions longer than a limit (default 120 lines), longest first.

Usage: tools/long_functions.py [--limit N] [PATH ...]   (default PATH: src)
Exit 1 when any function is longer than the limit, so it can guard a check.

A function runs from its `fn` line to the line where its body's braces balance. String and
char literals and comments are skipped when counting braces, which is enough for rustfmt-shaped
code (the check is a guard for reviewers, not a parser).
"""
import re
import sys
from pathlib import Path

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip(line, in_block):
    """The line without comments and literals; tracks /* */ across lines."""
    out, i = [], 0
    while i < len(line):
        if in_block:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i, in_block = end + 2, False
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            in_block, i = True, i + 2
        elif line[i] == '"':
            j = i + 1
            while j < len(line) and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            i = j + 1
        elif line[i] == "'" and re.match(r"'(\\.|[^\\'])'", line[i:]):
            i += len(re.match(r"'(\\.|[^\\'])'", line[i:]).group(0))
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_block


def functions(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, opened, in_block, j = 0, False, False, i
        while j < len(lines):
            code, in_block = strip(lines[j], in_block)
            if not opened and ";" in code and "{" not in code:
                break  # a declaration without a body (trait method)
            depth += code.count("{") - code.count("}")
            opened = opened or "{" in code
            if opened and depth <= 0:
                yield m.group(6), i + 1, j - i + 1
                break
            j += 1
        i += 1


def main(argv):
    limit, paths = 120, []
    args = iter(argv)
    for a in args:
        if a == "--limit":
            limit = int(next(args))
        else:
            paths.append(Path(a))
    found = []
    for root in paths or [Path("src")]:
        for f in sorted(root.rglob("*.rs")) if root.is_dir() else [root]:
            found += [(n, f, line, name) for name, line, n in functions(f) if n > limit]
    for n, f, line, name in sorted(found, reverse=True):
        print(f"{f}:{line}: fn {name}: {n} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
