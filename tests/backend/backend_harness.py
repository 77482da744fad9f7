"""What every backend test over the wire shares: a real looplab-backend process on a
free port (--port 0 --port-file), raw-socket helpers, and check() that records failures.

A test file imports this, runs its checks and ends with finish(), which prints the
count and exits 1 when any check failed."""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

FAILURES = []
# The sanitizer build is several times slower and its memory figures mean nothing.
UNDER_ASAN = len(sys.argv) > 1 and "/asan/" in sys.argv[1]


def check(condition, what):
    print(f"{'ok   ' if condition else 'FAIL '} {what}", flush=True)
    if not condition:
        FAILURES.append(what)
    return condition


def binary_from_argv():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    if not binary or not os.access(binary, os.X_OK):
        print(f"usage: {sys.argv[0]} <looplab-backend binary> (got {binary!r})")
        sys.exit(2)
    return binary


def wait_for(predicate, timeout, interval=0.02):
    """Polls until predicate() is true or timeout seconds passed; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


class Server:
    """One looplab-backend process with its own port and logs.

    stdout: a path (default: a file in workdir) or subprocess.PIPE for tests of a
    stuck or vanished log reader."""

    def __init__(self, binary, workdir, name, *args, stdout=None, env=None, prefix=()):
        self.name = name
        self.port_file = os.path.join(workdir, f"{name}.port")
        self.stdout_path = os.path.join(workdir, f"{name}.stdout")
        self.stderr_path = os.path.join(workdir, f"{name}.stderr")
        command = [*prefix, binary, "--port", "0", "--port-file", self.port_file, "--listen", "127.0.0.1", *args]
        out = stdout if stdout is not None else open(self.stdout_path, "wb")
        self.process = subprocess.Popen(command, stdout=out, stderr=open(self.stderr_path, "wb"),
                                        env=env if env is not None else os.environ)
        deadline = time.monotonic() + 60  # generous: the sanitizer build starts slowly
        while not os.path.exists(self.port_file):
            if self.process.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.process.returncode}: {self.stderr()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} never wrote its port file")
            time.sleep(0.02)
        self.port = int(open(self.port_file).read())
        self._scanned = False

    def connection(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get(self, target, method="GET", headers=None, timeout=10):
        conn = self.connection(timeout)
        try:
            conn.request(method, target, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            return response.status, dict(response.getheaders()), body
        finally:
            conn.close()

    def connect(self, timeout=10):
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def raw(self, data, timeout=10, wait_for_close=True):
        """Sends bytes as-is and returns the reply bytes (until close, or the first header)."""
        return self.exchange(data, timeout, wait_for_close)[0]

    def exchange(self, data, timeout=10, wait_for_close=True):
        """raw(), and how the reply ended: "closed", "timeout", "reset" or "header" (the
        first header was enough), so a failed check can say which case it met."""
        with self.connect(timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    return b"".join(chunks), "timeout"
                except ConnectionResetError:
                    return b"".join(chunks), "reset"
                if not chunk:
                    return b"".join(chunks), "closed"
                chunks.append(chunk)
                if not wait_for_close and b"\r\n\r\n" in b"".join(chunks):
                    return b"".join(chunks), "header"

    def stdout(self):
        try:
            return open(self.stdout_path, "rb").read().decode(errors="replace")
        except OSError:
            return ""

    def stderr(self):
        return open(self.stderr_path, "rb").read().decode(errors="replace")

    def access_lines(self, pattern):
        return [line for line in self.stdout().splitlines() if re.search(pattern, line)]

    def health(self):
        import json
        status, _, body = self.get("/healthz")
        return status, json.loads(body) if status == 200 else {}

    def health_closed(self, timeout=10):
        """/healthz on a `Connection: close` request read to the server's close: (status,
        dict). The server frees a connection's slot before it closes it, so once this
        returns the probe's own slot is free again (health() leaves that to the moment
        the server reads the client's close, which may come after the next connect)."""
        import json
        reply, _ = self.exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout)
        head, _, body = reply.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
        return status, json.loads(body) if status == 200 else {}

    def alive(self):
        return self.process.poll() is None

    def stop(self, timeout=15):
        """SIGTERM, then the exit code (None when it had to be killed). Every stop also
        reads the server's log for sanitizer reports, so the .asan runs of every test
        fail on one, whether or not the test checks the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = None
        if not self._scanned:
            self._scanned = True
            errors = sanitizer_errors(self)
            if errors:
                check(False, f"{self.name}: the sanitizers reported {errors[:3]}")
        return code


def accept_queue_length(port):
    """How many connections to `port` the kernel has completed and the server not yet
    accepted (a listening socket's rx_queue in /proc/net/tcp[6]); None when nothing listens."""
    found = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                found = (found or 0) + int(fields[4].split(":")[1], 16)
    return found


def close_with_reset(sock):
    """Closes so the peer sees a reset (SO_LINGER 0), as a crashed client would."""
    import struct
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


# What AddressSanitizer, LeakSanitizer and UBSan print (not PostgreSQL's "ERROR:",
# which the backend's own log may quote).
SANITIZER_REPORT = re.compile(r"==\d+==ERROR: |runtime error: |Sanitizer")


def rss_bytes(pid):
    """The resident size of a process, in bytes (0 when it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def sanitizer_errors(server):
    return [line for line in server.stderr().splitlines() if SANITIZER_REPORT.search(line)]


class Workdir:
    """A temporary folder kept when checks failed (its logs explain them)."""

    def __init__(self, prefix):
        self.path = tempfile.mkdtemp(prefix=prefix)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        if FAILURES or exc[0] is not None:
            print(f"server logs kept in {self.path}")
        else:
            shutil.rmtree(self.path, ignore_errors=True)
        return False


def finish():
    print(f"{len(FAILURES)} failure(s)")
    sys.exit(1 if FAILURES else 0)
