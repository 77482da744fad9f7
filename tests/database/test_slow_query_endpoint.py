"""GET /slow-query on a real looplab-backend and a real PostgreSQL (10 copies of the
city list, built by the test with looplab-citydb): exact row counts, concurrent queries
overlapping inside PostgreSQL, 400/503 sentences, recovery after the database comes
back, half-built databases refused, and PQcancel on timeout and on a vanished client.
Usage: test_slow_query_endpoint.py <looplab-backend> <looplab-citydb>"""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_instance import PostgresInstance  # noqa: E402

BACKEND, CITYDB = sys.argv[1], sys.argv[2]
EXPECTED = {"R1": 55640, "R2": 4110, "R3": 19500}
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


class Backend:
    """looplab-backend on a free port, stopped (SIGTERM) at the end."""

    def __init__(self, *args):
        self.folder = tempfile.mkdtemp(prefix="looplab-dbtest-backend-")
        port_file = os.path.join(self.folder, "port")
        self.log = open(os.path.join(self.folder, "backend.log"), "w+")
        self.proc = subprocess.Popen([BACKEND, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file,
                                      *args], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                self.log.seek(0)
                raise RuntimeError("looplab-backend did not start:\n" + self.log.read())
            time.sleep(0.02)
        with open(port_file) as f:
            self.port = int(f.read())

    def get(self, target, timeout=60):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", target)
            resp = conn.getresponse()
            body = resp.read().decode()
            return resp.status, body
        finally:
            conn.close()

    def get_json(self, target):
        status, body = self.get(target)
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {"unparsed": body}

    def stop(self):
        """Stops the server; False (log printed) when it did not exit cleanly, e.g. a
        sanitizer report at exit."""
        if self.log.closed:
            return True
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        clean = self.proc.returncode == 0
        if not clean:
            self.log.seek(0)
            print(f"looplab-backend exited with {self.proc.returncode}:\n" + self.log.read()[-4000:])
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        return clean


def concurrent(backend, names):
    """Sends the requests at the same moment (connections opened first)."""
    results, barrier = {}, threading.Barrier(len(names))

    def one(name):
        conn = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=60)
        conn.connect()
        barrier.wait()
        conn.request("GET", f"/slow-query?name={name}")
        resp = conn.getresponse()
        results[name] = (resp.status, json.loads(resp.read()))
        conn.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def all_overlap(bodies):
    return max(b["started_at"] for b in bodies) < min(b["finished_at"] for b in bodies)


def cancel_count(pg):
    return pg.server_log().count("canceling statement due to user request")


def main():
    pg = PostgresInstance()
    backends = []
    try:
        # No database configured: 503 that says how to start one.
        plain = Backend()
        backends.append(plain)
        status, body = plain.get("/slow-query?name=R1")
        check(status == 503 and "not configured" in body and "./looplab start" in body,
              f"without a database: 503 saying how to start it ({status} {body.strip()})")
        check(plain.stop(), "the backend without a database stops cleanly")

        run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "10"], capture_output=True, text=True)
        check(run.returncode == 0, "looplab-citydb builds 10 copies")

        # Over TCP with the lesson's password, as the seed's clients connect.
        backend = Backend("--db-host", "127.0.0.1", "--db-port", str(pg.port))
        backends.append(backend)

        sequential = []
        for name, rows in EXPECTED.items():
            status, body = backend.get_json(f"/slow-query?name={name}")
            sequential.append(body)
            check(status == 200 and body.get("rows") == rows and body.get("expected_rows") == rows,
                  f"{name} returns exactly {rows:,} rows ({status} {body.get('rows')})")
        r1 = sequential[0]
        check(r1.get("query") == "R1" and "ORDER BY s.long_name, c.name" in r1.get("sql", "")
              and r1.get("copies") == 10, "the reply names the query, its SQL and the copy count")
        check(all(b["started_at"] <= b["finished_at"] and abs(b["first_row_after_s"] + b["transfer_s"] - b["total_s"])
                  < 0.0025 for b in sequential), "server-side times add up: first row + transfer = total")
        check(abs(r1["started_at"] - time.time()) < 120 and round(r1["started_at"], 3) == r1["started_at"],
              "started_at is epoch seconds with milliseconds")
        check(not all_overlap(sequential[:2]), "one after another, the intervals do not overlap")

        # Three at once: PostgreSQL runs them side by side (the pool has a connection each).
        overlapped = False
        for _ in range(3):
            results = concurrent(backend, list(EXPECTED))
            ok = all(results[n][0] == 200 and results[n][1]["rows"] == EXPECTED[n] for n in EXPECTED)
            check(ok, "three concurrent queries return the exact row counts")
            if ok and all_overlap([results[n][1] for n in EXPECTED]):
                overlapped = True
                break
        check(overlapped, "three concurrent queries overlap in time inside PostgreSQL")

        # Bad names: 400 with a sentence; never SQL from the request.
        for target, words in [("/slow-query?name=R4", "no query named 'R4'"),
                              ("/slow-query?name=SELECT%201", "no query named 'SELECT 1'"),
                              ("/slow-query", "Say which query")]:
            status, body = backend.get(target)
            check(status == 400 and words in body, f"{target}: 400 '{body.strip()[:70]}'")

        # The database goes away, then comes back: no backend restart needed.
        pg.stop()
        status, body = backend.get("/slow-query?name=R2")
        check(status == 503 and "not reachable" in body, f"database stopped: 503 ({status} {body.strip()[:90]})")
        _, health = backend.get_json("/healthz")
        db = health.get("components", {}).get("database", {})
        check(db.get("status") == "degraded" and db.get("reachable") is False, "/healthz shows the database away")
        pg.start()
        status, body = backend.get_json("/slow-query?name=R2")
        check(status == 200 and body.get("rows") == 4110, f"database back: the next request works ({status})")
        _, health = backend.get_json("/healthz")
        db = health.get("components", {}).get("database", {})
        check(db.get("status") == "ok" and db.get("reachable") is True, "/healthz shows the database back")

        # A half-built database (build mark missing) is refused, and a rebuild cures it.
        pg.psql("DROP TABLE looplab_build")
        status, body = backend.get("/slow-query?name=R3")
        check(status == 503 and "not built" in body, f"half-built database: 503 ({status} {body.strip()[:80]})")
        run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "10"], capture_output=True, text=True)
        check(run.returncode == 0 and "built 10 copies" in run.stderr, "looplab-citydb rebuilds it")
        status, body = backend.get_json("/slow-query?name=R3")
        check(status == 200 and body.get("rows") == 19500, "the rebuilt database is served")

        # Cancellation needs queries long enough to interrupt: 300 copies, R1 then sorts
        # 1.7 M rows.
        run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "300"], capture_output=True, text=True)
        check(run.returncode == 0, "looplab-citydb rebuilds with 300 copies")
        impatient = Backend("--db-host", "127.0.0.1", "--db-port", str(pg.port), "--db-query-timeout", "0.2")
        backends.append(impatient)
        before = cancel_count(pg)
        status, body = impatient.get("/slow-query?name=R1")
        check(status == 504 and "query timeout" in body, f"past --db-query-timeout: 504 ({status} {body.strip()[:90]})")
        # PQcancel runs off the loop: poll (bounded) rather than guess how long it takes.
        deadline = time.time() + 10
        while cancel_count(pg) == before and time.time() < deadline:
            time.sleep(0.1)
        check(cancel_count(pg) > before, "... and PostgreSQL cancelled the query (PQcancel)")
        deadline = time.time() + 10
        while True:
            _, health = impatient.get_json("/healthz")
            db = health.get("components", {}).get("database", {})
            if db.get("connections_idle") == 1 or time.time() > deadline:
                break
            time.sleep(0.1)
        check(db.get("queries_cancelled") == 1 and db.get("connections_idle") == 1 and db.get("connections_open") == 1,
              f"the cancelled query's connection went back to the pool, still usable ({db})")

        # The client hangs up while R1 sorts: the query is cancelled in PostgreSQL.
        before = cancel_count(pg)
        s = socket.create_connection(("127.0.0.1", backend.port))
        s.sendall(b"GET /slow-query?name=R1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.1)  # R1 at 300 copies sorts for about a second
        s.close()
        deadline = time.time() + 10
        while cancel_count(pg) == before and time.time() < deadline:
            time.sleep(0.1)
        check(cancel_count(pg) > before, "a client that goes away gets its query cancelled in PostgreSQL")
        _, health = backend.get_json("/healthz")
        db = health.get("components", {}).get("database", {})
        check(db.get("queries_cancelled", 0) >= 1, "/healthz counts the cancelled query")
        status, body = backend.get_json("/slow-query?name=R2")
        check(status == 200 and body.get("rows") == 300 * 411, "and the next query works")
        check(impatient.stop() and backend.stop(), "the backends stop cleanly (SIGTERM, exit 0)")
    finally:
        for b in backends:
            b.stop()
        pg.destroy()
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
