#!/usr/bin/python3
"""The worker pool seen over the wire: /blocking-delay against the real backend.

usage: worker_pool_test.py <path to looplab-backend>

/blocking-delay waits on one of --offload-threads OS threads, as a WSGI worker would:
with P threads, N requests at once take ceil(N / P) waits, while the event loop, and
/delay-me with it, keeps answering. Waits are scaled down (0.4 s) and the bounds
generous: the machine is shared, and the ASan build is several times slower."""
import math
import os
import re
import signal
import socket
import statistics
import subprocess
import threading
import time

from backend_harness import UNDER_ASAN, Server, Workdir, binary_from_argv, check, finish, wait_for

BINARY = binary_from_argv()
SLACK = 3 if UNDER_ASAN else 1
WAIT = 0.4


class PendingRequest:
    """A GET sent on a connection of its own; reply() reads it to the end."""

    def __init__(self, server, target):
        self.target = target
        self.sock = server.connect(timeout=30)
        self.sent_at = time.monotonic()
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())

    def reply(self):
        chunks = []
        while True:
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        self.elapsed = time.monotonic() - self.sent_at
        self.sock.close()
        head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
        lines = head.decode(errors="replace").split("\r\n")
        status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else None
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        return status, headers, body

    def leave(self):
        self.sock.close()


def workers(server):
    status, health = server.health()
    return health.get("components", {}).get("workers", {}) if status == 200 else {}


def pool_is(server, busy, queued):
    w = workers(server)
    return w.get("busy") == busy and w.get("queued") == queued


def logged(server, target, status, timeout=2 * SLACK):
    return wait_for(lambda: server.access_lines(re.escape(f'"GET {target}" {status} ')), timeout, 0.05)


def finish_times(server, path, count, seconds):
    """Sends `count` requests at once; their finish times in seconds from the first
    one's start, sorted (so a request that a busy machine sends late still counts from
    the moment the pool's first round began)."""
    results = [None] * count
    barrier = threading.Barrier(count)

    def one(i):
        barrier.wait()
        request = PendingRequest(server, f"{path}?seconds={seconds}")
        status, _, body = request.reply()
        results[i] = (status, body, request.sent_at, request.sent_at + request.elapsed)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    good = [r for r in results if r and r[0] == 200 and r[1] == f"Done, I waited for {seconds} secs".encode()]
    check(len(good) == count, f"{count} concurrent {path}?seconds={seconds} all answered 200 with the "
                              f"Django view's body ({len(good)} were)")
    done = [r for r in results if r]
    first = min((r[2] for r in done), default=0)
    return sorted(r[3] - first for r in done)


def test_blocking_waits_take_turns(workdir):
    threads, count = 2, 5
    server = Server(BINARY, workdir, "turns", "--offload-threads", str(threads), "--offload-queue-limit", "8")
    try:
        times = finish_times(server, "/blocking-delay", count, WAIT)
        expected = math.ceil(count / threads) * WAIT
        check(len(times) == count and expected - 0.05 <= times[-1] < expected + 1.0 * SLACK,
              f"{count} blocking {WAIT} s waits on {threads} threads take ceil({count}/{threads}) x {WAIT} = "
              f"{expected:.1f} s (the last took {times[-1]:.2f} s)")
        rounds = [round(t / WAIT) for t in times]
        check(UNDER_ASAN or rounds == [1, 1, 2, 2, 3],
              f"... in rounds of {threads}, like WSGI workers: finish times {[f'{t:.2f}' for t in times]}")
        times = finish_times(server, "/delay-me", count, WAIT)
        check(len(times) == count and times[-1] < WAIT + 0.6 * SLACK,
              f"the same {count} on /delay-me all end together after {WAIT} s (the last at {times[-1]:.2f} s)")
        w = workers(server)
        check(w.get("threads") == threads and w.get("jobs_completed") == count and w.get("busy") == 0,
              f"/healthz components.workers counts them: {w}")
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def delay_me_latency(server, samples=20):
    latencies = []
    for _ in range(samples):
        started = time.monotonic()
        status, _, body = server.get("/delay-me?seconds=0")
        latencies.append(time.monotonic() - started)
        if status != 200 or body != b"Done, I waited for 0 secs":
            return None
    return latencies


def test_saturated_pool(workdir):
    threads, limit = 2, 2
    server = Server(BINARY, workdir, "saturated", "--offload-threads", str(threads),
                    "--offload-queue-limit", str(limit))
    try:
        running = [PendingRequest(server, f"/blocking-delay?seconds=20.{i}") for i in (1, 2)]
        check(wait_for(lambda: pool_is(server, 2, 0), 3 * SLACK), "two long waits hold both worker threads")
        queued = [PendingRequest(server, f"/blocking-delay?seconds=20.{i}") for i in (3, 4)]
        check(wait_for(lambda: pool_is(server, 2, 2), 3 * SLACK), f"two more wait in the queue: {workers(server)}")

        started = time.monotonic()
        status, headers, body = PendingRequest(server, "/blocking-delay?seconds=0.5").reply()
        elapsed = time.monotonic() - started
        check(status == 503 and headers.get("retry-after") == "1" and elapsed < 1.0 * SLACK and
              body == b"All 2 worker threads are busy and 2 requests already wait for one (--offload-threads, "
                      b"--offload-queue-limit); try again in a moment.\n",
              f"the {threads + limit + 1}th gets 503 at once, with Retry-After and a sentence "
              f"({status}, {elapsed:.3f} s, {body!r})")

        latencies = delay_me_latency(server)
        if check(latencies is not None, "/delay-me?seconds=0 answers 200 while the pool is saturated"):
            median, worst = statistics.median(latencies), max(latencies)
            print(f"      /delay-me?seconds=0 with the pool saturated: median {median * 1000:.1f} ms, "
                  f"max {worst * 1000:.1f} ms over {len(latencies)} requests")
            check(worst < 0.25 * SLACK, f"... and at once: the event loop never waits for the pool "
                                        f"(max {worst * 1000:.1f} ms)")
        status, _ = server.health()
        check(status == 200, "/healthz answers too")

        queued[0].leave()
        check(wait_for(lambda: pool_is(server, 2, 1), 1.0 * SLACK),
              f"a queued client that leaves frees its queue slot at once: {workers(server)}")
        check(logged(server, queued[0].target, 499), "... and is logged as 499")
        refill = PendingRequest(server, "/blocking-delay?seconds=20.5")
        check(wait_for(lambda: pool_is(server, 2, 2), 1.0 * SLACK),
              f"... so the next request is queued instead of refused: {workers(server)}")

        running[0].leave()
        check(logged(server, running[0].target, 499), "a running client that leaves is logged as 499 at once")
        check(wait_for(lambda: pool_is(server, 2, 1) and workers(server).get("jobs_cancelled_running") == 1,
                       1.0 * SLACK),
              f"... its thread is told to stop and takes the next queued job: {workers(server)}")

        refill.leave()
        check(wait_for(lambda: pool_is(server, 2, 0), 1.0 * SLACK), f"the last queued one leaves: {workers(server)}")
        for request in [running[1], queued[1]]:
            request.leave()
        check(wait_for(lambda: pool_is(server, 0, 0), 2.0 * SLACK),
              f"when every client left, the pool is idle again: {workers(server)}")
        w = workers(server)
        check(w.get("jobs_refused") == 1 and w.get("jobs_cancelled_queued") == 2 and
              w.get("jobs_cancelled_running") == 3 and w.get("jobs_completed") == 3,
              f"... and /healthz counts the refusal and the cancellations: {w}")
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def test_parameters(workdir):
    server = Server(BINARY, workdir, "parameters", "--offload-threads", "1")
    try:
        for value in ["abc", "-1", "nan", "inf", "1e309", "", "301", "1%00"]:
            blocking = server.get(f"/blocking-delay?seconds={value}")
            delay = server.get(f"/delay-me?seconds={value}")
            check(blocking[0] == 400 and blocking[2] == delay[2],
                  f"/blocking-delay?seconds={value} -> 400 with /delay-me's sentence: {blocking[2]!r}")
        status, _, body = server.get("/blocking-delay?seconds=1&seconds=2")
        check(status == 400, f"a repeated seconds is refused: {body!r}")
        for target, text in [("/blocking-delay", b"0"), ("/blocking-delay?seconds=0.25", b"0.25")]:
            status, headers, body = server.get(target)
            check(status == 200 and body == b"Done, I waited for " + text + b" secs" and
                  headers.get("Content-Type") == "text/html; charset=utf-8",
                  f"GET {target} -> 200 with /delay-me's reply: {body!r}")
        status, headers, body = server.get("/blocking-delay?seconds=0.1", method="HEAD")
        check(status == 200 and body == b"" and headers.get("Content-Length") == str(len(b"Done, I waited for 0.1 secs")),
              "HEAD /blocking-delay -> 200, no body, the GET's Content-Length")
        status, headers, _ = server.get("/blocking-delay", method="POST")
        check(status == 405 and "GET" in headers.get("Allow", ""), "POST /blocking-delay -> 405 with Allow")
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def test_default_pool_size(workdir):
    server = Server(BINARY, workdir, "defaults")
    try:
        w = workers(server)
        cores = os.cpu_count() or 1
        check(w.get("threads") == max(2, cores) and w.get("queue_limit") == 64,
              f"by default the pool has a thread per core (at least 2) and a queue of 64: {w}")
    finally:
        server.stop()


def test_option_sentences(workdir):
    for args, sentence in [
        (["--offload-threads", "0"], "--offload-threads must be a whole number of threads from 1 to 256 (got 0)"),
        (["--offload-threads", "1000"], "--offload-threads must be a whole number of threads from 1 to 256"),
        (["--offload-queue-limit", "-1"], "--offload-queue-limit must be a whole number of jobs from 0 to 100000"),
    ]:
        result = subprocess.run([BINARY, "--port", "0", "--listen", "127.0.0.1", *args], capture_output=True,
                                timeout=30 * SLACK)
        check(result.returncode != 0 and sentence in result.stderr.decode(errors="replace"),
              f"{' '.join(args)}: refused with a sentence ({result.returncode}, {result.stderr[-200:]!r})")
    result = subprocess.run([BINARY, "--help"], capture_output=True, timeout=30 * SLACK)
    check(b"--offload-threads" in result.stdout and b"--offload-queue-limit" in result.stdout,
          "--help lists both pool options")


def test_shutdown(workdir):
    # Within the grace period the pool drains: the queued job still gets its turn.
    server = Server(BINARY, workdir, "drain", "--offload-threads", "1", "--offload-queue-limit", "1",
                    "--shutdown-grace", "5")
    first = PendingRequest(server, f"/blocking-delay?seconds={WAIT}")
    check(wait_for(lambda: pool_is(server, 1, 0), 3 * SLACK), "one wait holds the only thread")
    second = PendingRequest(server, f"/blocking-delay?seconds={WAIT}")
    check(wait_for(lambda: pool_is(server, 1, 1), 3 * SLACK), "... and one waits for it")
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    replies = [first.reply(), second.reply()]
    code = server.process.wait(10 * SLACK)
    elapsed = time.monotonic() - started
    check(all(r[0] == 200 for r in replies), f"SIGTERM: the running and the queued wait both finish with 200 "
                                            f"({[r[0] for r in replies]})")
    check(code == 0 and elapsed < 2 * WAIT + 1.0 * SLACK, f"... then the server exits 0 ({elapsed:.2f} s)")
    server.stop()

    # At the end of the grace period, what still runs or waits is cut short, with a reason.
    # Several event loops, so the two requests may sit on different ones: the running
    # one's cut frees the pool thread before the queued one's loop cuts it, and the
    # queued job must still not start there (it never got a thread).
    server = Server(BINARY, workdir, "cut", "--offload-threads", "1", "--offload-queue-limit", "1",
                    "--shutdown-grace", "0.5", "--threads", "4")
    running = PendingRequest(server, "/blocking-delay?seconds=30")
    check(wait_for(lambda: pool_is(server, 1, 0), 3 * SLACK), "a long wait holds the only thread")
    queued = PendingRequest(server, "/blocking-delay?seconds=30")
    check(wait_for(lambda: pool_is(server, 1, 1), 3 * SLACK), "... and one more waits for it")
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    running_reply, queued_reply = running.reply(), queued.reply()
    code = server.process.wait(10 * SLACK)
    elapsed = time.monotonic() - started
    check(running_reply[0] == 503 and running_reply[2].startswith(b"The blocking delay of 30 seconds was cut short after ")
          and b"server shutting down" in running_reply[2], f"the running wait is cut: {running_reply[2]!r}")
    check(queued_reply[0] == 503 and b"before a worker thread was free: server shutting down" in queued_reply[2],
          f"the queued one too, saying it never got a thread: {queued_reply[2]!r}")
    check(code == 0 and elapsed < 2.0 * SLACK, f"... and the server exits 0 at the grace deadline ({elapsed:.2f} s)")
    check("The blocking delay of 30 seconds was cut short" in server.stderr(), "the cuts are logged")
    server.stop()


def main():
    with Workdir("looplab-workers-") as workdir:
        test_parameters(workdir)
        test_blocking_waits_take_turns(workdir)
        test_saturated_pool(workdir)
        test_default_pool_size(workdir)
        test_option_sentences(workdir)
        test_shutdown(workdir)
    finish()


if __name__ == "__main__":
    main()
