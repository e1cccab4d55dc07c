#!/usr/bin/env python3
"""Run the CPython suite and the Java suite on this machine, interleaved, and compare them.

    bench/compare [--quick] [--only a,b] [--affinity CPUS] [--rounds N] [--timeout S] [--no-build]

For every round and every workload group it runs `python3 mpbench.py --only G` and
`bench/run --only G`, alternating which one goes first (per group and per round), so that slow
drifts of this noisy machine hit both suites alike. Raw outputs go to bench/out/compare-<date>/;
the Markdown table is printed on stdout and saved there as table.md.

Table cells: the value of a result is the median of its samples (the RESULT line's value=); with
several rounds, the median of the per-round values. Standard library only.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Units where higher is better: rates.  Everything measured in a time is lower-is-better, and so is
# memory.  Matching on the unit's spelling, as both suites write it (msgs_per_s, us_per_roundtrip).
TIME_PREFIXES = ("ns", "us", "µs", "ms", "s")
MEMORY_UNITS = ("B", "KiB", "MiB", "GiB")


def find_mpbench():
    """mpbench.py lives in shared/, a sibling of the repository (../shared from the repo root)."""
    candidates = [os.environ.get("MPBENCH", ""),
                  os.path.join(REPO, "..", "shared", "bench", "python", "mpbench.py")]
    try:  # the repository root as git sees it, should bench/ be reached through a link
        top = subprocess.run(["git", "-C", HERE, "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        candidates.append(os.path.join(top, "..", "shared", "bench", "python", "mpbench.py"))
    except (OSError, subprocess.CalledProcessError):
        pass
    for c in candidates:
        if c and os.path.isfile(c):
            return os.path.realpath(c)
    sys.exit("compare: cannot find mpbench.py (tried %s); set MPBENCH=/path/to/mpbench.py"
             % ", ".join(c for c in candidates if c))


def direction(name, unit):
    """'higher', 'lower', or None when 'better' makes no sense (calibration of the machine)."""
    if name.startswith("calib_"):
        return None
    if unit.endswith("_per_s") or "/s" in unit:
        return "higher"
    head = unit.split("_", 1)[0]
    if head in TIME_PREFIXES or unit in MEMORY_UNITS:
        return "lower"
    if head == "x":          # speed-up ratios (pool_cpu_speedup)
        return "higher"
    return None


def parse(text):
    """RESULT lines -> {name: (unit, value)} in order of appearance; ERROR lines -> [(name, reason)]."""
    results, errors = {}, []
    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("RESULT", "ERROR"):
            continue
        kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        if parts[0] == "RESULT":
            results[kv["name"]] = (kv["unit"], float(kv["value"]))
        else:
            errors.append((kv.get("name", "?"), kv.get("reason", "?")))
    return results, errors


def g(x):
    """Table numbers, as summarize.py prints them."""
    return f"{x:.4g}" if abs(x) < 1e6 else f"{x:.3e}"


class Suite:
    """One side of the comparison: how to run a group, and what it printed over the rounds."""

    def __init__(self, label, cmd, outdir):
        self.label, self.cmd, self.outdir = label, cmd, outdir
        self.values = {}      # name -> [per-round value]
        self.units = {}
        self.order = {}       # group -> result names in first-seen order
        self.errors = []

    def run(self, group, rnd, timeout):
        stem = os.path.join(self.outdir, f"{self.label.lower()}-r{rnd}-{group}")
        print(f"compare: round {rnd} {self.label:7} {group} ...", file=sys.stderr, flush=True)
        with open(stem + ".stderr", "w") as err:
            p = subprocess.Popen(self.cmd + ["--only", group], stdout=subprocess.PIPE, stderr=err, text=True)
            try:
                # each suite enforces its own per-group timeout; this only guards against a hung runner
                out, _ = p.communicate(timeout=timeout + 120)
            except subprocess.TimeoutExpired:
                p.terminate()     # SIGTERM first: both runners then kill their workload's process group
                try:
                    out, _ = p.communicate(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    out, _ = p.communicate()
                out += f"\nERROR name={group} reason=runner_hung\n"
        with open(stem + ".txt", "w") as f:
            f.write(out)
        results, errors = parse(out)
        names = self.order.setdefault(group, [])
        for name, (unit, value) in results.items():
            if name not in names:
                names.append(name)
            self.units[name] = unit
            self.values.setdefault(name, []).append(value)
        self.errors += [(rnd, n, r) for n, r in errors]

    def value(self, name):
        v = self.values.get(name)
        return statistics.median(v) if v else None


def table(groups, java, py, rounds):
    rows = ["| workload | unit | Java | CPython | ratio (Java/CPython) | better? |",
            "|---|---|---|---|---|---|"]
    for group in groups:
        names = list(py.order.get(group, []))
        names += [n for n in java.order.get(group, []) if n not in names]
        if not names:
            rows.append(f"| {group} | | missing | missing | | |")
        for name in names:
            jv, pv = java.value(name), py.value(name)
            unit = java.units.get(name) or py.units.get(name)
            if name in java.units and name in py.units and java.units[name] != py.units[name]:
                unit = f"{java.units[name]} vs {py.units[name]}"
            jcell = g(jv) if jv is not None else "missing"
            pcell = g(pv) if pv is not None else ""
            ratio = better = ""
            if jv is not None and pv is not None and " vs " not in unit and pv != 0:
                ratio = f"{jv / pv:.3g}"
                d = direction(name, unit)
                if d is not None:
                    java_wins = jv < pv if d == "lower" else jv > pv
                    better = "tie" if jv == pv else ("Java" if java_wins else "CPython")
            rows.append(f"| {name} | {unit} | {jcell} | {pcell} | {ratio} | {better} |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="QUICK parameters in both suites")
    ap.add_argument("--only", default="", help="comma-separated workload groups (default: all)")
    ap.add_argument("--affinity", default="", help="pin both suites to these CPUs (taskset -c)")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of the whole interleaved comparison")
    ap.add_argument("--timeout", type=int, default=300, help="per-group timeout of each suite, s")
    ap.add_argument("--no-build", action="store_true",
                    help="do not build: compare the last jar snapshot of bench/run as it is")
    args = ap.parse_args()

    mpbench = find_mpbench()
    common = (["--quick"] if args.quick else []) + ["--timeout", str(args.timeout)]
    if args.affinity:
        common += ["--affinity", args.affinity]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    outdir = os.path.join(HERE, "out", f"compare-{stamp}")
    os.makedirs(outdir, exist_ok=True)
    py = Suite("CPython", [sys.executable, mpbench] + common, outdir)
    # Every group of one comparison measures the same build: bench/run builds (if needed) once,
    # here, before anything is timed, and then runs that jar snapshot with --no-build.
    runner = os.path.join(HERE, "run")
    java = Suite("Java", [runner, "--no-build"] + common, outdir)
    listing = subprocess.run([runner, "--list"] + (["--no-build"] if args.no_build else []),
                             capture_output=True, text=True)
    if listing.returncode != 0:
        sys.stderr.write(listing.stderr)
        sys.exit("compare: bench/run --list failed")
    py_groups = subprocess.run([sys.executable, mpbench, "--list"], capture_output=True, text=True,
                               check=True).stdout.split()
    groups = [g for g in args.only.split(",") if g] or py_groups
    java_groups = listing.stdout.split()
    bad = [g for g in groups if g not in py_groups and g not in java_groups]
    if bad:
        sys.exit(f"compare: unknown workload(s) {bad}")

    for rnd in range(1, args.rounds + 1):
        for i, group in enumerate(groups):
            order = (py, java) if (rnd + i) % 2 == 1 else (java, py)
            for suite in order:
                if suite is java and group not in java_groups or suite is py and group not in py_groups:
                    continue
                suite.run(group, rnd, args.timeout)

    mode = "quick" if args.quick else "full"
    head = (f"Java vs CPython multiprocessing, {mode} parameters, {args.rounds} round(s), interleaved; "
            f"affinity {args.affinity or 'none'}; {time.strftime('%Y-%m-%d %H:%M')}; raw outputs in "
            f"{os.path.relpath(outdir, REPO)}/\n")
    body = table(groups, java, py, args.rounds)
    notes = []
    for label, s in (("Java", java), ("CPython", py)):
        for rnd, name, reason in s.errors:
            notes.append(f"* {label}, round {rnd}: ERROR name={name} reason={reason}")
    text = head + "\n" + body + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")
    with open(os.path.join(outdir, "table.md"), "w") as f:
        f.write(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
