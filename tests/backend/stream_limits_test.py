#!/usr/bin/python3
"""Live streams have a cap of their own, and the cap's worth of the worst streams (clients
that stop reading, so every queue and kernel buffer is full) fits the memory limit.

usage: stream_limits_test.py <path to looplab-backend>

A stream holds its send queue and a kernel send buffer on top of its connection, and the
kernel's part is charged to the container as well. The server gives streams a quarter of
the memory budget and says at start how many that fits; past it a stream request gets 503,
a sentence and Retry-After, while plain requests go on. The memory is measured, not
assumed: the server's resident growth plus what the kernel holds for its sockets (ss -tm).
"""
import re
import shutil
import subprocess
import time

from backend_harness import (UNDER_ASAN, Server, Workdir, binary_from_argv, check, finish, rss_bytes, sanitizer_errors,
                             wait_for)
from stream_clients import SseClient, WebSocketClient, stream_health

BINARY = binary_from_argv()
SS = shutil.which("ss") or "/usr/bin/ss"
KIB = 1024


def kernel_socket_bytes(port):
    """What the kernel holds for the server's established sockets: queued send data, the
    memory it set aside for them, and anything received and not yet read."""
    out = subprocess.run([SS, "-tmnH", "state", "established", f"sport = :{port}"],
                         capture_output=True, text=True).stdout
    total = 0
    for skmem in re.findall(r"skmem:\(([^)]*)\)", out):
        fields = dict(re.match(r"([a-z]+)(\d+)", part).groups() for part in skmem.split(","))
        total += sum(int(fields.get(key, 0)) for key in ("r", "w", "f"))
    return total


def until_steady(measure, timeout, interval=0.5):
    """Samples `measure` until two samples in a row agree (the buffers are full)."""
    deadline = time.monotonic() + timeout
    last = measure()
    while time.monotonic() < deadline:
        time.sleep(interval)
        now = measure()
        if now == last:
            return now
        last = now
    return last


def test_the_cap_of_full_streams_fits_the_memory(workdir):
    limit_mib, queue_kib = 40, 4
    server = Server(BINARY, workdir, "stream-memory", "--memory-limit", f"{limit_mib}MiB",
                    "--stream-queue-limit", f"{queue_kib}KiB", "--stream-stall-timeout", "600",
                    "--stream-heartbeat", "600")
    readers = []
    try:
        match = wait_for(lambda: re.search(r"live streams: at most (\d+) open at once \(([^)]*)\)", server.stderr()), 5)
        check(bool(match), f"the server says how many streams it holds and why: {server.stderr().strip()[-300:]!r}")
        if not match:
            return
        cap = int(match.group(1))
        # Beyond its connection a stream holds its queue, twice the 16 KiB send buffer it asks
        # for (Linux doubles it) and 4 KiB of frames: 40 KiB; a quarter of 24 MiB fits 153.
        check(cap == 153 and "quarter of 40 MiB" in match.group(2), f"a quarter of the budget fits {cap} streams "
                                                                     f"({match.group(2)})")
        check(stream_health(server).get("max_streams") == cap, "/healthz shows the cap")
        before = rss_bytes(server.process.pid)
        # Clients that never read, with tiny windows: every tick the server cannot send
        # waits in its queue and its kernel buffer, the most a stream can hold.
        for _ in range(cap):
            readers.append(SseClient(server.port, "/ticks?every=0&count=100000", receive_buffer=4 * KIB))
        check(all(r.status == 200 for r in readers), f"all {cap} streams open")
        check(stream_health(server).get("open") == cap, f"... and are counted ({stream_health(server).get('open')})")
        kernel = until_steady(lambda: kernel_socket_bytes(server.port), 20)
        grown = rss_bytes(server.process.pid) - before
        per_stream = (grown + kernel) / cap
        connection_worst = 2 * 16384 + 16 * KIB  # what the connection cap counts for every connection
        model = connection_worst + (queue_kib + 2 * 16 + 4) * KIB
        if UNDER_ASAN:
            print(f"note  under ASan the resident size is not a measure (kernel {kernel / KIB:.0f} KiB)")
        else:
            check(0 < per_stream <= model, f"a full stream costs {per_stream / KIB:.1f} KiB (resident +{grown / KIB:.0f} "
                                           f"KiB, kernel {kernel / KIB:.0f} KiB, over {cap}), within the "
                                           f"{model / KIB:.0f} KiB the cap assumes")
            total = rss_bytes(server.process.pid) + kernel
            check(total < limit_mib * 2**20, f"... and all of it is within the {limit_mib} MiB limit "
                                             f"({total / 2**20:.1f} MiB)")

        sse = SseClient(server.port, "/ticks?every=1&count=1")
        check(sse.status == 503 and sse.headers.get("retry-after"),
              f"stream {cap + 1} gets 503 with Retry-After ({sse.status}, {sse.headers.get('retry-after')})")
        sse.close()
        status, _, text = server.get("/ticks?every=1&count=1")
        check(status == 503 and b"every live stream it can hold is open" in text and b"--max-streams" in text,
              f"... and a sentence naming the option ({text[:90]!r})")
        check(server.get("/delay-me?seconds=0")[0] == 200, "plain requests are still served")
        check(stream_health(server).get("refused_at_cap", 0) >= 2, "/healthz counts the refusals")

        readers.pop().close()
        reopened = wait_for(lambda: server.get("/ticks?every=0&count=1")[0] == 200, 5, interval=0.1)
        check(reopened, "when a stream ends, its slot is free for the next one")
    finally:
        for r in readers:
            r.close()
        check(server.stop() == 0, "the server stops cleanly")


def test_max_streams_counts_both_transports(workdir):
    server = Server(BINARY, workdir, "stream-cap", "--memory-limit", "none", "--max-streams", "2")
    try:
        check(re.search(r"live streams: at most 2 open at once \(--max-streams\)", server.stderr()) is not None,
              "--max-streams is the cap when no memory limit is known")
        sse = SseClient(server.port, "/ticks?every=5&count=2")
        ws = WebSocketClient(server.port, "/ticks?every=5&count=2")
        check(sse.status == 200 and ws.status == 101, f"an SSE and a WebSocket stream open ({sse.status}, {ws.status})")
        third = WebSocketClient(server.port, "/ticks?every=5&count=2")
        check(third.status == 503, f"a third stream, over WebSocket, is refused with 503 ({third.status})")
        third.close()
        sse.close()
        ws.close()
        check(wait_for(lambda: stream_health(server).get("reserved") == 0, 5),
              "closed streams give their slots back")
    finally:
        check(server.stop() == 0, "the server stops cleanly")
        check(not sanitizer_errors(server), f"no sanitizer errors: {sanitizer_errors(server)[:3]}")

    for bad in ("-1", "lots", "2000000"):
        try:
            Server(BINARY, workdir, "bad-cap", "--max-streams", bad)
            check(False, f"--max-streams {bad} is refused at start")
        except RuntimeError as refused:
            check("--max-streams" in str(refused), f"--max-streams {bad} is refused with a sentence "
                                                   f"({str(refused)[-90:].strip()})")


def main():
    with Workdir("looplab-stream-limits-") as workdir:
        test_max_streams_counts_both_transports(workdir)
        test_the_cap_of_full_streams_fits_the_memory(workdir)
    finish()


if __name__ == "__main__":
    main()
