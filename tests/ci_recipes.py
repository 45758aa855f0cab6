#!/usr/bin/env python3
"""The CI recipes of docs/ci.md, checked: both YAML files parse and have the shape their CI reads
(steps, artifacts, JUnit report), docs/ci.md shows each file whole, and their commands run against
a copy of examples/consumer built on an installed weft:

  ci_recipes.py --docs DOCS --prefix PREFIX --consumer SOURCE --dir SCRATCH

The commands that install weft (a clone and a build, with network and root) are left out: PREFIX
is where weft is installed already. The copy is made to fail as a project's CI would: its
`deposits` scenario runs without the lock by default, and a scenario that passes is added beside
it. So the fuzzing step fails, the JUnit report holds one failure and one pass, the failure's trace
is where the artifact rule looks, and docs/ci.md's command replays it."""
import argparse
import glob
import os
import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

PASSING_SCENARIO = """
// Added by tests/ci_recipes.py: a scenario with nothing wrong, beside the failing one.
WEFT_SCENARIO({
    .name = "audit",
    .summary = "a clerk deposits under the lock while the auditor reads",
    .body = [](const weft::Params&) {
      weft::Shared<int> balance(0, "balance");
      weft::Lock lock("account");
      weft::Thread clerk([&] {
        lock.acquire();
        balance.store(balance.load() + 100);
        lock.release();
      });
      clerk.start();
      lock.acquire();
      weft::check(balance.load() % 100 == 0, "a deposit was half made");
      lock.release();
      clerk.join();
    },
});
"""


def fail(why):
    print(f"ci_recipes: {why}", file=sys.stderr)
    sys.exit(1)


def github_steps(path):
    """The workflow's one job: its env, its run: steps (install left out), its artifact rule."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    if "on" not in workflow and True not in workflow:
        fail(f"{path}: no `on:` trigger")
    jobs = workflow.get("jobs", {})
    if list(jobs) != ["weft"]:
        fail(f"{path}: jobs are {list(jobs)}, expected one, weft")
    job = jobs["weft"]
    steps = job["steps"]
    for step in steps:
        if ("run" in step) == ("uses" in step):
            fail(f"{path}: a step has neither or both of run and uses: {step}")
    installs = [s for s in steps if s.get("name") == "Install weft"]
    if len(installs) != 1:
        fail(f"{path}: {len(installs)} 'Install weft' steps, expected one")
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    if len(uploads) != 1 or uploads[0].get("if") != "failure()":
        fail(f"{path}: expected one upload-artifact step, if: failure()")
    reports = [s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report@")]
    if len(reports) != 1 or reports[0]["with"]["report_paths"] != "weft-junit.xml":
        fail(f"{path}: expected one JUnit report step on weft-junit.xml")
    runs = [s["run"] for s in steps if "run" in s and s is not installs[0]]
    for run in runs:
        if "${{" in run:
            fail(f"{path}: a run step uses a GitHub expression, which a shell cannot run: {run}")
    return job["env"], runs, [uploads[0]["with"]["path"]]


def gitlab_job(path):
    """The job's variables, its script lines (before_script, the install, left out), its artifacts."""
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    job = config.get("weft")
    if not isinstance(job, dict):
        fail(f"{path}: no job weft")
    artifacts = job["artifacts"]
    if artifacts.get("when") != "always" or artifacts["reports"]["junit"] != "weft-junit.xml":
        fail(f"{path}: the artifacts are not kept always with the JUnit report weft-junit.xml")
    if not all(isinstance(line, str) for line in job["script"] + job["before_script"]):
        fail(f"{path}: a script line is not a string")
    return job["variables"], job["script"], artifacts["paths"]


def run(commands, env, cwd, shell_per_line):
    """Runs the commands as the CI would: each in bash with -e (and pipefail), stopping at the
    first that fails. Returns the index of the failing one and its exit code, or (None, 0)."""
    for i, command in enumerate(commands):
        flags = ["-e"] if shell_per_line else ["--noprofile", "--norc", "-eo", "pipefail"]
        done = subprocess.run(["bash", *flags, "-c", command], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            return i, done.returncode, done.stdout
    return None, 0, ""


def check_junit(path):
    """The report CI systems read: <testsuites><testsuite> with one <testcase> per scenario, the
    counts in the suite's attributes matching its cases; deposits failed, audit passed."""
    if not path.is_file():
        fail(f"no JUnit report {path}")
    root = ET.parse(path).getroot()
    if root.tag != "testsuites" or len(root) != 1 or root[0].tag != "testsuite":
        fail(f"{path}: not <testsuites> holding one <testsuite>")
    suite = root[0]
    cases = list(suite)
    if any(c.tag != "testcase" for c in cases):
        fail(f"{path}: the suite holds something other than test cases")
    failed = [c for c in cases if c.find("failure") is not None]
    if int(suite.get("tests")) != len(cases) or int(suite.get("failures")) != len(failed):
        fail(f"{path}: the suite's counts {suite.attrib} do not match its {len(cases)} cases")
    float(suite.get("time"))
    for c in cases:
        if not c.get("classname") or not c.get("name"):
            fail(f"{path}: a case without classname or name: {c.attrib}")
        float(c.get("time"))
    names = sorted(c.get("name") for c in cases)
    if names != ["audit", "deposits"] or [c.get("name") for c in failed] != ["deposits"]:
        fail(f"{path}: cases {names}, failed {[c.get('name') for c in failed]}")
    failure = failed[0].find("failure")
    if failure.get("type") != "failed check" or "weft-trace-deposits.json" not in failure.get(
            "message") or "a deposit was lost" not in failure.text or (
            "replay it: bank_weft replay weft-trace-deposits.json") not in failure.text:
        fail(f"{path}: the failure lacks its type, trace or report: {failure.attrib}")


def check_artifacts(patterns, cwd, expected):
    found = sorted({os.path.basename(f) for p in patterns for f in glob.glob(str(cwd / p))})
    if found != expected:
        fail(f"the artifact rules {patterns} keep {found}, expected {expected}")


def main():
    parser = argparse.ArgumentParser()
    for arg in ("--docs", "--prefix", "--consumer", "--dir"):
        parser.add_argument(arg, required=True)
    a = parser.parse_args()
    docs = pathlib.Path(a.docs)
    github, gitlab = docs / "ci" / "github-actions.yml", docs / "ci" / "gitlab-ci.yml"
    guide = (docs / "ci.md").read_text(encoding="utf-8")
    for recipe in (github, gitlab):
        if recipe.read_text(encoding="utf-8") not in guide:
            fail(f"docs/ci.md does not show {recipe.name} as it is")

    scratch = pathlib.Path(a.dir)
    shutil.rmtree(scratch, ignore_errors=True)
    project = scratch / "project"
    shutil.copytree(a.consumer, project)
    bank = project / "bank.cpp"
    source = bank.read_text(encoding="utf-8")
    if source.count('.default_value = "true"') != 1:
        fail("examples/consumer/bank.cpp no longer has the one default this test changes")
    bank.write_text(source.replace('.default_value = "true"', '.default_value = "false"') +
                    PASSING_SCENARIO, encoding="utf-8")

    # The recipes' own settings, with the installed prefix, a Debug build (the fastest, nothing
    # is measured) and a fuzzing budget of seconds.
    overrides = {"WEFT_PREFIX": os.path.abspath(a.prefix), "BUILD_TYPE": "Debug", "FUZZ_SECONDS": "2"}
    if shutil.which("ccache"):
        overrides["CMAKE_CXX_COMPILER_LAUNCHER"] = "ccache"
    expected_artifacts = ["weft-trace-deposits.json"]

    env, runs, artifacts = github_steps(github)
    at, code, out = run(runs, {**os.environ, **env, **overrides}, project, False)
    if at is None or "fuzz --all" not in runs[at] or code != 1:
        fail(f"GitHub Actions: expected the fuzzing step to fail with exit 1, got step {at} "
             f"exit {code}:\n{out}")
    check_junit(project / "weft-junit.xml")
    check_artifacts(artifacts, project, expected_artifacts)

    for left in glob.glob(str(project / "weft-*")):
        os.remove(left)
    variables, script, paths = gitlab_job(gitlab)
    at, code, out = run(script, {**os.environ, **variables, **overrides}, project, True)
    if at is None or "fuzz --all" not in script[at] or code != 1:
        fail(f"GitLab CI: expected the fuzzing line to fail with exit 1, got line {at} "
             f"exit {code}:\n{out}")
    check_junit(project / "weft-junit.xml")
    check_artifacts(paths, project, sorted(expected_artifacts + ["weft-junit.xml"]))

    # The one command docs/ci.md gives to replay a downloaded trace.
    replays = [line.strip() for line in guide.splitlines()
               if line.strip().startswith("build/bank_weft replay ")]
    if len(replays) != 1:
        fail(f"docs/ci.md gives {len(replays)} replay commands, expected one")
    done = subprocess.run(["bash", "-c", replays[0]], cwd=project, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if done.returncode != 1 or ("replay reproduced the recorded outcome: failure "
                                "(a deposit was lost)") not in done.stdout:
        fail(f"{replays[0]}: exit {done.returncode}\n{done.stdout}")


if __name__ == "__main__":
    main()
