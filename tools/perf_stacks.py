#!/usr/bin/env python3
"""Where one thread's time went in a window of a `perf record -g` run (issue 21's first frame).

    python3 tools/perf_stacks.py PERF.DATA FROM_MS TO_MS THREAD [TOP] [KEYS]

Milliseconds count from the run's first sample (≈ the process start). Each sample of THREAD
(its comm: gd-atlas, atlas-load, lod-warm, llvmpipe-0, …) in the window is named by the first
three frames from the leaf that contain one of KEYS (comma-separated; default: our crates,
egui, eframe and GL), so the list reads as "time under this call chain". Printed in ms at the
sampling rate given by PERF_HZ (default 2000).
"""
import collections
import os
import re
import subprocess
import sys


def samples(data):
    out = subprocess.run(['perf', 'script', '-i', data, '-F', 'comm,tid,time,ip,sym'],
                         capture_output=True, text=True, check=True).stdout
    found, cur = [], None
    for line in out.split('\n'):
        head = re.match(r'\s*(\S.*?)\s+(\d+)\s+([\d.]+):\s*$', line)
        if head:
            if cur:
                found.append(cur)
            cur = [head.group(1), float(head.group(3)), []]
        elif cur is not None and line.strip():
            cur[2].append(line.strip().split(' ', 1)[-1])
    if cur:
        found.append(cur)
    return found


def main():
    data, lo, hi, thread = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    keys = sys.argv[6].split(',') if len(sys.argv) > 6 else [
        'gd_atlas', 'egui_glow', 'eframe::', 'epaint::', 'egui::', 'glow::', 'glX', 'winit::']
    per_ms = float(os.environ.get('PERF_HZ', '2000')) / 1000.0
    all_samples = samples(data)
    if not all_samples:
        sys.exit(f'{data}: no samples')
    t0 = min(s[1] for s in all_samples)
    chains = collections.Counter()
    n = 0
    for comm, t, stack in all_samples:
        if comm == thread and lo <= (t - t0) * 1000 < hi:
            n += 1
            chain = [f for f in stack if any(k in f for k in keys)][:3]
            chains[' < '.join(x[:70] for x in chain)] += 1
    print(f'{thread}: {n / per_ms:.1f} ms of samples between {lo:.0f} and {hi:.0f} ms')
    for chain, count in chains.most_common(top):
        print(f'{count / per_ms:6.1f} ms  {chain or "(none of the keys)"}')


if __name__ == '__main__':
    main()
