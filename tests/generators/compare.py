#!/usr/bin/env python3
"""Differential check of one generator scenario: CPython against LoopLab's generator model.

Generators involve no clock, so unlike tests/conformance (asyncio, with times) every printed
line must be equal, in the same order, with nothing missing or extra.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("runner", nargs="+", help="command that runs LoopLab's side: <cmd...> <scenario>")
    args = ap.parse_args()

    script = HERE / "python" / f"{args.scenario}.py"
    if not script.exists():
        raise SystemExit(f"no CPython script {script}")
    model = subprocess.run(args.runner + [args.scenario], capture_output=True, text=True, timeout=60)
    if model.returncode != 0:
        raise SystemExit(f"LoopLab's side failed ({model.returncode}):\n{model.stderr}")
    env = dict(os.environ, PYTHONPATH=str(HERE / "python"))
    cpython = subprocess.run([args.python, str(script)], capture_output=True, text=True, timeout=60, env=env)
    if cpython.returncode != 0:
        raise SystemExit(f"CPython's side failed ({cpython.returncode}):\n{cpython.stderr}")

    py, cpp = cpython.stdout.splitlines(), model.stdout.splitlines()
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
