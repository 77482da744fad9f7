#!/usr/bin/python3
"""The server on several threads (--threads): the thread count is told, bad counts are
refused, and a crowd of waiting requests spread over the threads is served together,
within an exact connection cap, each with one whole access-log line.

usage: threads_test.py <path to looplab-backend>
"""
import asyncio
import os
import re
import resource
import subprocess
import time

from backend_harness import UNDER_ASAN, Server, Workdir, binary_from_argv, check, finish

BINARY = binary_from_argv()
# ThreadSanitizer and AddressSanitizer builds are several times slower.
UNDER_SANITIZER = UNDER_ASAN or "/tsan/" in BINARY
# Under a sanitizer, accepting 2,000 connections takes longer than their 1 s wait, so
# the crowd would never wait all at once: a smaller one does, and still spans the threads.
CROWD = 500 if UNDER_SANITIZER else 2000
THREADS = 4  # more than this machine's cores is fine: the point is connections on every thread


def test_thread_count_is_told(workdir):
    default = Server(BINARY, workdir, "default")
    try:
        cores = os.cpu_count()
        status, health = default.health()
        check(status == 200 and health.get("threads") == cores,
              f"by default one thread per core: /healthz says threads {health.get('threads')} ({cores} cores)")
        check(f"with {cores} thread" in default.stderr(),
              f"... and so does the start-up line: {default.stderr().strip().splitlines()[-1][-160:]!r}")
    finally:
        check(default.stop() == 0, "the default server stops cleanly")
    one = Server(BINARY, workdir, "one", "--threads", "1")
    try:
        status, health = one.health()
        check(health.get("threads") == 1, f"--threads 1: /healthz says threads {health.get('threads')}")
    finally:
        check(one.stop() == 0, "the one-thread server stops cleanly")


def test_bad_thread_counts_are_refused():
    for value in ["0", "-1", "257", "abc", "2.5"]:
        result = subprocess.run([BINARY, "--port", "0", "--threads", value], capture_output=True, text=True,
                                timeout=30)
        check(result.returncode == 2 and "--threads" in result.stderr,
              f"--threads {value} is refused at start with a sentence (exit {result.returncode}: "
              f"{result.stderr.strip()[:110]!r})")


async def http_get(port, target):
    """One request on a fresh connection: (status, body, seconds until the reply came)."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        reply = await reader.read()
    except ConnectionResetError:
        reply = b""
    finally:
        writer.close()
    elapsed = time.monotonic() - started
    head, _, body = reply.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.1 (\d{3})", head)
    return (int(match.group(1)) if match else None), body, elapsed


async def crowd_and_cap(port):
    started = time.monotonic()
    crowd = [asyncio.ensure_future(http_get(port, "/delay-me?seconds=1")) for _ in range(CROWD)]
    # While the crowd waits: /healthz takes the last slot under the cap; then an idle
    # connection holds that slot and the next one is refused.
    await asyncio.sleep(0.4)
    health = await http_get(port, "/healthz")
    _, holder = await asyncio.open_connection("127.0.0.1", port)
    over = await http_get(port, "/delay-me")
    holder.close()
    replies = await asyncio.gather(*crowd)
    return replies, health, over, time.monotonic() - started


def test_crowd_across_threads(workdir):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, CROWD + 200)), hard))
    server = Server(BINARY, workdir, "crowd", "--threads", str(THREADS), "--max-connections", str(CROWD + 1),
                    "--access-log-rate", "0")
    try:
        replies, health, over, elapsed = asyncio.run(crowd_and_cap(server.port))
        good = sum(1 for status, body, _ in replies if status == 200 and body == b"Done, I waited for 1 secs")
        slowest = max(seconds for _, _, seconds in replies)
        bound = 6.0 if UNDER_SANITIZER else 2.5
        check(good == CROWD, f"{CROWD} concurrent 1 s delays on {THREADS} threads are all answered ({good} good)")
        check(elapsed < bound, f"... together: all done {elapsed:.2f} s after the first was sent "
                               f"(slowest reply {slowest:.2f} s; bound {bound} s)")
        status, body, _ = health
        open_connections = re.search(rb'"open_connections":(\d+)', body)
        check(status == 200 and open_connections and int(open_connections.group(1)) == CROWD + 1,
              f"mid-wait /healthz takes the last slot: open_connections "
              f"{open_connections.group(1).decode() if open_connections else None} of {CROWD + 1}")
        check(over[0] == 503, f"... and the next connection, one past the cap, gets 503 ({over[0]})")
        # Every thread wrote access-log lines at once: each must be whole.
        lines = server.access_lines(r"delay-me\?seconds=1")
        shape = re.compile(r'\S+ \S+ "GET /delay-me\?seconds=1" 200 \d+B \d+\.\d{3}ms')
        whole = [line for line in lines if shape.fullmatch(line)]
        check(len(lines) == CROWD and len(whole) == CROWD,
              f"one whole access-log line per request ({len(whole)} whole of {len(lines)} lines, {CROWD} requests)")
    finally:
        check(server.stop() == 0, "the server stops cleanly after the crowd")


def main():
    with Workdir("looplab-threads-test-") as workdir:
        test_thread_count_is_told(workdir)
        test_bad_thread_counts_are_refused()
        test_crowd_across_threads(workdir)
    finish()


if __name__ == "__main__":
    main()
