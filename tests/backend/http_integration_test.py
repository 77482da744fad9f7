#!/usr/bin/python3
"""Drives the real looplab-backend over HTTP, as a browser or the lesson clients would.

usage: http_integration_test.py <path to looplab-backend>

Each check starts from what a user would do and states what they must see. Servers run
on free ports (--port 0 --port-file) so a developer's LoopLab on 8000 is never touched.
"""
import gzip
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

from backend_harness import FAILURES, check, sanitizer_errors
from backend_harness import Server as HarnessServer

BINARY = sys.argv[1] if len(sys.argv) > 1 else None


def Server(workdir, name, *args):  # noqa: N802 - reads like the class it makes
    return HarnessServer(BINARY, workdir, name, *args)


def make_site(workdir):
    site = os.path.join(workdir, "site")
    os.makedirs(os.path.join(site, "lessons", "x"))
    files = {
        "index.html": b"<!doctype html><title>LoopLab</title>",
        "app.js": b"console.log('looplab');\n" * 50,
        "app.wasm": b"\0asm\1\0\0\0",
        "style.css": b"body{margin:0}",
        "lessons/x/index.html": b"<p>lesson x</p>",
        "lessons/x/lesson.json": b"{\"id\":\"x\"}",
        "font.woff2": b"wOF2",
        "DejaVuSans.ttf": b"\0\1\0\0",
        "icon.png": b"\x89PNG",
        "logo.svg": b"<svg/>",
    }
    for name, data in files.items():
        with open(os.path.join(site, name), "wb") as f:
            f.write(data)
    with gzip.open(os.path.join(site, "app.js.gz"), "wb") as f:
        f.write(files["app.js"])
    with open(os.path.join(workdir, "secret.txt"), "wb") as f:
        f.write(b"TOP SECRET")
    os.symlink(os.path.join(workdir, "secret.txt"), os.path.join(site, "escape.txt"))
    return site, files


def test_delay_replies(server):
    expected = [
        ("/delay-me?seconds=1", b"Done, I waited for 1 secs", 1.0),
        ("/delay-me?seconds=0.25", b"Done, I waited for 0.25 secs", 0.25),
        ("/delay-me", b"Done, I waited for 0 secs", 0.0),
        ("/delay-me?seconds=0", b"Done, I waited for 0 secs", 0.0),
    ]
    for target, body, seconds in expected:
        started = time.monotonic()
        status, headers, got = server.get(target)
        elapsed = time.monotonic() - started
        check(status == 200 and got == body and headers.get("Content-Type") == "text/html; charset=utf-8"
              and headers.get("Content-Length") == str(len(body)),
              f"{target} answers 200, text/html; charset=utf-8, {body!r} (got {status} {got!r})")
        check(seconds <= elapsed < seconds + 0.5, f"{target} took {elapsed:.3f} s, about {seconds} s")
    # The whole reply, byte for byte, up to the headers that legitimately vary.
    reply = server.raw(b"GET /delay-me?seconds=0.25 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 200 OK\r\n") and reply.endswith(b"\r\n\r\nDone, I waited for 0.25 secs"),
          "the raw reply is a 200 status line, headers, and exactly the body")


def test_bad_input(server):
    cases = {
        "abc": "is not a number", "-1": "is negative", "nan": "is not a number", "inf": "is infinite",
        "1e309": "is out of range", "": "is empty", "301": "more than the maximum delay of 300 seconds",
    }
    for value, sentence in cases.items():
        status, headers, body = server.get(f"/delay-me?seconds={value}")
        text = body.decode()
        check(status == 400 and sentence in text and "from 0 to 300" in text
              and headers.get("Content-Type", "").startswith("text/plain"),
              f"seconds={value!r} -> 400 saying '{sentence}' and what is allowed (got {status} {text.strip()!r})")
    status, _, body = server.get("/delay-me?seconds=1&seconds=2")
    check(status == 400 and b"more than once" in body, "a repeated seconds parameter -> 400")
    status, _, body = server.get("/no-such-page")
    check(status == 404 and b"/no-such-page" in body, "an unknown path -> 404 naming it")
    status, headers, body = server.get("/delay-me", method="POST")
    check(status == 405 and "GET" in headers.get("Allow", "") and b"POST" in body,
          "POST /delay-me -> 405 with an Allow header")
    status, headers, body = server.get("/delay-me?seconds=0.1", method="HEAD")
    check(status == 200 and body == b"" and headers.get("Content-Length") == str(len(b"Done, I waited for 0.1 secs")),
          "HEAD /delay-me -> 200, no body, the GET's Content-Length")
    reply = server.raw(b"GET /delay-me HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 431"), "a 20 kB header -> 431")
    reply = server.raw(b"NONSENSE\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 400"), "garbage instead of HTTP -> 400")


def test_keep_alive_and_health(server):
    conn = server.connection()
    for _ in range(3):
        conn.request("GET", "/delay-me")
        response = conn.getresponse()
        response.read()
    check(response.status == 200 and response.getheader("Connection") in (None, "keep-alive"),
          "three requests on one kept-alive connection")
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    health = json.loads(response.read())
    conn.close()
    check(response.getheader("Content-Type") == "application/json" and health.get("status") == "ok"
          and health.get("version") and health.get("uptime_seconds", -1) >= 0
          and health.get("open_connections", 0) >= 1 and isinstance(health.get("components"), dict),
          f"/healthz reports status, version, uptime and open connections: {health}")


def test_concurrent_delays(server, count=100):
    results = [None] * count
    barrier = threading.Barrier(count)

    def one(i):
        conn = server.connection(timeout=10)
        try:
            conn.connect()
            barrier.wait()
            conn.request("GET", "/delay-me?seconds=1")
            response = conn.getresponse()
            results[i] = (response.status, response.read(), time.monotonic())
        except Exception as e:  # noqa: BLE001 - any failure is a test failure
            results[i] = (None, repr(e).encode(), time.monotonic())
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)
    good = [r for r in results if r and r[0] == 200 and r[1] == b"Done, I waited for 1 secs"]
    last = max((r[2] for r in results if r), default=started + 99) - started
    check(len(good) == count, f"{count} concurrent 1-second delays all answered ({len(good)} were)")
    check(last < 2.0, f"... and all finished within 2 s of the start ({last:.3f} s)")


def test_static_files(server, files):
    types = {
        "/": "text/html; charset=utf-8", "/app.wasm": "application/wasm",
        "/app.js": "text/javascript; charset=utf-8", "/style.css": "text/css; charset=utf-8",
        "/lessons/x/lesson.json": "application/json", "/font.woff2": "font/woff2", "/DejaVuSans.ttf": "font/ttf",
        "/icon.png": "image/png", "/logo.svg": "image/svg+xml",
    }
    for target, content_type in types.items():
        status, headers, body = server.get(target)
        name = "index.html" if target == "/" else target[1:]
        check(status == 200 and headers.get("Content-Type") == content_type and body == files[name],
              f"{target} -> 200 {content_type} with the file's bytes")
    status, headers, body = server.get("/lessons/x/")
    check(status == 200 and body == files["lessons/x/index.html"], "/lessons/x/ serves that folder's index.html")
    status, headers, _ = server.get("/lessons/x")
    check(status == 301 and headers.get("Location") == "/lessons/x/", "/lessons/x redirects to /lessons/x/")

    status, headers, body = server.get("/app.js", headers={"Accept-Encoding": "gzip, deflate"})
    check(status == 200 and headers.get("Content-Encoding") == "gzip" and gzip.decompress(body) == files["app.js"]
          and "Accept-Encoding" in headers.get("Vary", "")
          and headers.get("Content-Type") == "text/javascript; charset=utf-8",
          "a gzip-accepting client gets the precompressed .gz, typed as JavaScript, with Vary")
    status, headers, body = server.get("/app.js", headers={"Accept-Encoding": "identity"})
    check(status == 200 and "Content-Encoding" not in headers and body == files["app.js"],
          "a client without gzip gets the plain file")
    status, headers, body = server.get("/app.wasm", method="HEAD")
    check(status == 200 and body == b"" and headers.get("Content-Length") == str(len(files["app.wasm"]))
          and headers.get("Content-Type") == "application/wasm", "HEAD gives the headers and the length, no body")

    status, headers, _ = server.get("/app.wasm")
    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    check(bool(etag) and bool(modified) and headers.get("Cache-Control"), "files carry ETag, Last-Modified, Cache-Control")
    status, headers, body = server.get("/app.wasm", headers={"If-None-Match": etag})
    check(status == 304 and body == b"" and headers.get("ETag") == etag, "If-None-Match with the ETag -> 304")
    status, _, body = server.get("/app.wasm", headers={"If-Modified-Since": modified})
    check(status == 304 and body == b"", "If-Modified-Since the Last-Modified -> 304")
    status, _, _ = server.get("/app.wasm", headers={"If-None-Match": '"stale"'})
    check(status == 200, "a stale ETag -> 200 with the file")


def test_traversal(server):
    for target in [b"/../secret.txt", b"/%2e%2e/secret.txt", b"/lessons/%2E%2E/%2e%2e/secret.txt",
                   b"/lessons/..%2f..%2fsecret.txt", b"/escape.txt", b"/..%5csecret.txt"]:
        reply = server.raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 403") and b"TOP SECRET" not in reply,
              f"GET {target.decode()} is refused with 403 (got {reply[:12]!r})")


def test_slow_header_client(server, header_timeout):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /delay-me HTTP/1.1\r\nHost: x\r\n")  # ... and never the blank line
        reply = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    elapsed = time.monotonic() - started
    check(reply.startswith(b"HTTP/1.1 408"), f"a client that stops mid-header gets 408 ({reply[:20]!r})")
    check(header_timeout <= elapsed < header_timeout + 1.5,
          f"... and is cut off after the {header_timeout} s header timeout ({elapsed:.2f} s)")
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        closed = s.recv(1) == b""
    elapsed = time.monotonic() - started
    check(closed and elapsed < header_timeout + 1.5, f"a silent connection is closed ({elapsed:.2f} s)")


def test_client_goes_away(server):
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"GET /delay-me?seconds=30 HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
    time.sleep(0.3)
    status, _, _ = server.get("/healthz")
    check(status == 200, "a client leaving mid-delay does not disturb the server")
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and '"GET /delay-me?seconds=30" 499' not in server.stdout():
        time.sleep(0.1)
    check('"GET /delay-me?seconds=30" 499' in server.stdout(),
          "the abandoned delay is cancelled at once and logged as 499")


def test_access_log(server):
    time.sleep(0.3)  # lines are flushed in batches, at most 100 ms apart
    lines = server.stdout().splitlines()
    line = next((l for l in lines if '"GET /delay-me?seconds=0.25"' in l), "")
    check(" 200 28B " in line and line.endswith("ms") and "127.0.0.1:" in line,
          f"one access-log line per request with method, target, status, bytes, duration: {line!r}")


def test_cors(workdir, site):
    server = Server(workdir, "cors", "--site", site, "--allow-origin", "https://pages.example")
    try:
        status, headers, _ = server.get("/delay-me", method="OPTIONS", headers={
            "Origin": "https://pages.example", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "content-type"})
        check(status == 204 and headers.get("Access-Control-Allow-Origin") == "https://pages.example"
              and "GET" in headers.get("Access-Control-Allow-Methods", ""), "a CORS preflight gets 204 and the allow headers")
        status, headers, _ = server.get("/delay-me", headers={"Origin": "https://pages.example"})
        check(status == 200 and headers.get("Access-Control-Allow-Origin") == "https://pages.example",
              "with --allow-origin, replies carry Access-Control-Allow-Origin")
    finally:
        server.stop()


def test_connection_limit(workdir):
    server = Server(workdir, "limit", "--max-connections", "3")
    try:
        holders = []
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(b"GET /delay-me?seconds=2 HTTP/1.1\r\nHost: x\r\n\r\n")
            holders.append(s)
        time.sleep(0.2)
        reply = server.raw(b"GET /delay-me HTTP/1.1\r\nHost: x\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 503") and b"connection limit" in reply,
              "past --max-connections a new connection gets 503 and a reason")
        for s in holders:
            check(s.recv(4096).startswith(b"HTTP/1.1 200"), "... while the connections within the limit are served")
            s.close()
        time.sleep(0.2)
        status, _, _ = server.get("/delay-me")
        check(status == 200, "once connections close, new ones are served again")
    finally:
        server.stop()


def test_graceful_shutdown(workdir):
    server = Server(workdir, "graceful", "--shutdown-grace", "3")
    result = {}

    def waiting_client():
        result["reply"] = server.get("/delay-me?seconds=1")

    client = threading.Thread(target=waiting_client)
    client.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    client.join(5)
    code = server.process.wait(10)
    elapsed = time.monotonic() - started
    status, _, body = result.get("reply", (None, None, b""))
    check(refused, "after SIGTERM no new connections are accepted")
    check(status == 200 and body == b"Done, I waited for 1 secs", "an in-flight delay still finishes with 200")
    check(code == 0 and elapsed < 2.5, f"the server then exits 0 without waiting out the grace ({elapsed:.2f} s)")

    server = Server(workdir, "cut", "--shutdown-grace", "0.5")
    client = threading.Thread(target=lambda: result.update(reply=server.get("/delay-me?seconds=30")))
    client.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    client.join(5)
    code = server.process.wait(10)
    elapsed = time.monotonic() - started
    status, _, body = result.get("reply", (None, None, b""))
    check(status == 503 and b"cut short" in body, f"a delay longer than the grace is cut with 503 and a reason: {body!r}")
    check(code == 0 and elapsed < 2.0, f"... and the server exits 0 at the grace deadline ({elapsed:.2f} s)")
    check("cut short" in server.stderr(), "the cut is logged with its reason")


def main():
    if not BINARY or not os.access(BINARY, os.X_OK):
        print(f"usage: {sys.argv[0]} <looplab-backend binary> (got {BINARY!r})")
        return 2
    workdir = tempfile.mkdtemp(prefix="looplab-backend-test-")
    header_timeout = 1.0
    try:
        site, files = make_site(workdir)
        server = Server(workdir, "main", "--site", site, "--header-timeout", str(header_timeout))
        try:
            test_delay_replies(server)
            test_bad_input(server)
            test_keep_alive_and_health(server)
            test_concurrent_delays(server)
            test_static_files(server, files)
            test_traversal(server)
            test_slow_header_client(server, header_timeout)
            test_client_goes_away(server)
            test_access_log(server)
            status, _, body = server.get("/delay-me?seconds=0.1")
            check(status == 200 and body == b"Done, I waited for 0.1 secs", "the server keeps serving after all of it")
            check(server.process.poll() is None, "... and is still running")
        finally:
            code = server.stop()
            check(code == 0, f"SIGTERM stops the main server with exit code 0 (got {code})")
            errors = sanitizer_errors(server)
            check(not errors, f"no sanitizer or runtime errors in the server's log: {errors[:3]}")
        test_cors(workdir, site)
        test_connection_limit(workdir)
        test_graceful_shutdown(workdir)
    finally:
        if FAILURES:
            print(f"server logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
