#!/usr/bin/python3
"""HTTP/1.1 as the standard has it, and the headers a page served to learners needs.

usage: http_strictness_test.py <path to looplab-backend>

- what RFC 9112 says to reject is rejected with 400 and a sentence, and nothing after
  it on the connection is read as another request (no request smuggling);
- Expect: 100-continue gets an answer;
- every reply carries nosniff, a Referrer-Policy and a Content-Security-Policy that
  forbids framing; the slow-query 400 does not echo unbounded input;
- odd numbers and a mistyped parameter name get clear, consistent answers.
"""
import os
import re

from backend_harness import Server, Workdir, binary_from_argv, check, finish, sanitizer_errors

BINARY = binary_from_argv()
SMUGGLED = b"GET /delay-me?seconds=0&smuggled=1 HTTP/1.1\r\nHost: x\r\n\r\n"


def test_rejected_framing(server):
    cases = {
        "an unknown transfer coding (xchunked)": b"Transfer-Encoding: xchunked\r\n",
        "chunked not last (chunked, identity)": b"Transfer-Encoding: chunked, identity\r\n",
        "Transfer-Encoding with Content-Length": b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
        "two different Content-Lengths": b"Content-Length: 0\r\nContent-Length: 5\r\n",
    }
    for what, headers in cases.items():
        reply = server.raw(b"POST /delay-me HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n" + SMUGGLED, timeout=3)
        replies = len(re.findall(rb"HTTP/1\.1 \d{3} ", reply))
        check(reply.startswith(b"HTTP/1.1 400") and replies == 1,
              f"{what}: 400 and the connection closed, the bytes after it never read as a request "
              f"({reply[:12]!r}, {replies} replies)")
    check(not server.access_lines(r"smuggled=1"), "no smuggled request reached an endpoint")


def test_rejected_headers(server):
    cases = {
        "no Host in HTTP/1.1": (b"GET /delay-me HTTP/1.1\r\n\r\n", b"Host"),
        "two Host headers": (b"GET /delay-me HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", b"Host"),
        "an obs-fold continuation line": (b"GET /delay-me HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n",
                                          b"fold"),
    }
    for what, (request, word) in cases.items():
        reply = server.raw(request, timeout=3)
        sentence = reply.split(b"\r\n\r\n")[-1][:90]
        check(reply.startswith(b"HTTP/1.1 400") and word in reply,
              f"{what}: 400 with a sentence naming the problem ({sentence!r})")
    reply = server.raw(b"GET /delay-me HTTP/1.0\r\n\r\n", timeout=3)
    check(reply.startswith(b"HTTP/1.0 200") or reply.startswith(b"HTTP/1.1 200"),
          f"HTTP/1.0 without Host is still fine ({reply[:12]!r})")


def test_expect_continue(server):
    with server.connect(timeout=3) as s:
        s.sendall(b"POST /delay-me HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        try:
            reply = s.recv(4096)
        except OSError:
            reply = b""
    check(reply.startswith(b"HTTP/1.1 4"), f"Expect: 100-continue with a body no endpoint takes gets a final "
                                           f"answer at once instead of silence ({reply[:12]!r})")
    reply = server.raw(b"GET /delay-me HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n\r\n", timeout=3)
    check(reply.startswith(b"HTTP/1.1 417"), f"an expectation the server cannot meet gets 417 ({reply[:12]!r})")


def test_security_headers(server):
    for target in ["/", "/delay-me", "/delay-me?seconds=x", "/healthz", "/nowhere", "/slow-query?name=R1"]:
        status, headers, _ = server.get(target)
        csp = headers.get("Content-Security-Policy", "")
        check(headers.get("X-Content-Type-Options") == "nosniff" and headers.get("Referrer-Policy")
              and "frame-ancestors 'none'" in csp,
              f"{target} ({status}) carries nosniff, Referrer-Policy and a CSP with frame-ancestors 'none'")
    status, headers, _ = server.get("/")
    csp = headers.get("Content-Security-Policy", "")
    check("script-src 'self'" in csp and "object-src 'none'" in csp,
          f"a page's CSP lets only the site's own scripts run: {csp!r}")
    status, _, body = server.get("/slow-query?name=" + "%0d%0aSet-Cookie:%20x" + "A" * 5000)
    check(status == 400 and len(body) < 400 and b"\r" not in body and b"\n" not in body.rstrip(b"\n"),
          f"the slow-query 400 echoes the unknown name bounded and without CR/LF ({len(body)} bytes)")


def test_odd_numbers(server):
    for value in ["1e-400", "0." + "0" * 5000 + "1", "-1e-400"]:
        status, _, body = server.get(f"/delay-me?seconds={value}")
        shown = value if len(value) < 12 else value[:12] + "..."
        check(status == 200 and body == b"Done, I waited for 0 secs",
              f"seconds={shown} (below the smallest double) rounds to 0, as Python's float() does "
              f"({status} {body[:60]!r})")
    status, _, body = server.get("/delay-me?seconds=1e-320")
    check(status == 200, f"seconds=1e-320 (a denormal) is a tiny wait, not an error ({status})")
    status, _, body = server.get("/delay-me?Seconds=5")
    check(status == 400 and b"'seconds'" in body and b"Seconds" in body,
          f"Seconds=5 (a capital S) gets 400 naming the right parameter ({status} {body.strip()[:90]!r})")
    status, _, body = server.get("/delay-me?seconds=0&other=5&Verbose=1")
    check(status == 200, f"other unknown parameters are still ignored, as the original ignores them ({status})")


def main():
    with Workdir("looplab-strict-test-") as workdir:
        site = os.path.join(workdir, "site")
        os.makedirs(site)
        with open(os.path.join(site, "index.html"), "wb") as f:
            f.write(b"<!doctype html><title>LoopLab</title>")
        server = Server(BINARY, workdir, "strict", "--site", site)
        try:
            test_rejected_framing(server)
            test_rejected_headers(server)
            test_expect_continue(server)
            test_security_headers(server)
            test_odd_numbers(server)
        finally:
            check(server.stop() == 0, "the server stops cleanly")
            check(not sanitizer_errors(server), f"no sanitizer errors: {sanitizer_errors(server)[:3]}")
    finish()


if __name__ == "__main__":
    main()
