#!/usr/bin/python3
"""Logging never gets in the way of serving.

usage: log_pressure_test.py <path to looplab-backend>

- stdout on a pipe nobody reads: every request is still answered promptly, the lines that
  do not fit are dropped and counted;
- the reader goes away altogether (SIGPIPE territory): the server keeps serving and exits 0;
- --access-log-rate bounds how fast the log can grow; the overflow is counted in one line.
"""
import subprocess
import threading
import time

from backend_harness import Server, Workdir, binary_from_argv, check, finish, sanitizer_errors, wait_for

BINARY = binary_from_argv()


def hammer(server, count, target, threads=4, timeout=5):
    """Sends count requests over a few connections; returns (answered, slowest seconds)."""
    answered, slowest, lock = [0], [0.0], threading.Lock()

    def worker(n):
        conn = server.connection(timeout)
        for _ in range(n):
            started = time.monotonic()
            try:
                conn.request("GET", target)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except Exception:  # noqa: BLE001 - a timeout here is the failure being tested
                ok = False
                conn.close()
                conn = server.connection(timeout)
            with lock:
                answered[0] += ok
                slowest[0] = max(slowest[0], time.monotonic() - started)
        conn.close()

    pool = [threading.Thread(target=worker, args=(count // threads,)) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(count * timeout)
    return answered[0], slowest[0]


def test_stuck_then_vanished_reader(workdir):
    server = Server(BINARY, workdir, "stuck", stdout=subprocess.PIPE)  # this test never reads it
    target = "/delay-me?seconds=0&padding=" + "p" * 2048
    try:
        # 1,000 lines of 2 KB are more than the pipe (64 KiB) and the log's buffer (1 MiB) hold.
        answered, slowest = hammer(server, 1000, target)
        check(answered == 1000 and slowest < 2,
              f"with stdout on a pipe nobody reads, 1000 requests with 2 KB targets are all answered "
              f"({answered} were, slowest {slowest:.2f} s)")
        status, health = server.health()
        dropped = health.get("log_lines_dropped", 0)
        check(status == 200 and dropped > 0, f"... and /healthz counts the access-log lines dropped ({dropped})")

        server.process.stdout.close()  # the reader goes away: writes now fail with EPIPE
        answered, slowest = hammer(server, 100, target)
        check(answered == 100 and server.alive(),
              f"with the log reader gone the server keeps serving ({answered} of 100, still running: "
              f"{server.alive()}, exit {server.process.returncode})")
    finally:
        code = server.stop()
        check(code == 0, f"... and stops with exit code 0, not 141 (SIGPIPE) ({code})")
        check(not sanitizer_errors(server), f"no sanitizer errors: {sanitizer_errors(server)[:3]}")


def test_rate_bound(workdir):
    server = Server(BINARY, workdir, "rate", "--access-log-rate", "50")
    try:
        answered, _ = hammer(server, 400, "/delay-me?seconds=0&rate=1")
        check(answered == 400, f"400 quick requests are answered ({answered})")
        time.sleep(1.2)
        server.get("/delay-me?seconds=0&rate=2")  # a later line reports the overflow
        summary = wait_for(lambda: server.access_lines(r"access-log lines dropped"), 2)
        lines = server.access_lines(r"rate=1")
        check(len(lines) <= 150, f"--access-log-rate 50 keeps the log to a burst plus 50 lines a second "
                                 f"({len(lines)} of 400 logged)")
        check(bool(summary) and "--access-log-rate" in summary[0],
              f"the dropped lines are counted in the log: {summary[:1]}")
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def main():
    with Workdir("looplab-logpressure-test-") as workdir:
        test_stuck_then_vanished_reader(workdir)
        test_rate_bound(workdir)
    finish()


if __name__ == "__main__":
    main()
