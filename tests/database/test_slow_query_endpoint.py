"""GET /slow-query on a real looplab-backend and a real PostgreSQL (10 copies of the
city list, built by the test with looplab-citydb): exact row counts, concurrent queries
overlapping inside PostgreSQL, 400/503 sentences, recovery after the database comes
back, half-built databases refused, and PQcancel on timeout and on a vanished client.
Usage: test_slow_query_endpoint.py <looplab-backend> <looplab-citydb>"""
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "backend"))
from backend_harness import Server, Workdir, check, finish  # noqa: E402
from pg_instance import PostgresInstance  # noqa: E402

BACKEND, CITYDB = sys.argv[1], sys.argv[2]
EXPECTED = {"R1": 55640, "R2": 4110, "R3": 19500}


def get_text(backend, target):
    status, _, body = backend.get(target, timeout=60)
    return status, body.decode(errors="replace")


def get_json(backend, target):
    status, body = get_text(backend, target)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {"unparsed": body}


def database_health_when(backend, ready, seconds=10):
    """/healthz's database component once `ready(component)` holds, or the last one read
    when `seconds` pass: what the backend counts lands a moment after what it answers."""
    deadline = time.time() + seconds
    while True:
        _, health = get_json(backend, "/healthz")
        db = health.get("components", {}).get("database", {})
        if ready(db) or time.time() > deadline:
            return db
        time.sleep(0.1)


def stopped_cleanly(backend):
    """SIGTERM; True when it exited 0 (a sanitizer report at exit makes it fail)."""
    code = backend.stop(20)
    if code != 0:
        print(f"looplab-backend {backend.name} exited with {code}:\n" + backend.stderr()[-4000:])
    return code == 0


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
        with Workdir("looplab-dbtest-") as workdir:
            run_checks(pg, workdir, backends)
    finally:
        for b in backends:
            b.stop()
        pg.destroy()
    finish()


def run_checks(pg, workdir, backends):
    # No database configured: 503 that says how to start one.
    plain = Server(BACKEND, workdir, "plain")
    backends.append(plain)
    status, body = get_text(plain, "/slow-query?name=R1")
    check(status == 503 and "not configured" in body and "./looplab start" in body,
          f"without a database: 503 saying how to start it ({status} {body.strip()})")
    check(stopped_cleanly(plain), "the backend without a database stops cleanly")

    run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "10"], capture_output=True, text=True)
    check(run.returncode == 0, "looplab-citydb builds 10 copies")

    # Over TCP with the lesson's password, as the seed's clients connect.
    backend = Server(BACKEND, workdir, "backend", "--db-host", "127.0.0.1", "--db-port", str(pg.port))
    backends.append(backend)

    sequential = []
    for name, rows in EXPECTED.items():
        status, body = get_json(backend, f"/slow-query?name={name}")
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
        status, body = get_text(backend, target)
        check(status == 400 and words in body, f"{target}: 400 '{body.strip()[:70]}'")

    # The database goes away, then comes back: no backend restart needed.
    pg.stop()
    status, body = get_text(backend, "/slow-query?name=R2")
    check(status == 503 and "not reachable" in body, f"database stopped: 503 ({status} {body.strip()[:90]})")
    _, health = get_json(backend, "/healthz")
    db = health.get("components", {}).get("database", {})
    check(db.get("status") == "degraded" and db.get("reachable") is False, "/healthz shows the database away")
    pg.start()
    status, body = get_json(backend, "/slow-query?name=R2")
    check(status == 200 and body.get("rows") == 4110, f"database back: the next request works ({status})")
    _, health = get_json(backend, "/healthz")
    db = health.get("components", {}).get("database", {})
    check(db.get("status") == "ok" and db.get("reachable") is True, "/healthz shows the database back")

    # A half-built database (build mark missing) is refused, and a rebuild cures it.
    pg.psql("DROP TABLE looplab_build")
    status, body = get_text(backend, "/slow-query?name=R3")
    check(status == 503 and "not built" in body, f"half-built database: 503 ({status} {body.strip()[:80]})")
    run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "10"], capture_output=True, text=True)
    check(run.returncode == 0 and "built 10 copies" in run.stderr, "looplab-citydb rebuilds it")
    status, body = get_json(backend, "/slow-query?name=R3")
    check(status == 200 and body.get("rows") == 19500, "the rebuilt database is served")

    # Cancellation needs queries long enough to interrupt: 300 copies, R1 then sorts
    # 1.7 M rows.
    run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "300"], capture_output=True, text=True)
    check(run.returncode == 0, "looplab-citydb rebuilds with 300 copies")
    impatient = Server(BACKEND, workdir, "impatient", "--db-host", "127.0.0.1", "--db-port", str(pg.port), "--db-query-timeout", "0.2")
    backends.append(impatient)
    before = cancel_count(pg)
    status, body = get_text(impatient, "/slow-query?name=R1")
    check(status == 504 and "query timeout" in body, f"past --db-query-timeout: 504 ({status} {body.strip()[:90]})")
    # PQcancel runs off the loop: poll (bounded) rather than guess how long it takes.
    deadline = time.time() + 10
    while cancel_count(pg) == before and time.time() < deadline:
        time.sleep(0.1)
    check(cancel_count(pg) > before, "... and PostgreSQL cancelled the query (PQcancel)")
    db = database_health_when(impatient, lambda db: db.get("connections_idle") == 1)
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
    # PostgreSQL counts the cancel before the backend hears its answer and counts it too
    # (slower under ASan).
    db = database_health_when(backend, lambda db: db.get("queries_cancelled", 0) >= 1)
    check(db.get("queries_cancelled", 0) >= 1, f"/healthz counts the cancelled query ({db})")
    status, body = get_json(backend, "/slow-query?name=R2")
    check(status == 200 and body.get("rows") == 300 * 411, "and the next query works")
    check(stopped_cleanly(impatient) and stopped_cleanly(backend), "the backends stop cleanly (SIGTERM, exit 0)")


if __name__ == "__main__":
    main()
