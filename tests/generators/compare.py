#!/usr/bin/env python3
"""Differential check of one generator scenario: CPython against LoopLab's generator model.

Generators involve no clock, so unlike tests/conformance (asyncio, with times) every printed
line must be equal, in the same order, with nothing missing or extra. A lesson's scenario
runs the lesson's own snippet (--snippet-from-runner: the runner prints it, rendered as the
page shows it), so the Python the learner reads is the Python that is checked. --mask
blanks what is measured on each side (a time, a size) before the lines are compared.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--snippet-from-runner", action="store_true",
                    help="the Python is the lesson's snippet, printed by `<runner...> --snippet <scenario>`")
    ap.add_argument("--mask", action="append", default=[],
                    help="a regular expression whose matches are measurements, blanked on both sides")
    ap.add_argument("runner", nargs="+", help="command that runs LoopLab's side: <cmd...> <scenario>")
    args = ap.parse_args()

    if args.snippet_from_runner:
        snippet = subprocess.run(args.runner + ["--snippet", args.scenario], capture_output=True, text=True, timeout=60)
        if snippet.returncode != 0 or not snippet.stdout.strip():
            raise SystemExit(f"the runner printed no snippet for {args.scenario}:\n{snippet.stderr}")
        scratch = tempfile.NamedTemporaryFile("w", suffix=f"_{args.scenario}.py", delete=False)
        scratch.write(snippet.stdout)
        scratch.close()
        script = Path(scratch.name)
    else:
        script = HERE / "python" / f"{args.scenario}.py"
        if not script.exists():
            raise SystemExit(f"no CPython script {script}")
    model = subprocess.run(args.runner + [args.scenario], capture_output=True, text=True, timeout=60)
    if model.returncode != 0:
        raise SystemExit(f"LoopLab's side failed ({model.returncode}):\n{model.stderr}")
    env = dict(os.environ, PYTHONPATH=str(HERE / "python"))
    cpython = subprocess.run([args.python, str(script)], capture_output=True, text=True, timeout=60, env=env)
    if args.snippet_from_runner:
        script.unlink()
    if cpython.returncode != 0:
        raise SystemExit(f"CPython's side failed ({cpython.returncode}):\n{cpython.stderr}")

    def masked(text):
        lines = text.splitlines()
        for pattern in args.mask:
            lines = [re.sub(pattern, "<measured>", line) for line in lines]
        return lines

    py, cpp = masked(cpython.stdout), masked(model.stdout)
    problems = [f"line {n}: CPython {p!r}, LoopLab {c!r}" for n, (p, c) in enumerate(zip(py, cpp), 1) if p != c]
    if len(py) != len(cpp):
        problems.append(f"CPython printed {len(py)} lines, LoopLab {len(cpp)}")
    if not py:
        problems.append("CPython printed nothing: the scenario asserts nothing")
    if problems:
        print(f"{args.scenario}: the model disagrees with CPython:")
        for p in problems:
            print("  " + p)
        print("--- CPython\n" + cpython.stdout + "--- LoopLab\n" + model.stdout)
        return 1
    print(f"{args.scenario}: {len(cpp)} lines equal, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
