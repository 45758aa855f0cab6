#!/usr/bin/env python3
"""Feeds mutated real traces to `weft replay` and counts the answers that break its promise.

Usage: scripts/mutate-traces.py WEFT SEED_DIR [COUNT] [--keep DIR] [--seed N] [--jobs N]

Each mutant is a trace from SEED_DIR changed once: a JSON value swapped for a hostile one (a
number that overflows, a negative count, a wrong type, a huge string, deep nesting), a key
duplicated or removed, bytes flipped, cut or inserted (invalid UTF-8 included). `weft replay
--quiet` must answer each with exit 0-4, and a trace it refuses (exit 2) with one line on stderr.
Anything else (a signal, another code, a hang past the timeout, a refusal of several lines)
is counted and, with --keep, saved to DIR for the regression corpus (tests/fuzz/regressions/).
The fuzzer (scripts/fuzz.sh) explores further; this gives a quick count before and after a change.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile

HOSTILE = [
    "1e999", "-1e999", "-1", "-9223372036854775809", "18446744073709551616", "4294967296",
    "9223372036854775807", "1.5", "-0.0", "0", "null", "true", "\"\"", "\"x\"", "[]", "{}",
    "[[[[[[[[[[]]]]]]]]]]", "\"\\ud800\"", "1e308", "-2", "99999999999",
]


def spans(text):
    """(start, end) of every JSON scalar value in `text`, found by re-dumping each one."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            end = j + 1
            if end < n and text[end:].lstrip().startswith(':'):
                out.append(("key", i, end))
            else:
                out.append(("value", i, end))
            i = end
        elif c in '-0123456789tfn':
            j = i
            while j < n and text[j] not in ',]} \n\r\t':
                j += 1
            out.append(("value", i, j))
            i = j
        else:
            i += 1
    return out


def mutate(text, rng):
    data = text.encode()
    kind = rng.randrange(9)
    sp = spans(text)
    if kind <= 2 and sp:  # a value swapped for a hostile one
        values = [s for s in sp if s[0] == "value"]
        _, a, b = rng.choice(values)
        if rng.random() < 0.1:
            new = '"' + "A" * rng.choice([10**5, 10**6]) + '"'
        else:
            new = rng.choice(HOSTILE)
        return (text[:a] + new + text[b:]).encode()
    if kind == 3 and sp:  # a key duplicated (its member copied right after it) or renamed
        keys = [s for s in sp if s[0] == "key"]
        _, a, b = rng.choice(keys)
        if rng.random() < 0.5:
            return (text[:a] + text[a:b] + ': 0, ' + text[a:]).encode()
        return (text[:a] + '"' + text[a + 1:b - 1] + '_"' + text[b:]).encode()
    if kind == 4:  # deep nesting somewhere a value may go
        depth = rng.choice([100, 1000, 200000])
        values = [s for s in sp if s[0] == "value"] or [("value", 0, 0)]
        _, a, b = rng.choice(values)
        return (text[:a] + "[" * depth + "]" * depth + text[b:]).encode()
    if kind == 5:  # truncated
        return data[:rng.randrange(len(data) + 1)]
    if kind == 6:  # bytes flipped
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == 7:  # invalid UTF-8 inside a string
        strs = [s for s in sp if s[0] == "value" and text[s[1]] == '"']
        if strs:
            _, a, _ = rng.choice(strs)
            return data[:len(text[:a + 1].encode())] + rng.choice(
                [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]) + \
                data[len(text[:a + 1].encode()):]
    # a range deleted or duplicated
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 64))
    return data[:i] + data[j:] if rng.random() < 0.5 else data[:j] + data[i:]


def judge(weft, path, timeout):
    try:
        p = subprocess.run([weft, "replay", "--quiet", path], capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang"
    if p.returncode < 0:
        return "signal %d" % -p.returncode
    if p.returncode not in (0, 1, 2, 3, 4):
        return "exit %d" % p.returncode
    if p.returncode == 2 and p.stderr.count(b"\n") != 1:
        return "exit 2 with %d lines on stderr" % p.stderr.count(b"\n")
    return "exit %d" % p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weft")
    ap.add_argument("seed_dir")
    ap.add_argument("count", type=int, nargs="?", default=2000)
    ap.add_argument("--keep")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20)
    a = ap.parse_args()
    seeds = []
    for root, _, files in os.walk(a.seed_dir):
        for f in sorted(files):
            with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                seeds.append(fh.read())
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="weft-mutants-")
    paths = []
    for i in range(a.count):
        path = os.path.join(work, "m%06d.json" % i)
        with open(path, "wb") as fh:
            fh.write(mutate(rng.choice(seeds), rng))
        paths.append(path)
    tally, bad = collections.Counter(), []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for path, verdict in zip(paths, pool.map(lambda p: judge(a.weft, p, a.timeout), paths)):
            tally[verdict] += 1
            if not verdict.startswith("exit") or verdict not in (
                    "exit 0", "exit 1", "exit 2", "exit 3", "exit 4"):
                bad.append((path, verdict))
    for verdict, n in sorted(tally.items()):
        print("%6d  %s" % (n, verdict))
    print("%d of %d mutants broke the promise" % (len(bad), a.count))
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        for path, verdict in bad:
            os.replace(path, os.path.join(a.keep, os.path.basename(path)))
    for p in paths:
        if os.path.exists(p):
            os.remove(p)
    os.rmdir(work) if not os.listdir(work) else None
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
