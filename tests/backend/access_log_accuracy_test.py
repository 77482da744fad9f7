#!/usr/bin/python3
"""The access log says what really happened on the wire.

usage: access_log_accuracy_test.py <path to looplab-backend>

- a download cut by the write timeout is logged with the bytes actually sent, marked cut;
- a download cut when the shutdown grace ends is reset (the client can tell) and logged so;
- X-Forwarded-For names the client only when the peer is a configured proxy.
"""
import os
import re
import signal
import socket
import time

from backend_harness import Server, Workdir, binary_from_argv, check, finish, wait_for

BINARY = binary_from_argv()
BIG = 32 * 1024 * 1024


def make_site(workdir):
    site = os.path.join(workdir, "site")
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(site, "big.bin"), "wb") as f:
        f.write(os.urandom(1024 * 1024) * (BIG // (1024 * 1024)))
    with open(os.path.join(site, "index.html"), "wb") as f:
        f.write(b"<!doctype html><title>x</title>")
    return site


def logged_bytes(server, target):
    lines = server.access_lines(re.escape(f'"GET {target}"'))
    if not lines:
        return None, ""
    match = re.search(r'" (\d{3}) (\d+)B ', lines[-1])
    return (int(match.group(2)) if match else None), lines[-1]


def slow_reader(server, target):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
    s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    s.recv(65536)  # the headers and the first bytes, then nothing for a while
    return s


def read_rest(s):
    """Reads until the end; 'reset' when the connection was reset, 'eof' on a clean close."""
    total = 0
    try:
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                return total, "eof"
            total += len(chunk)
    except ConnectionResetError:
        return total, "reset"
    except socket.timeout:
        return total, "timeout"
    finally:
        s.close()


def test_write_timeout_cut(workdir, site):
    server = Server(BINARY, workdir, "writecut", "--site", site, "--write-timeout", "1")
    try:
        s = slow_reader(server, "/big.bin?write-timeout")
        time.sleep(2.5)
        read_rest(s)
        line = wait_for(lambda: logged_bytes(server, "/big.bin?write-timeout")[0] is not None, 3)
        sent, text = logged_bytes(server, "/big.bin?write-timeout")
        check(line and sent is not None and sent < BIG and "cut" in text,
              f"a download cut by the write timeout logs the bytes really sent, marked as cut: {text!r}")
        status, _, body = server.get("/big.bin")
        wait_for(lambda: logged_bytes(server, "/big.bin")[0] is not None, 3)
        sent, text = logged_bytes(server, "/big.bin")
        check(status == 200 and len(body) == BIG and sent == BIG and "cut" not in text,
              f"a download read to its end is logged whole ({sent} bytes)")
    finally:
        server.stop()


def test_shutdown_cut(workdir, site):
    server = Server(BINARY, workdir, "shutcut", "--site", site, "--shutdown-grace", "0.5")
    s = slow_reader(server, "/big.bin?shutdown")
    server.process.send_signal(signal.SIGTERM)
    time.sleep(1.0)  # the grace period ends while the client still reads
    received, how = read_rest(s)
    code = server.process.wait(10)
    check(how == "reset", f"a download cut at the end of the grace period is reset, so the client knows it "
                          f"is incomplete (the client saw {how} after {received} more bytes)")
    wait_for(lambda: logged_bytes(server, "/big.bin?shutdown")[0] is not None, 3)
    sent, text = logged_bytes(server, "/big.bin?shutdown")
    check(sent is not None and sent < BIG and "cut" in text and "shutdown" in text,
          f"... and logged with the bytes sent, as cut by the shutdown: {text!r}")
    check(code == 0, f"the server exits 0 ({code})")


def test_forwarded_for(workdir):
    plain = Server(BINARY, workdir, "xff-untrusted")
    trusting = Server(BINARY, workdir, "xff-trusted", "--trusted-proxy", "127.0.0.0/8")
    try:
        for server in (plain, trusting):
            server.get("/delay-me?xff=1", headers={"X-Forwarded-For": "203.0.113.9"})
            server.get("/delay-me?xff=2", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
        time.sleep(0.4)
        line = plain.access_lines(r"xff=1")
        check(line and line[0].split()[1].startswith("127.0.0.1:"),
              f"from a peer that is not a configured proxy, X-Forwarded-For is ignored: {line[:1]}")
        line = trusting.access_lines(r"xff=1")
        check(line and line[0].split()[1] == "203.0.113.9",
              f"from a configured proxy (--trusted-proxy), the forwarded client is logged: {line[:1]}")
        line = trusting.access_lines(r"xff=2")
        check(line and line[0].split()[1] == "203.0.113.7",
              f"... the address the proxy itself saw (the last one), not what the client claimed: {line[:1]}")
    finally:
        plain.stop()
        trusting.stop()


def main():
    with Workdir("looplab-accesslog-test-") as workdir:
        site = make_site(workdir)
        test_write_timeout_cut(workdir, site)
        test_shutdown_cut(workdir, site)
        test_forwarded_for(workdir)
    finish()


if __name__ == "__main__":
    main()
