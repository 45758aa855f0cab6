#!/usr/bin/env python3
"""Checks a Chrome trace-event JSON file (what `weft ... --perfetto FILE` writes) against the
format's rules, as the Trace Event Format document states them and ui.perfetto.dev and
chrome://tracing rely on them:

- the document is {"traceEvents": [...]} (or a bare list of events);
- every event has ph, pid, tid and name, and the fields its phase needs: ts and dur >= 0 for a
  complete slice (X); ts and a scope in g/p/t for an instant (i); ts, id and cat for a flow
  (s/t/f), whose finish binds to its enclosing slice (bp "e") or the next one;
- metadata (M) names a process or thread (args.name) or sorts one (args.sort_index); every
  pid and every (pid, tid) an event uses is named;
- every flow start has one finish with the same id, cat and name, no earlier than it, and each
  end lies inside a slice of its own track (the slice it binds to);
- the complete slices of each track nest: a slice that begins inside another ends inside it.

With --trace WEFT_TRACE.json (the trace of the same execution, written by --traces), it also
checks the export against the execution: a thread_name per thread of the trace and no other, one
step slice per event in step order, an instant per print, a flow per event woken by another.

--self-test feeds it broken documents and fails unless each one is refused.

Exit 0 when the file passes, 1 with one line per problem when it does not.
"""
import argparse
import json
import sys

EPS = 1e-6
PHASES = {"X", "B", "E", "i", "I", "M", "s", "t", "f", "C", "b", "e", "n"}
METADATA = {"process_name": "name", "process_labels": "labels", "thread_name": "name",
            "process_sort_index": "sort_index", "thread_sort_index": "sort_index"}


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_event(k, e, problems):
    where = "traceEvents[%d]" % k
    if not isinstance(e, dict):
        problems.append(where + ": not an object")
        return False
    ph = e.get("ph")
    if ph not in PHASES:
        problems.append("%s: unknown phase %r" % (where, ph))
        return False
    for field, kind in (("pid", int), ("tid", int), ("name", str)):
        if not isinstance(e.get(field), kind) or isinstance(e.get(field), bool):
            problems.append("%s (%s): %s missing or not %s" % (where, ph, field, kind.__name__))
            return False
    if "args" in e and not isinstance(e["args"], dict):
        problems.append("%s: args is not an object" % where)
    if ph == "M":
        want = METADATA.get(e["name"])
        args = e.get("args", {})
        if want is None or want not in args:
            problems.append("%s: metadata %r without args.%s" % (where, e["name"], want))
            return False
        if want == "name" and not isinstance(args["name"], str):
            problems.append("%s: metadata name is not a string" % where)
        if want == "sort_index" and not isinstance(args["sort_index"], int):
            problems.append("%s: sort_index is not an integer" % where)
        return True
    if not is_number(e.get("ts")) or e["ts"] < 0:
        problems.append("%s (%s): ts missing or negative" % (where, ph))
        return False
    if ph == "X" and (not is_number(e.get("dur")) or e["dur"] < 0):
        problems.append("%s: complete slice without a dur >= 0" % where)
        return False
    if ph in ("i", "I") and e.get("s", "t") not in ("g", "p", "t"):
        problems.append("%s: instant scope %r is not g, p or t" % (where, e.get("s")))
    if ph in ("s", "t", "f"):
        if not isinstance(e.get("id"), (int, str)) or not isinstance(e.get("cat"), str):
            problems.append("%s: flow event without id and cat" % where)
            return False
        if ph == "f" and e.get("bp", "e") != "e":
            problems.append("%s: flow finish binding point %r is not 'e'" % (where, e.get("bp")))
    return True


def check_nesting(slices, track, problems):
    stack = []
    for s in sorted(slices, key=lambda s: (s["ts"], -s["dur"])):
        end = s["ts"] + s["dur"]
        while stack and stack[-1][0] <= s["ts"] + EPS:
            stack.pop()
        if stack and end > stack[-1][0] + EPS:
            problems.append("track %s: slice %r [%g, %g] crosses %r, which ends at %g" %
                            (track, s["name"], s["ts"], end, stack[-1][1], stack[-1][0]))
        stack.append((end, s["name"]))


def inside_a_slice(e, slices):
    return any(s["ts"] - EPS <= e["ts"] <= s["ts"] + s["dur"] + EPS for s in slices)


def check_flows(flows, slices, problems):
    by_id = {}
    for e in flows:
        by_id.setdefault(e["id"], []).append(e)
    for fid, evs in by_id.items():
        starts = [e for e in evs if e["ph"] == "s"]
        finishes = [e for e in evs if e["ph"] == "f"]
        if len(starts) != 1 or len(finishes) != 1:
            problems.append("flow %r: %d starts and %d finishes, not one each" %
                            (fid, len(starts), len(finishes)))
            continue
        s, f = starts[0], finishes[0]
        if (s["cat"], s["name"]) != (f["cat"], f["name"]):
            problems.append("flow %r: start and finish differ in cat or name" % fid)
        if f["ts"] + EPS < s["ts"]:
            problems.append("flow %r: finishes at %g before it starts at %g" % (fid, f["ts"], s["ts"]))
        for end in (s, f):
            if not inside_a_slice(end, slices.get((end["pid"], end["tid"]), [])):
                problems.append("flow %r: its %s at %g lies in no slice of track %s" %
                                (fid, end["ph"], end["ts"], (end["pid"], end["tid"])))


def check_document(doc):
    problems = []
    events = doc.get("traceEvents") if isinstance(doc, dict) else doc
    if not isinstance(events, list):
        return ["no traceEvents list"]
    good = [e for k, e in enumerate(events) if check_event(k, e, problems)]
    named_threads = {(e["pid"], e["tid"]) for e in good
                     if e["ph"] == "M" and e["name"] == "thread_name"}
    named_processes = {e["pid"] for e in good if e["ph"] == "M" and e["name"] == "process_name"}
    slices = {}
    for e in good:
        if e["ph"] == "M":
            continue
        track = (e["pid"], e["tid"])
        if track not in named_threads:
            problems.append("track %s has no thread_name metadata" % (track,))
            named_threads.add(track)
        if e["pid"] not in named_processes:
            problems.append("pid %d has no process_name metadata" % e["pid"])
            named_processes.add(e["pid"])
        if e["ph"] == "X":
            slices.setdefault(track, []).append(e)
    for track, ss in sorted(slices.items()):
        check_nesting(ss, track, problems)
    check_flows([e for e in good if e["ph"] in ("s", "t", "f")], slices, problems)
    return problems


def check_against_trace(doc, trace):
    """The export tells the execution the weft trace records, and nothing else."""
    problems = []
    events = doc["traceEvents"]
    threads = {e["thread"] for e in trace["events"]}
    threads |= {b["thread"] for b in trace["outcome"].get("blocked", [])}
    names = [e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"]
    if sorted(names) != sorted(threads):
        problems.append("thread tracks %s, but the trace's threads are %s" %
                        (sorted(names), sorted(threads)))
    steps = sorted((e for e in events if e["ph"] == "X" and e.get("cat") == "step"),
                   key=lambda e: e["args"]["step"])
    if [e["args"]["step"] for e in steps] != [e["step"] for e in trace["events"]]:
        problems.append("%d step slices for %d events" % (len(steps), len(trace["events"])))
    elif any(a["ts"] >= b["ts"] for a, b in zip(steps, steps[1:])):
        problems.append("step slices are not in step order")
    prints = sum(1 for e in trace["events"] if e["op"] == "print")
    instants = sum(1 for e in events if e["ph"] == "i")
    if prints != instants:
        problems.append("%d instants for %d prints" % (instants, prints))
    woken = sum(1 for e in trace["events"] if e.get("woken_by", 0) != 0)
    flows = sum(1 for e in events if e["ph"] == "s")
    if woken != flows:
        problems.append("%d flows for %d events woken by another" % (flows, woken))
    return problems


def self_test():
    meta = [{"ph": "M", "pid": 1, "tid": 1, "name": "process_name", "args": {"name": "p"}},
            {"ph": "M", "pid": 1, "tid": 1, "name": "thread_name", "args": {"name": "T"}}]

    def doc(*evs):
        return {"traceEvents": meta + list(evs)}

    def x(ts, dur, name="a", tid=1):
        return {"ph": "X", "pid": 1, "tid": tid, "name": name, "ts": ts, "dur": dur}

    def flow(ph, ts, fid=1):
        return {"ph": ph, "pid": 1, "tid": 1, "name": "w", "cat": "wake", "id": fid, "ts": ts}

    good = doc(x(0, 10, "outer"), x(2, 3), x(5, 5), flow("s", 1), flow("f", 6))
    broken = {
        "crossing slices": doc(x(0, 10), x(5, 10)),
        "negative dur": doc(x(0, -1)),
        "X without dur": doc({"ph": "X", "pid": 1, "tid": 1, "name": "a", "ts": 0}),
        "no name": doc({"ph": "i", "pid": 1, "tid": 1, "ts": 0}),
        "unnamed tid": doc(x(0, 1, tid=2)),
        "flow without finish": doc(x(0, 10), flow("s", 1)),
        "finish without start": doc(x(0, 10), flow("f", 1)),
        "flow backwards": doc(x(0, 10), flow("s", 6), flow("f", 1)),
        "flow outside slices": doc(x(0, 1), flow("s", 0.5), flow("f", 5)),
        "metadata without a name": doc({"ph": "M", "pid": 1, "tid": 1, "name": "thread_name"}),
        "unknown phase": doc({"ph": "Q", "pid": 1, "tid": 1, "name": "a", "ts": 0}),
    }
    failed = check_document(good)
    if failed:
        print("self-test: a good document refused: " + "; ".join(failed))
        return 1
    for what, d in broken.items():
        if not check_document(d):
            print("self-test: not refused: " + what)
            return 1
    print("self-test: 1 good document passed, %d broken ones refused" % len(broken))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--trace", help="the weft trace of the same execution")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    with open(a.file, encoding="utf-8") as f:
        doc = json.load(f)
    problems = check_document(doc)
    if not problems and a.trace:
        with open(a.trace, encoding="utf-8") as f:
            problems = check_against_trace(doc, json.load(f))
    for p in problems:
        print("%s: %s" % (a.file, p))
    if not problems:
        n = len(doc["traceEvents"])
        print("%s: %d events, valid" % (a.file, n))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
