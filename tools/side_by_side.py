#!/usr/bin/env python3
"""Whole-process timings of several commands taken side by side (issue 21): every round runs
each command once, in turn, so a burst of load from other work on the machine falls on all of
them alike instead of on whichever ran last. Prints, per command, the median, min and max wall
time and the median user+sys CPU time over the rounds (after `--warmup` untimed rounds).

    python3 tools/side_by_side.py --rounds 5 --warmup 1 \\
        'ours=target/release/gd-atlas export --preset 4k --layers cities,counties --out /tmp/a.png' \\
        'qgis=env QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_4k.py ../shared/geo/boundaries /tmp/q.png'

A command is `NAME=COMMAND LINE` (split like a shell would, no shell features); `env A=B prog`
sets variables. A command that fails stops the run with its stderr.
"""

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """Wall and CPU (user+sys of the child) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode(errors='replace')[:400]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("commands", nargs="+", help="NAME=COMMAND LINE")
    args = parser.parse_args()
    commands = []
    for spec in args.commands:
        name, sep, line = spec.partition("=")
        if not sep:
            sys.exit(f"{spec}: expected NAME=COMMAND LINE")
        commands.append((name, shlex.split(line)))
    for _ in range(args.warmup):
        for _, argv in commands:
            run_once(argv)
    walls = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    for _ in range(args.rounds):
        for name, argv in commands:
            wall, cpu = run_once(argv)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; {args.rounds} rounds, {args.warmup} warm-up")
    print("| command | median wall | min … max | median CPU (user+sys) |")
    print("|---|---|---|---|")
    for name, _ in commands:
        w = walls[name]
        print(f"| {name} | {statistics.median(w) * 1e3:.0f} ms | {min(w) * 1e3:.0f} … {max(w) * 1e3:.0f} ms | {statistics.median(cpus[name]) * 1e3:.0f} ms |")


if __name__ == "__main__":
    main()
