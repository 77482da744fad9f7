"""Runs the scheduler workloads on the three runtimes, interleaved, and reports.

Each (runtime, workload) pair runs --repeats times, interleaved with the others so that a
busy machine slows them alike; the best run counts. Overall steps/s is all steps over the
sum of the best times. LoopLab runs on its virtual clock (the lessons' clock): workload (b)'s
sleeps cost it no waiting, while CPython really sleeps up to 0.5 s.
"""
import argparse
import os
import subprocess
import sys

WORKLOADS = {
    "a": "1,000 tasks x 1,000 sleep(0)",
    "b": "100,000 tasks, one random sleep each",
    "c": "1,000,000 items through Queue(100)",
}


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    line = out.stdout.strip().splitlines()[-1]
    return {k: v for k, v in (item.split("=", 1) for item in line.split())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--cpython", required=True)
    ap.add_argument("--node-flags", required=True,
                    help="what scripts/node-wasm-flags.sh prints for the node on PATH")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scale", default="1")
    args = ap.parse_args()
    for path in (args.native, args.wasm, args.cpython):
        if not os.path.exists(path):
            raise SystemExit(f"missing {path}")

    commands = {
        "native": [args.native],
        "wasm": ["node", *args.node_flags.split(), args.wasm],
        "cpython": ["/usr/bin/python3", args.cpython],
    }
    best = {}
    for r in range(args.repeats):
        for w in WORKLOADS:
            for name, cmd in commands.items():
                result = run(cmd + [w, args.scale])
                key = (name, w)
                if key not in best or float(result["steps_s"]) > float(best[key]["steps_s"]):
                    best[key] = result
        print(f"  pass {r + 1}/{args.repeats} done", file=sys.stderr)

    print(f"scheduler benchmark, best of {args.repeats}, scale {args.scale}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'workload':<42} {'runtime':<8} {'steps/s':>12} {'seconds':>9} {'x CPython':>9} "
          f"{'peak MB':>8} {'bytes/event':>11}")
    for w, title in WORKLOADS.items():
        cpython = float(best[("cpython", w)]["steps_s"])
        for name in commands:
            b = best[(name, w)]
            ratio = float(b["steps_s"]) / cpython
            bpe = b.get("bytes_per_event", "-")
            print(f"{w + ') ' + title:<42} {name:<8} {float(b['steps_s']):>12,.0f} {float(b['seconds']):>9.3f} "
                  f"{ratio:>9.1f} {float(b['peak_mb']):>8.1f} {bpe:>11}")
    print("peak MB: resident set (native, CPython), linear memory (wasm).")

    overall = {}
    for name in commands:
        steps = sum(float(best[(name, w)]["steps"]) for w in WORKLOADS)
        seconds = sum(float(best[(name, w)]["seconds"]) for w in WORKLOADS)
        overall[name] = steps / seconds
    for name in ("native", "wasm"):
        events = sum(int(best[(name, w)]["events"]) for w in WORKLOADS)
        trace_bytes = sum(int(best[(name, w)]["trace_bytes"]) for w in WORKLOADS)
        print(f"{name}: {events:,} trace events, {trace_bytes / events:.2f} bytes per event")
    native_x = overall["native"] / overall["cpython"]
    wasm_x = overall["wasm"] / overall["cpython"]
    print(f"targets: native >= 30x CPython ({'met' if native_x >= 30 else 'NOT met'}), "
          f"wasm >= 10x CPython ({'met' if wasm_x >= 10 else 'NOT met'}), trace <= 32 bytes/event")
    print(f"scheduler: native_steps_s={overall['native']:.0f} wasm_steps_s={overall['wasm']:.0f} "
          f"cpython_steps_s={overall['cpython']:.0f} native_x={native_x:.1f} wasm_x={wasm_x:.1f}")


if __name__ == "__main__":
    main()
