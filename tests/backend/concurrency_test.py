#!/usr/bin/python3
"""GET /runs/concurrency against the real backend: the worker script on real CPython.

usage: concurrency_test.py <path to looplab-backend>

The seed's scenarios at reduced sizes (200 workers, 4 processes, sleeps of 0.5 s,
is_prime of a smaller number): every worker reports a start and an end, and the
totals come in the seed's order (coroutines first on sleeps, processes first on CPU
work on two or more cores). Bounds are generous: the machine is shared, and the ASan
build is slower. Then the limits, and that no process of a run outlives it."""
import json
import os
import signal
import socket
import time

from backend_harness import UNDER_ASAN, Server, Workdir, binary_from_argv, check, finish, wait_for
from stream_clients import SseClient, read_head

BINARY = binary_from_argv()
SLACK = 3 if UNDER_ASAN else 1
# This tree's script by its full path: another checkout's runs on this machine are not ours.
SCRIPT = os.path.realpath(os.path.join(os.path.dirname(__file__), "../../native_backend/concurrency/concurrency_worker.py"))
SMALL_PRIME = 6000011  # about 0.3 s of CPython on an idle core; the seed's 16769823 about 0.8 s


class Run:
    """One run read to its first "end" event (the stream framework's own closing one follows)."""

    def __init__(self, server, query, source=None, on_start=None):
        self.client = SseClient(server.port, "/runs/concurrency?" + query, timeout=60) if source is None else None
        if source is not None:
            self.client = sse_from(server.port, "/runs/concurrency?" + query, source)
        self.status = self.client.status
        self.start, self.events, self.end = None, [], None
        if self.status != 200:
            return
        for fields in self.client.events():
            data = json.loads(fields["data"])
            if fields["event"] == "start":
                self.start = data
                if on_start:
                    on_start(self)
            elif fields["event"] == "workers":
                self.events.extend(data["events"])
            elif fields["event"] == "end" and self.end is None:
                self.end = data  # read on to the framework's closing end: the run's slot is free then
        self.client.close()

    def total(self):
        return self.end.get("wall_seconds") if self.end else None


def sse_from(port, target, source):
    """An SseClient whose connection comes from another loopback address: another client."""
    client = SseClient.__new__(SseClient)
    client.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.sock.settimeout(60)
    client.sock.bind((source, 0))
    client.sock.connect(("127.0.0.1", port))
    client.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".encode())
    client.status, client.headers, client.buffer = read_head(client.sock)
    client.closed_cleanly = None
    return client


def script_processes():
    """PIDs of live processes running the worker script (zombies do not count: they hold nothing)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = open(f"/proc/{entry}/cmdline", "rb").read()
            state = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if SCRIPT.encode() in cmdline and state != "Z":
            found.append(int(entry))
    return found


def check_every_worker(run, workers, what):
    starts = sorted(e["w"] for e in run.events if e["kind"] == "start")
    ends = sorted(e["w"] for e in run.events if e["kind"] == "end")
    check(starts == list(range(workers)) and ends == list(range(workers)),
          f"{what}: every worker reports one start and one end ({len(starts)} starts, {len(ends)} ends)")
    check(all("cpu" in e for e in run.events if e["kind"] == "end"), f"{what}: every end carries its cpu time")
    check(run.end and run.end.get("reason") == "done" and run.end.get("workers") == workers,
          f"{what}: the run ends done with its worker count ({run.end})")


def test_validation(server):
    cases = [
        ("workload=sleep&workers=1", "The variant parameter is missing"),
        ("variant=fibers&workload=sleep&workers=1", "is not one of threads, pool, asyncio, loops, native"),
        ("variant=threads&workload=dance&workers=1", "is not one of sleep, http, prime, sleep-prime, mix"),
        ("variant=threads&workload=sleep", "The workers parameter is missing"),
        ("variant=threads&workload=sleep&workers=4001", "is too large. Give workers as a whole number from 1 to 4000"),
        ("variant=threads&workload=sleep&workers=0", "is too small"),
        ("variant=threads&workload=sleep&workers=2.5", "is not a whole number"),
        ("variant=threads&workload=sleep&workers=1&seconds=11", "seconds"),
        ("variant=threads&workload=prime&workers=1&prime=1", "Give prime as a whole number from 2 to 100000000"),
        ("variant=threads&workload=mix&workers=1&requests=101", "Give requests as a whole number from 1 to 100"),
        ("variant=native&workload=http&workers=1", "The native variant runs the CPU work and the sleeps only"),
        ("variant=threads&workload=sleep&workers=1&code=print(1)", "is not a parameter of this endpoint"),
        ("variant=threads&variant=pool&workload=sleep&workers=1", "variant"),
    ]
    for query, sentence in cases:
        status, _, body = server.get("/runs/concurrency?" + query)
        check(status == 400 and sentence in body.decode(), f"400 for {query}: {body.decode()[:160]!r}")


def test_sleeps(server):
    """The seed's 4,000 x 3 s, scaled to 1,000 x 0.5 s: coroutines first."""
    runs = {v: Run(server, f"variant={v}&workload=sleep&workers=1000&seconds=0.5") for v in ("asyncio", "threads")}
    for variant, run in runs.items():
        check_every_worker(run, 1000, f"{variant} sleeps")
        check(run.total() is not None and 0.5 <= run.total() < 0.5 + 4 * SLACK,
              f"{variant}: 1,000 sleeps of 0.5 s take about 0.5 s ({run.total()})")
    print(f"sleeps 1000 x 0.5 s: asyncio {runs['asyncio'].total()} s, threads {runs['threads'].total()} s")
    check(runs["asyncio"].total() < runs["threads"].total(),
          "coroutines finish the sleeps first, as in the seed (threads pay for their start)")
    start = runs["threads"].start
    check(start["python"].startswith("3.") and start["processes"] == 1 and "GIL" in start["cpu_note"],
          f"the start message names the Python and says how the GIL time is derived ({start})")


def test_cpu_work(server):
    """The seed's 5 x (1 s sleep + is_prime), scaled: 4 x (0.3 s + is_prime(6000011))."""
    query = f"workload=sleep-prime&workers=4&seconds=0.3&prime={SMALL_PRIME}"
    runs = {v: Run(server, f"variant={v}&{query}") for v in ("threads", "asyncio", "pool", "loops", "native")}
    for variant, run in runs.items():
        check_every_worker(run, 4, f"{variant} sleep-prime")
    totals = {v: r.total() for v, r in runs.items()}
    print("4 x (0.3 s + is_prime(%d)): %s" % (SMALL_PRIME, ", ".join(f"{v} {t:.2f} s" for v, t in totals.items())))
    check(runs["pool"].start["processes"] == min(4, 2 * (os.cpu_count() or 1)), "the pool has min(N, 2 x cores)")
    cores, load = os.cpu_count() or 1, os.getloadavg()[0]
    if cores >= 2 and load < cores - 0.5:
        check(totals["pool"] < totals["threads"] and totals["pool"] < totals["asyncio"],
              "on two or more free cores the processes finish the CPU work first, as in the seed")
    else:  # the processes' advantage is spare cores; a machine busy with other work has none
        print(f"(order of CPU totals not asserted: load {load:.1f} on {cores} cores leaves no core spare)")
    check(totals["native"] < totals["threads"], "the native threads, without a GIL, beat Python's threads")
    threads = [e for e in runs["threads"].events if e["kind"] == "end"]
    check(all(e["cpu"] > 0.01 for e in threads), "each thread's is_prime shows up as CPU time")


def test_requests(server):
    """The seed's 200 requests, to our own /delay-me (0.3 s each): coroutines well under a second."""
    run = Run(server, "variant=asyncio&workload=http&workers=200&seconds=0.3")
    check_every_worker(run, 200, "asyncio http")
    check(run.total() is not None and run.total() < 0.3 + 2 * SLACK, f"200 requests at once on one loop ({run.total()})")
    mix = Run(server, "variant=loops&workload=mix&workers=4&seconds=0.2&requests=3&prime=200003")
    check_every_worker(mix, 4, "loops mix")
    print(f"200 requests of 0.3 s: asyncio {run.total()} s; mix on loops {mix.total()} s")


def test_one_run_per_client_and_global_cap(workdir):
    server = Server(BINARY, workdir, "capped", "--concurrency-max-runs", "1")
    try:
        replies = {}

        def while_running(run):
            status, headers, body = server.get("/runs/concurrency?variant=asyncio&workload=sleep&workers=1")
            replies["same"] = (status, headers.get("Retry-After"), body.decode())
            other = sse_from(server.port, "/runs/concurrency?variant=asyncio&workload=sleep&workers=1", "127.0.0.2")
            body = other.buffer
            while len(body) < int(other.headers.get("content-length", 0)):
                chunk = other.sock.recv(4096)
                if not chunk:
                    break
                body += chunk
            replies["other"] = (other.status, other.headers.get("retry-after"), body.decode())
            other.close()

        Run(server, "variant=asyncio&workload=sleep&workers=2&seconds=1", on_start=while_running)
        status, retry, body = replies["same"]
        check(status == 429 and retry and "one run per client at a time" in body, f"429 for a second run ({body!r})")
        status, retry, body = replies["other"]
        check(status == 503 and retry and "as many as it runs at once" in body, f"503 at the global cap ({body!r})")
        after = Run(server, "variant=asyncio&workload=sleep&workers=1&seconds=0", source="127.0.0.2")
        check(after.end and after.end["reason"] == "done", "once the run ended, the next client may start one")
    finally:
        server.stop()


def test_time_limit_and_cleanup(workdir):
    server = Server(BINARY, workdir, "limited", "--concurrency-time-limit", "1")
    try:
        started = time.monotonic()
        run = Run(server, "variant=pool&workload=sleep&workers=8&seconds=5")
        took = time.monotonic() - started
        check(run.end and run.end["reason"] == "limit" and "stopped after 1 seconds" in run.end["sentence"],
              f"a run past --concurrency-time-limit ends with reason limit ({run.end})")
        check(took < 1 + 3 * SLACK, f"... at the limit, not at the end of the sleeps ({took:.2f} s)")
        check(wait_for(lambda: not script_processes(), 5), "... and none of its processes is left")
        native = Run(server, f"variant=native&workload=prime&workers=2&prime={16769823 * 50}")
        check(native.status == 400, "the prime cap bounds native work too")
    finally:
        server.stop()


def test_leaving_client_and_shutdown_kill_the_group(workdir):
    server = Server(BINARY, workdir, "leaving")
    try:
        seen = {}

        def leave(run):
            seen["pids"] = wait_for(lambda: script_processes() if len(script_processes()) >= 5 else None, 10 * SLACK)
            run.client.sock.close()

        try:
            Run(server, "variant=pool&workload=sleep&workers=8&seconds=5", on_start=leave)
        except OSError:
            pass
        check(seen.get("pids") and len(seen["pids"]) >= 5, f"the script and its 4 pool processes ran ({seen})")
        check(wait_for(lambda: not script_processes(), 5), f"the client leaving kills all of them ({script_processes()})")

        client = SseClient(server.port, "/runs/concurrency?variant=loops&workload=sleep&workers=8&seconds=5")
        check(wait_for(lambda: len(script_processes()) >= 5, 10 * SLACK), "a second run's processes are up")
        server.process.send_signal(signal.SIGTERM)
        check(wait_for(lambda: not script_processes(), 5), "shutting the server down kills them too")
        client.close()
    finally:
        server.stop()


with Workdir("looplab-concurrency-") as workdir:
    main = Server(BINARY, workdir, "main")
    try:
        test_validation(main)
        test_sleeps(main)
        test_cpu_work(main)
        test_requests(main)
    finally:
        main.stop()
    test_one_run_per_client_and_global_cap(workdir)
    test_time_limit_and_cleanup(workdir)
    test_leaving_client_and_shutdown_kill_the_group(workdir)
finish()
