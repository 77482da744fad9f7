#!/usr/bin/python3
"""Connections are the backend's scarcest resource; these checks hold it to account.

usage: connection_limits_test.py <path to looplab-backend>

- a client that leaves frees its slot at once, even when it leaves before the wait starts;
- no endpoint takes a body, so a body is refused before it is read;
- the connection cap follows from the memory limit, and the cap's worth of worst-case
  connections stays under that limit;
- at the cap, the liveness probe still answers "alive" and readiness says "busy".
"""
import re
import socket
import time

from backend_harness import (UNDER_ASAN, Server, Workdir, accept_queue_length, binary_from_argv, check, finish,
                             rss_bytes, sanitizer_errors, wait_for)

BINARY = binary_from_argv()


def test_vanished_clients_free_their_slots(workdir):
    count = 40
    server = Server(BINARY, workdir, "vanish", "--max-connections", str(count))
    try:
        # Each client asks for a long delay and hangs up at once, before the wait begins.
        for _ in range(count):
            with server.connect() as s:
                s.sendall(b"GET /delay-me?seconds=20 HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        logged = wait_for(lambda: len(server.access_lines(r'"GET /delay-me\?seconds=20" 499')) >= count, 3)
        elapsed = time.monotonic() - started
        freed = len(server.access_lines(r'"GET /delay-me\?seconds=20" 499'))
        check(logged, f"{count} clients that hung up at once are logged as 499 within a fraction of a second "
                      f"({freed} of {count} after {elapsed:.2f} s; the delay was 20 s)")
        status, health = server.health()
        check(status == 200 and health.get("open_connections") == 1,
              f"... and their slots are free: /healthz answers {status} with open_connections "
              f"{health.get('open_connections')} (itself only)")
        # A client that leaves in the middle of the wait is noticed too.
        with server.connect() as s:
            s.sendall(b"GET /delay-me?seconds=21 HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.3)
        started = time.monotonic()
        gone = wait_for(lambda: server.access_lines(r'"GET /delay-me\?seconds=21" 499'), 2)
        check(bool(gone), f"a client leaving mid-wait is logged as 499 at once ({time.monotonic() - started:.2f} s)")
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def test_bodies_are_refused(workdir):
    server = Server(BINARY, workdir, "bodies")
    try:
        body = b"x" * 1024 * 1024
        started = time.monotonic()
        with server.connect() as s:
            s.sendall(b"GET /delay-me?seconds=5 HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body))
            reply = b""
            try:
                s.sendall(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            # The whole reply: the server half-closes after it (header and body may come
            # in separate segments, as they do from the slower sanitizer build).
            try:
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    reply += chunk
            except ConnectionResetError:
                pass
        elapsed = time.monotonic() - started
        check(reply.startswith(b"HTTP/1.1 413") and b"body" in reply and elapsed < 2,
              f"a GET with a 1 MiB body is refused with 413 at once, not held through the delay "
              f"({reply[:12]!r} after {elapsed:.2f} s)")
        reply = server.raw(b"GET /delay-me HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"400\r\n" + b"y" * 1024 + b"\r\n0\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 413"), f"a chunked body is refused the same way ({reply[:12]!r})")
        status, _, _ = server.get("/delay-me", headers={"Content-Length": "0"})
        check(status == 200, "an empty body (Content-Length: 0) is fine")
        status, _, body = server.get("/delay-me", method="POST", headers={"Content-Length": "0"})
        check(status == 405, f"POST still gets 405 naming the allowed methods ({status})")
    finally:
        server.stop()


def test_connection_cap_fits_memory(workdir):
    limit_mib = 40
    header_limit = 16384
    server = Server(BINARY, workdir, "memory", "--memory-limit", f"{limit_mib}MiB",
                    "--header-limit", str(header_limit), "--header-timeout", "30")
    holders = []
    try:
        match = wait_for(lambda: re.search(r"max (\d+) connections", server.stderr()), 5)
        check(bool(match), f"the server says which connection cap it derived: {server.stderr().strip()[-200:]!r}")
        if not match:
            return
        cap = int(match.group(1))
        check(50 <= cap < 2000, f"{limit_mib} MiB fits {cap} worst-case connections")
        # Worst case: the largest header the server accepts, then a long wait holding it.
        padding = b"a" * (header_limit - 200)
        request = b"GET /delay-me?seconds=30 HTTP/1.1\r\nHost: x\r\nX-Pad: " + padding + b"\r\n\r\n"
        for _ in range(cap - 1):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            s.sendall(request)
            holders.append(s)
        # The health check takes the cap-th slot; health_closed returns once the server
        # has given that slot back, so each poll, and `last` below, finds it free again.
        seen = {}

        def all_held():
            seen["status"], health = server.health_closed()
            seen["open"] = health.get("open_connections")
            return seen["status"] == 200 and seen["open"] == cap

        served = wait_for(all_held, 20, interval=0.2)
        check(served, f"{cap - 1} worst-case connections are held ({seen['open']} open with the health check's own; "
                      f"/healthz answered {seen['status']})")
        rss = rss_bytes(server.process.pid)
        if UNDER_ASAN:
            print(f"note  under ASan the resident size ({rss / 2**20:.1f} MiB) is not a measure")
        else:
            check(rss < limit_mib * 2**20, f"... within the {limit_mib} MiB limit: resident {rss / 2**20:.1f} MiB "
                                           f"({(rss / cap) / 1024:.1f} KiB per connection, all included)")
        last = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        last.sendall(request)
        holders.append(last)
        # The one acceptor takes connections in order, and the slot with them: once the
        # kernel's accept queue is empty, `last` holds the cap-th slot.
        accepted = wait_for(lambda: accept_queue_length(server.port) == 0, 5)
        reply, ending = server.exchange(request, timeout=5)
        if reply.startswith(b"HTTP/1.1 503"):
            case = "refused"
        elif ending == "timeout":
            case = "no reply in 5 s: it got a free slot and waits out its 30 s delay"
        else:
            case = f"{ending} after {len(reply)} bytes"
        check(reply.startswith(b"HTTP/1.1 503"),
              f"connection {cap + 1} is refused with 503 ({reply[:12]!r}: {case}; the accept queue was "
              f"{'empty' if accepted else 'not empty'} before it)")
        last.setblocking(False)
        try:
            early = last.recv(4096)
        except BlockingIOError:
            early = None
        check(early is None, f"... while connection {cap} is held, with no reply yet ({(early or b'')[:12]!r})")
    finally:
        for s in holders:
            s.close()
        server.stop()


def test_liveness_at_the_cap(workdir):
    server = Server(BINARY, workdir, "probes", "--max-connections", "3")
    holders = []
    try:
        status, _, body = server.get("/readyz")
        check(status == 200, f"below the cap /readyz answers 200 ({status} {body!r})")
        status, _, body = server.get("/livez")
        check(status == 200 and b"alive" in body, f"/livez answers 200 alive ({status} {body!r})")
        # A keep-alive connection the client closed frees its slot once its thread has
        # seen the close, which on several threads may come after the next accept: wait
        # until only the (closing) health check's own is open.
        wait_for(lambda: server.health_closed()[1].get("open_connections") == 1, 5)
        for _ in range(3):
            s = server.connect()
            s.sendall(b"GET /delay-me?seconds=3 HTTP/1.1\r\nHost: x\r\n\r\n")
            holders.append(s)
        time.sleep(0.3)
        status, _, body = server.get("/livez")
        check(status == 200 and b"alive" in body,
              f"at the connection cap the liveness probe still answers 200 alive ({status} {body[:60]!r})")
        status, headers, body = server.get("/readyz")
        check(status == 503 and b"busy" in body and headers.get("Retry-After"),
              f"... while readiness says busy with 503 and Retry-After ({status} {body[:60]!r})")
        reply = server.raw(b"GET /delay-me HTTP/1.1\r\nHost: x\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 503") and b"connection limit" in reply,
              "other requests at the cap still get 503")
        for s in holders:
            check(s.recv(4096).startswith(b"HTTP/1.1 200"), "the held requests are served")
    finally:
        for s in holders:
            s.close()
        check(server.stop() == 0, "the server stops cleanly")
        check(not sanitizer_errors(server), f"no sanitizer errors: {sanitizer_errors(server)[:3]}")


def main():
    with Workdir("looplab-limits-test-") as workdir:
        test_vanished_clients_free_their_slots(workdir)
        test_bodies_are_refused(workdir)
        test_liveness_at_the_cap(workdir)
        test_connection_cap_fits_memory(workdir)
    finish()


if __name__ == "__main__":
    main()
