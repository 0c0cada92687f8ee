#!/usr/bin/env python3
"""Whole-process growth of one `gd-atlas` command over input sizes (issue 21): for each size N
the command is run with `{file}` replaced by that size's file, the rounds interleaved across
sizes (so load from other work falls on all sizes alike), and the median wall and CPU times
are fitted as t ∝ N^k (least squares on log t against log N), like `growth_exponents.py` does
for the criterion benches.

    python3 tools/cli_growth.py --rounds 3 --label 'at, star town' \\
        'target/release/gd-atlas --towns {file} at 113.243 23.11' \\
        100000=/tmp/gd-atlas-bench-growth-adv-star-100000.geojson \\
        200000=/tmp/gd-atlas-bench-growth-adv-star-200000.geojson …

Prints one Markdown table row: label, median wall per size, exponent on wall, on CPU (user+sys).
"""

import argparse
import math
import resource
import shlex
import statistics
import subprocess
import sys
import time


def slope(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def run_once(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode(errors='replace')[:400]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("command", help="command line with {file}")
    parser.add_argument("sizes", nargs="+", help="N=FILE")
    args = parser.parse_args()
    sizes = []
    for spec in args.sizes:
        n, _, path = spec.partition("=")
        sizes.append((int(n), [a.replace("{file}", path) for a in shlex.split(args.command)]))
    walls = {n: [] for n, _ in sizes}
    cpus = {n: [] for n, _ in sizes}
    for _ in range(args.rounds):
        for n, argv in sizes:
            wall, cpu = run_once(argv)
            walls[n].append(wall)
            cpus[n].append(cpu)
    wall = [(n, statistics.median(walls[n])) for n, _ in sizes]
    cpu = [(n, statistics.median(cpus[n])) for n, _ in sizes]
    times = ", ".join(f"{n:,}: {t:.2f} s" for n, t in wall)
    print(f"| {args.label or args.command} | {times} | {slope(wall):.2f} | {slope(cpu):.2f} |")


if __name__ == "__main__":
    main()
