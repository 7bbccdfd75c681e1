#!/usr/bin/env python3
"""The judged corpus: tacit's precision on public repositories it was never tuned on.

    corpus.py fetch              clone every repository of repos.tsv at its pinned commit
    corpus.py run                run tacit on each, compare with judgements.tsv, print precision
    corpus.py run --update       ... and rewrite the results table in README.md
    corpus.py run --unjudged F   ... and append every finding nobody has judged to F (verdict '?')

Development time only: fetching needs the network (CI has none) and nothing of these
repositories is committed, only their names, commits and the judgements.

Environment:
    TACIT_CORPUS_DIR     where the checkouts and outputs live (default ~/.cache/tacit-corpus)
    TACIT_CORPUS_MIRROR  a folder of local mirrors, OWNER+NAME/repo (bare git), tried before GitHub
    TACIT                the tacit binary (default: build/tacit next to this checkout)
"""

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VERDICTS = ("true", "false", "debatable")


def corpus_dir():
    return pathlib.Path(os.environ.get("TACIT_CORPUS_DIR", pathlib.Path.home() / ".cache" / "tacit-corpus"))


def read_tsv(path, columns):
    """Rows of a tab-separated file as dicts; '#' lines and blank lines are comments."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < len(columns):
            sys.exit(f"{path.name}:{number}: expected {len(columns)} tab-separated columns, got {len(cells)}")
        row = dict(zip(columns, cells))
        row["line"] = number
        rows.append(row)
    return rows


REPO_COLUMNS = ("repo", "commit", "language", "kind")
JUDGEMENT_COLUMNS = ("repo", "fingerprint", "rule", "verdict", "where", "reason", "message")


def repos():
    return read_tsv(HERE / "repos.tsv", REPO_COLUMNS)


def judgements():
    rows = read_tsv(HERE / "judgements.tsv", JUDGEMENT_COLUMNS)
    for row in rows:
        if row["verdict"] not in VERDICTS:
            sys.exit(f"judgements.tsv:{row['line']}: verdict must be one of {', '.join(VERDICTS)}, not '{row['verdict']}'")
        if not row["reason"].strip():
            sys.exit(f"judgements.tsv:{row['line']}: a judgement needs a one-line reason")
    return rows


def git(*args, cwd=None):
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def checkout(repo):
    return corpus_dir() / "repos" / repo["repo"].replace("/", "+")


def fetch(_args):
    mirror = os.environ.get("TACIT_CORPUS_MIRROR")
    for repo in repos():
        into = checkout(repo)
        if (into / ".git").exists():
            head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=into, capture_output=True, text=True).stdout.strip()
            if head == repo["commit"]:
                continue
        else:
            source = f"https://github.com/{repo['repo']}.git"
            local = pathlib.Path(mirror, repo["repo"].replace("/", "+"), "repo") if mirror else None
            if local and local.exists():
                source = str(local)
            print(f"fetching {repo['repo']} from {source}", file=sys.stderr)
            into.parent.mkdir(parents=True, exist_ok=True)
            git("clone", "--quiet", "--no-checkout", source, str(into))
        done = subprocess.run(["git", "-c", "advice.detachedHead=false", "checkout", "--quiet", "--force",
                               repo["commit"]], cwd=into, capture_output=True, text=True)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=into, capture_output=True, text=True).stdout.strip()
        if head != repo["commit"]:
            sys.exit(f"cannot check out {repo['repo']} at {repo['commit']}: {done.stderr.strip()}")
        if done.returncode != 0:
            # Some local snapshots lack their largest blobs: those files are absent from the worktree.
            absent = done.stderr.count("unable to read")
            print(f"{repo['repo']}: {absent} files absent from this snapshot", file=sys.stderr)


def run_tacit(tacit, repo):
    out = corpus_dir() / "out" / (repo["repo"].replace("/", "+") + ".json")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Every rule, those outside the default profile too: their precision is what keeps them out (or lets them in).
    result = subprocess.run([tacit, "check", "--format", "json", "--fail-on", "never", "--quiet", str(checkout(repo)),
                             "--extend-select", "ALL"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"tacit failed on {repo['repo']} (exit {result.returncode}): {result.stderr.strip()}")
    out.write_text(result.stdout, encoding="utf-8")
    return json.loads(result.stdout)["findings"]


def flatten(text):
    return " ".join(text.split())


def run(args):
    tacit = os.environ.get("TACIT", str(ROOT / "build" / "tacit"))
    judged = {(row["repo"], row["fingerprint"]): row for row in judgements()}
    selected = [repo for repo in repos() if not args.repo or repo["repo"] in args.repo]
    missing = [repo["repo"] for repo in selected if not (checkout(repo) / ".git").exists()]
    if missing:
        sys.exit(f"not fetched: {', '.join(missing)} (run: corpus.py fetch)")

    counts = collections.defaultdict(collections.Counter)  # rule -> verdict -> n
    reported = set()
    unjudged = []
    for repo in selected:
        for finding in run_tacit(tacit, repo):
            key = (repo["repo"], finding["fingerprint"])
            reported.add(key)
            row = judged.get(key)
            if row is None:
                counts[finding["rule"]]["unjudged"] += 1
                where = f"{finding['location']['path']}:{finding['location']['line']}"
                unjudged.append("\t".join((repo["repo"], finding["fingerprint"], finding["rule"], "?", where, "",
                                           flatten(finding["message"]))))
            else:
                counts[finding["rule"]][row["verdict"]] += 1

    names = {repo["repo"] for repo in selected}
    lost = [row for key, row in judged.items() if key[0] in names and key not in reported]
    table = results_table(counts, default_profile(tacit))
    print(table)
    print(f"{len(selected)} repositories; {sum(sum(c[v] for v in VERDICTS) for c in counts.values())} judged findings "
          f"reported, {len(unjudged)} not judged yet, {len(lost)} judged no longer reported")
    for row in sorted(lost, key=lambda r: (r["verdict"] != "true", r["repo"], r["rule"])):
        print(f"  no longer reported ({row['verdict']}): {row['repo']} {row['rule']} {row['where']}: {row['message']}")
    if args.unjudged and unjudged:
        with open(args.unjudged, "a", encoding="utf-8") as sink:
            sink.write("\n".join(unjudged) + "\n")
        print(f"{len(unjudged)} unjudged findings appended to {args.unjudged}")
    if args.update:
        update_readme(table)
    lost_true = sum(1 for row in lost if row["verdict"] == "true")
    return 1 if (args.strict and (unjudged or lost_true)) else 0


def default_profile(tacit):
    """The ids of the rules in the default profile, from `tacit rules` (its DEFAULT column)."""
    listing = subprocess.run([tacit, "rules"], capture_output=True, text=True, check=True).stdout.splitlines()
    column = listing[0].split().index("DEFAULT")
    return {line.split()[0] for line in listing[1:] if line.split()[column:column + 1] == ["on"]}


def precision(counter):
    decided = counter["true"] + counter["false"]
    return f"{counter['true'] / decided:.2f}" if decided else "-"


def results_table(counts, in_default):
    """Per rule, then the default profile's total (what a user gets); rules outside it are measured apart."""
    lines = ["| rule | default profile | true | false | debatable | not judged | precision |",
             "|---|---|---:|---:|---:|---:|---:|"]
    total = collections.Counter()
    for rule in sorted(counts):
        c = counts[rule]
        if rule in in_default:
            total.update(c)
        lines.append(f"| {rule} | {'on' if rule in in_default else 'off'} | {c['true']} | {c['false']} | "
                     f"{c['debatable']} | {c['unjudged']} | {precision(c)} |")
    lines.append(f"| **all (default profile)** | | {total['true']} | {total['false']} | {total['debatable']} | "
                 f"{total['unjudged']} | **{precision(total)}** |")
    return "\n".join(lines)


def update_readme(table):
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    readme.write_text(f"{head}{begin}\n{table}\n{end}{tail}", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="clone the repositories at their pinned commits")
    runner = commands.add_parser("run", help="run tacit and print precision per rule")
    runner.add_argument("--repo", action="append", help="only this repository (OWNER/NAME); repeatable")
    runner.add_argument("--update", action="store_true", help="rewrite the results table in README.md")
    runner.add_argument("--unjudged", metavar="FILE", help="append the findings nobody has judged to FILE")
    runner.add_argument("--strict", action="store_true",
                        help="exit 1 when a finding is not judged or a judged-true finding is no longer reported")
    args = parser.parse_args()
    return fetch(args) if args.command == "fetch" else run(args)


if __name__ == "__main__":
    sys.exit(main() or 0)
