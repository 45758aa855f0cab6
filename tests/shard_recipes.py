#!/usr/bin/env python3
"""The exhaustive search split into shards (docs/scale.md), end to end on the built weft:

  shard_recipes.py --weft WEFT --docs DOCS --dir SCRATCH

- The Kubernetes Indexed Job of docs/scale.md is checked against a schema of the fields a
  batch/v1 Job of that shape needs (written here: no network), and its command is run locally as
  its N pods would run it, JOB_COMPLETION_INDEX 0..N-1, at once; `weft merge` of their results
  has the outcomes of the search in one piece.
- The GitHub Actions workflow of docs/scale.md is parsed, its matrix expanded and its `run` steps
  run locally, the merge job's last; the same comparison.
- Shards 1..8 of `weft check` on a scenario that deadlocks, merged: the failure, exit 1.
- A shard cut by its budget and resumed from its checkpoint gives the result of a shard that ran
  through, count for count.
- `weft merge` refuses what is not the shards of one search: one line on stderr, exit 2."""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import jsonschema
import yaml

# What a batch/v1 Indexed Job of the recipe's shape must have, as the API server would require
# (field names and types of the Kubernetes API reference, batch/v1 Job and core/v1 PodSpec).
STRING = {"type": "string", "minLength": 1}
JOB_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "batch/v1"},
        "kind": {"const": "Job"},
        "metadata": {"type": "object", "required": ["name"],
                     "properties": {"name": {"type": "string",
                                             "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}}},
        "spec": {
            "type": "object",
            "required": ["completionMode", "completions", "template"],
            "properties": {
                "completionMode": {"const": "Indexed"},
                "completions": {"type": "integer", "minimum": 1},
                "parallelism": {"type": "integer", "minimum": 1},
                "backoffLimit": {"type": "integer", "minimum": 0},
                "template": {
                    "type": "object",
                    "required": ["spec"],
                    "properties": {"spec": {
                        "type": "object",
                        "required": ["containers", "restartPolicy"],
                        "properties": {
                            # A Job's pods may not restart Always.
                            "restartPolicy": {"enum": ["Never", "OnFailure"]},
                            "containers": {"type": "array", "minItems": 1, "items": {
                                "type": "object",
                                "required": ["name", "image", "command"],
                                "properties": {
                                    "name": STRING, "image": STRING,
                                    "command": {"type": "array", "items": {"type": "string"}},
                                    "volumeMounts": {"type": "array", "items": {
                                        "type": "object", "required": ["name", "mountPath"]}},
                                },
                            }},
                            "volumes": {"type": "array", "items": {
                                "type": "object", "required": ["name"]}},
                        },
                    }},
                },
            },
        },
    },
}


def fail(why):
    print(f"shard_recipes: {why}", file=sys.stderr)
    sys.exit(1)


def run(args, code=0, env=None, cwd=None):
    p = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    if p.returncode != code:
        fail(f"{args}: exit {p.returncode}, not {code}\n{p.stdout}\n{p.stderr}")
    return p


def outcome_set(doc):
    return sorted((o["status"], o["message"], tuple(o["stdout"]), tuple(o["stderr"]),
                   tuple(sorted(o["files"].items()))) for o in doc["outcomes"])


def same_as_whole(weft, merged_args, whole_args, what):
    merged = json.loads(run([weft, "merge", "--json", *merged_args]).stdout)
    whole = json.loads(run([weft, *whole_args, "--json", "--quiet", "--max-list", "all"]).stdout)
    if not merged["complete"] or not whole["complete"]:
        fail(f"{what}: not complete")
    if outcome_set(merged) != outcome_set(whole):
        fail(f"{what}: merged outcomes differ from the search in one piece")
    if merged["distinct_outcomes"] != whole["distinct_outcomes"]:
        fail(f"{what}: distinct outcomes differ")


def local_command(text, weft, replacements):
    text = re.sub(r"(^|;\s*|&&\s*)weft ", lambda m: m.group(1) + weft + " ", text)
    for a, b in replacements.items():
        text = text.replace(a, b)
    return text


def kubernetes(weft, md, scratch):
    jobs = [y for y in map(yaml.safe_load, re.findall(r"```yaml\n(.*?)```", md, re.S))
            if isinstance(y, dict) and y.get("kind") == "Job" and "--result" in json.dumps(y)]
    if len(jobs) != 1:
        fail("docs/scale.md: one Indexed Job with --result expected")
    job = jobs[0]
    jsonschema.validate(job, JOB_SCHEMA)
    n = job["spec"]["completions"]
    container = job["spec"]["template"]["spec"]["containers"][0]
    if container["command"][:2] != ["sh", "-c"] or f"/{n} " not in container["command"][2]:
        fail("the Job's command must be `sh -c` with --shard INDEX/completions")
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volumes = {v["name"] for v in job["spec"]["template"]["spec"]["volumes"]}
    if set(mounts) != volumes:
        fail("every volume mounted, every mount a volume")
    results = scratch / "k8s"
    results.mkdir()
    text = local_command(container["command"][2], weft, {mounts["results"]: str(results)})
    pods = [subprocess.Popen(["sh", "-c", text], env={**os.environ, "JOB_COMPLETION_INDEX": str(i)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for i in range(n)]
    for i, pod in enumerate(pods):
        if pod.wait(timeout=120) != 0:
            fail(f"pod {i}: exit {pod.returncode}: {pod.stderr.read()}")
    shards = sorted(str(p) for p in results.glob("shard-*.json"))
    if len(shards) != n or len(list(results.glob("checkpoint-*.json"))) != n:
        fail(f"{n} results and checkpoints expected in {results}")
    whole = re.search(r"weft (outputs [^-]*(?:-p \S+ )*)", container["command"][2]).group(1).split()
    same_as_whole(weft, shards, whole, "Kubernetes Indexed Job")


def github_actions(weft, md, scratch):
    flows = [y for y in map(yaml.safe_load, re.findall(r"```yaml\n(.*?)```", md, re.S))
             if isinstance(y, dict) and "merge" in y.get("jobs", {})]
    if len(flows) != 1:
        fail("docs/scale.md: one workflow with a merge job expected")
    flow = flows[0]
    search, merge = flow["jobs"]["search"], flow["jobs"]["merge"]
    if merge.get("needs") != "search" or search["strategy"].get("fail-fast") is not False:
        fail("the merge job needs the search jobs, which must not cancel one another")
    work = scratch / "gha"
    work.mkdir()
    shards = search["strategy"]["matrix"]["shard"]
    whole = None
    for shard in shards:
        for step in search["steps"]:
            if "run" in step:
                text = local_command(step["run"].replace("${{ matrix.shard }}", str(shard)), weft, {})
                run(["sh", "-c", text], cwd=work)
                whole = re.search(r"weft (outputs [^-]*(?:-p \S+ )*)", step["run"]).group(1).split()
            elif "upload-artifact" in step["uses"]:
                path = step["with"]["path"].replace("${{ matrix.shard }}", str(shard))
                if not (work / path).exists():
                    fail(f"the artifact {path} was not written")
    merge_runs = [s["run"] for s in merge["steps"] if "run" in s]
    run(["sh", "-c", local_command(merge_runs[-1], weft, {})], cwd=work)
    files = merge_runs[-1].split()[2:]
    if len(files) != len(shards):
        fail("the merge step must name every shard's result")
    same_as_whole(weft, [str(work / f) for f in files], whole, "GitHub Actions matrix")


def check_shards(weft, scratch):
    # deadlock fails in the search in one piece; every split of it must find the failure. (A
    # shard whose prefixes hold no failure searches them all: 3 threads keep that quick.)
    for n in range(1, 9):
        files = []
        for i in range(n):
            f = scratch / f"check-{n}-{i}.json"
            p = subprocess.run([weft, "check", "deadlock", "-p", "threads=3", "--quiet", "--shard", f"{i}/{n}",
                                "--result", str(f), "--trace-out", str(scratch / "t.json")],
                               capture_output=True, text=True, timeout=60, cwd=scratch)
            if p.returncode not in (0, 1):
                fail(f"check shard {i}/{n}: exit {p.returncode}: {p.stderr}")
            files.append(str(f))
        p = run([weft, "merge", *files], code=1)
        if "deadlock" not in p.stdout:
            fail(f"{n} shards of check deadlock: no deadlock in\n{p.stdout}")


def resumed(weft, scratch):
    args = [weft, "outputs", "rlock", "-p", "threads=3", "--quiet", "--shard", "1/3"]
    straight = scratch / "straight.json"
    run([*args, "--result", str(straight)])
    cp = scratch / "cp.json"
    # A budget cuts the shard midway, as a kill would: exit 4, the prefixes done kept.
    run([*args, "--checkpoint", str(cp), "--max-executions", "40"], code=4)
    partial = json.loads(cp.read_text())
    if partial["complete"] or not partial["done"]:
        fail(f"the cut shard's checkpoint: {partial['done']} done, complete {partial['complete']}")
    again = scratch / "again.json"
    run([*args, "--checkpoint", str(cp), "--result", str(again)])
    a, b = json.loads(straight.read_text()), json.loads(again.read_text())
    for key in ("complete", "executions", "redundant", "done", "prefixes", "split_depth"):
        if a[key] != b[key]:
            fail(f"resumed shard: {key} {b[key]}, not {a[key]} as without the cut")
    counts = lambda d: sorted((o["stdout"], o["status"], o["count"]) for o in d["outcomes"])
    if counts(a) != counts(b):
        fail("resumed shard: the outcomes or their counts differ")


def bad_merges(weft, scratch):
    good = [str(scratch / f"bad-{i}.json") for i in range(2)]
    for i, f in enumerate(good):
        run([weft, "outputs", "rlock", "-p", "threads=2", "--quiet", "--shard", f"{i}/2",
             "--result", f])
    other = scratch / "other.json"
    run([weft, "outputs", "rlock", "-p", "threads=3", "--quiet", "--shard", "1/2",
         "--result", str(other)])
    junk = scratch / "junk.json"
    junk.write_text("{\"weft_shard_format\": 1, \"command\": ")
    cases = [
        ([good[0], str(scratch / "none.json")], "cannot read"),
        ([good[0], str(junk)], "is not a weft shard result"),
        ([good[0], str(other)], "is of another search"),
        ([good[0], good[0]], "is given twice"),
    ]
    for files, message in cases:
        p = run([weft, "merge", *files], code=2)
        if message not in p.stderr or p.stderr.count("\n") != 1 or p.stdout:
            fail(f"merge {files}: expected one line with '{message}', got {p.stderr!r}")
    p = run([weft, "merge", good[1]], code=4)
    if "missing shards 0 of 2" not in p.stdout:
        fail(f"merge of one shard of two: {p.stdout}")
    # An unwritable result is refused before the search, and nothing is left behind.
    p = run([weft, "outputs", "rlock", "--shard", "0/2", "--result", str(scratch)], code=2)
    if p.stderr.count("\n") != 1:
        fail(f"unwritable --result: {p.stderr!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    a.weft = os.path.abspath(a.weft)
    scratch = pathlib.Path(a.dir)
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    md = (pathlib.Path(a.docs) / "scale.md").read_text()
    kubernetes(a.weft, md, scratch)
    github_actions(a.weft, md, scratch)
    check_shards(a.weft, scratch)
    resumed(a.weft, scratch)
    bad_merges(a.weft, scratch)
    print("shard_recipes: ok")


if __name__ == "__main__":
    main()
