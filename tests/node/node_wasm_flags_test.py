"""scripts/node-wasm-flags.sh and the command line the wasm tests run under.

Each Node version gets the flags it needs for LoopLab's wasm (built with -mtail-call):
Debian 12's Node 18 gets --experimental-wasm-return-call, Node 20 and later do not, and
anything older than 18 or not a Node is refused with a sentence. Then the configured command
line itself (the node and flags every wasm test uses) must compile and run a module whose
function ends in a wasm tail call, the instruction Node 18 rejects without the flag.
Usage: node_wasm_flags_test.py <node-wasm-flags.sh> <node> [flags...]"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "backend"))
from backend_harness import check, finish  # noqa: E402

SCRIPT, CONFIGURED = sys.argv[1], sys.argv[2:]
FETCH_OFF = "--no-experimental-fetch"
TAIL_CALLS = "--experimental-wasm-return-call"

# (module (func $answer (result i32) i32.const 42)
#         (func (export "run") (result i32) return_call $answer))
TAIL_CALL_PROGRAM = """
const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x03, 0x02, 0x00, 0x00,
  0x07, 0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x01,
  0x0a, 0x0b, 0x02, 0x04, 0x00, 0x41, 0x2a, 0x0b, 0x04, 0x00, 0x12, 0x00, 0x0b]);
WebAssembly.instantiate(bytes).then(
  ({ instance }) => console.log(`tail call returned ${instance.exports.run()}`),
  (error) => { console.log(String(error)); process.exitCode = 1; });
"""


def flags_for(folder, version_line):
    """Runs the script against a stand-in `node` whose --version prints version_line."""
    fake = os.path.join(folder, "node")
    with open(fake, "w") as f:
        f.write(f"#!/bin/sh\necho '{version_line}'\n")
    os.chmod(fake, 0o755)
    return subprocess.run([SCRIPT, fake], capture_output=True, text=True, timeout=20)


def main():
    with tempfile.TemporaryDirectory(prefix="looplab-nodeflags-") as folder:
        for version, wanted in (("v18.20.4", [FETCH_OFF, TAIL_CALLS]), ("v19.9.0", [FETCH_OFF, TAIL_CALLS]),
                                ("v20.20.2", [FETCH_OFF]), ("v22.12.0", [FETCH_OFF])):
            run = flags_for(folder, version)
            check(run.returncode == 0 and run.stdout.split() == wanted,
                  f"Node {version} gets {' '.join(wanted)} (got {run.stdout.strip()!r}, {run.stderr.strip()!r})")
        for version, reason in (("v16.20.2", "Node 18 or newer"), ("Python 3.11.2", "not a Node version")):
            run = flags_for(folder, version)
            check(run.returncode != 0 and run.stdout == "" and reason in run.stderr,
                  f"'{version}' is refused with a sentence saying '{reason}' (got {run.stderr.strip()!r})")
        missing = subprocess.run([SCRIPT, os.path.join(folder, "no-such-node")], capture_output=True, text=True,
                                 timeout=20)
        check(missing.returncode != 0 and "cannot run" in missing.stderr, "a node that is not there is named")

        node = CONFIGURED[0]
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
        own = subprocess.run([SCRIPT, node], capture_output=True, text=True, timeout=20).stdout.split()
        check(CONFIGURED[1:] == own, f"the wasm tests run {node} ({version}) with the script's flags {own}")
        program = os.path.join(folder, "tail_call.js")
        with open(program, "w") as f:
            f.write(TAIL_CALL_PROGRAM)
        run = subprocess.run([*CONFIGURED, program], capture_output=True, text=True, timeout=30)
        check(run.returncode == 0 and run.stdout.strip() == "tail call returned 42",
              f"{' '.join(CONFIGURED)} runs a wasm tail call (got {run.stdout.strip()!r} {run.stderr.strip()!r})")
    finish()


if __name__ == "__main__":
    main()
