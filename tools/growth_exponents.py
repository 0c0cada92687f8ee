#!/usr/bin/env python3
"""Growth exponents of the adversarial benches (benches/growth.rs, issue 21) from criterion's
results: for each group/function, the median time at each size N and the exponent k of
t ∝ N^k fitted by least squares on log t against log N (1×, 2×, 4×, 10×). When the group has a
size 0 (the unchanged input: a fixed part such as loading and drawing the atlas), k is also
fitted on t − t(0), the time the size adds.

    python3 tools/growth_exponents.py target/criterion   # prints a Markdown table
"""

import json
import math
import pathlib
import sys


def median_ms(path):
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"] / 1e6


def slope(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def main(root):
    root = pathlib.Path(root)
    print("| group / function | " + " | ".join(["N", "time (median)"]) + " | exponent |")
    print("|---|---|---|---|")
    for group in sorted(root.glob("adv_*")):
        for function in sorted(p for p in group.iterdir() if p.is_dir() and p.name != "report"):
            sizes = []
            for size in function.iterdir():
                est = size / "new" / "estimates.json"
                if size.name.isdigit() and est.is_file():
                    sizes.append((int(size.name), median_ms(est)))
            sizes.sort()
            if not sizes:
                continue
            fixed = dict(sizes).get(0)
            grown = [(n, t) for n, t in sizes if n > 0]
            k = slope(grown) if len(grown) >= 2 else float("nan")
            extra = ""
            if fixed is not None and len(grown) >= 2 and all(t > fixed for _, t in grown):
                extra = f"; on t − t(0): {slope([(n, t - fixed) for n, t in grown]):.2f}"
            times = ", ".join(f"{n:,}: {t:.1f} ms" if t < 1000 else f"{n:,}: {t / 1000:.2f} s" for n, t in sizes)
            print(f"| {group.name}/{function.name} | {len(sizes)} sizes | {times} | {k:.2f}{extra} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
