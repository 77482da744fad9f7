#!/usr/bin/env python3
"""Differential check of one scenario: CPython asyncio (real clock) against LoopLab (virtual clock).

Both sides print `<time in units> <task> <text>` lines. The order must match exactly and each
time must agree within a tolerance. A scenario whose script says
`# conformance: unordered-ties` has timer deadlines CPython does not order (equal
deadlines): lines LoopLab prints at the same instant are then compared as a set.
The Python side runs on a real clock that a loaded machine can delay, never hurry: every
wake-up comes a little late, and a task that sleeps again after waking carries that lateness
into its next deadline, so it adds up along a chain of waits (a semaphore's ten waves one unit
apart came 0.9 units late at their tenth wave on a busy 2-core machine). A CPython time may
therefore be late by the tolerance plus a share (--drift) of the time elapsed, but early only by
the tolerance. A mismatch is also retried a few times before it counts.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse(text, source):
    lines = []
    for n, raw in enumerate(text.splitlines(), 1):
        parts = raw.split(" ", 2)
        if len(parts) < 3:
            raise SystemExit(f"{source} line {n} is not '<time> <task> <text>': {raw!r}")
        try:
            t = float(parts[0])
        except ValueError:
            raise SystemExit(f"{source} line {n} has no time: {raw!r}")
        lines.append((t, parts[1], parts[2]))
    return lines


def groups(cpp, unordered_ties):
    """Consecutive runs of LoopLab lines that must match as a unit."""
    if not unordered_ties:
        return [[line] for line in cpp]
    out = []
    for line in cpp:
        if out and out[-1][0][0] == line[0]:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def time_agrees(cpython, looplab, tolerance, drift):
    """CPython's real-clock time against LoopLab's virtual one (see the module's comment)."""
    return -tolerance <= cpython - looplab <= tolerance + drift * looplab


def compare(py, cpp, unordered_ties, tolerance, drift):
    problems = []
    if len(py) != len(cpp):
        problems.append(f"CPython printed {len(py)} lines, LoopLab {len(cpp)}")
    i = 0
    for group in groups(cpp, unordered_ties):
        chunk = py[i:i + len(group)]
        i += len(group)
        if len(chunk) < len(group):
            problems.append(f"CPython stops before LoopLab's {group[0][1]} {group[0][2]!r}")
            break
        if sorted((w, t) for _, w, t in chunk) != sorted((w, t) for _, w, t in group):
            problems.append("order differs: CPython " + " | ".join(f"{w} {t}" for _, w, t in chunk) +
                            "  vs  LoopLab " + " | ".join(f"{w} {t}" for _, w, t in group))
            continue
        for (pt, pw, ptext) in chunk:
            ct = next(t for t, w, x in group if (w, x) == (pw, ptext))
            if not time_agrees(pt, ct, tolerance, drift):
                problems.append(f"time differs for {pw} {ptext!r}: CPython {pt:.3f}, LoopLab {ct:.3f} units")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--tolerance", type=float, default=0.5, help="allowed time difference, in units")
    ap.add_argument("--drift", type=float, default=0.1,
                    help="further lateness allowed to CPython, as a share of the time elapsed")
    ap.add_argument("--attempts", type=int, default=3)
    ap.add_argument("runner", nargs="+", help="command that runs LoopLab's side: <cmd...> <scenario>")
    args = ap.parse_args()

    script = HERE / "python" / f"{args.scenario}.py"
    if not script.exists():
        raise SystemExit(f"no CPython script {script}")
    unordered_ties = "# conformance: unordered-ties" in script.read_text()

    cpp_run = subprocess.run(args.runner + [args.scenario], capture_output=True, text=True, timeout=120)
    if cpp_run.returncode != 0:
        raise SystemExit(f"LoopLab's side failed ({cpp_run.returncode}):\n{cpp_run.stderr}")
    cpp = parse(cpp_run.stdout, "LoopLab")
    ties = [int(line.split(":")[1]) for line in cpp_run.stderr.splitlines() if line.startswith("timer ties:")]
    if ties and ties[0] > 0 and not unordered_ties:
        raise SystemExit(f"{args.scenario}: {ties[0]} timers of different tasks fall due at the same instant; "
                         "CPython leaves their order undefined, so either remove the tie or mark the script "
                         "'# conformance: unordered-ties' (and make sure the order cannot change what follows)")

    env = dict(os.environ, PYTHONPATH=str(HERE / "python"))
    for attempt in range(1, args.attempts + 1):
        py_run = subprocess.run([args.python, str(script)], capture_output=True, text=True, timeout=120, env=env)
        if py_run.returncode != 0:
            raise SystemExit(f"CPython's side failed ({py_run.returncode}):\n{py_run.stderr}")
        py = parse(py_run.stdout, "CPython")
        problems = compare(py, cpp, unordered_ties, args.tolerance, args.drift)
        if not problems:
            note = " (ties compared as sets)" if unordered_ties else ""
            print(f"{args.scenario}: {len(cpp)} lines agree{note}, attempt {attempt}")
            return 0
        print(f"{args.scenario}: attempt {attempt} disagrees:")
        for p in problems:
            print("  " + p)
    print("--- CPython\n" + py_run.stdout + "--- LoopLab\n" + cpp_run.stdout)
    return 1


if __name__ == "__main__":
    sys.exit(main())
