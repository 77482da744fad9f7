"""The slow-query path under pressure and misuse, against a real PostgreSQL (300 copies,
so R1 sorts for about a second):

- the wait for a pool connection is bounded (503 + Retry-After past it), a client that
  leaves while waiting is let go at once and runs nothing, and shutdown answers every
  waiter with a shutdown sentence;
- the backend connects as a read-only role that can only SELECT the lesson's tables;
- what went wrong with the database goes to the backend's log, not to the public;
- resolving the database's host name never stalls the event loop;
- a client that leaves is let go at once wherever /slow-query waits: for the name to
  resolve, for a connection to a database that does not answer, for a table a
  rebuild holds (which, past a lock timeout, answers "being rebuilt").
Usage: test_database_hardening.py <looplab-backend> <looplab-citydb>"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "backend"))
from backend_harness import Server, Workdir, check, finish, wait_for  # noqa: E402
from pg_instance import READER, READER_PASSWORD, PostgresInstance  # noqa: E402

BACKEND, CITYDB = sys.argv[1], sys.argv[2]


def in_background(server, target, results, key, timeout=60):
    def run():
        try:
            status, headers, body = server.get(target, timeout=timeout)
            results[key] = (status, headers, body.decode(errors="replace"), time.monotonic())
        except Exception as e:  # noqa: BLE001
            results[key] = (None, {}, repr(e), time.monotonic())
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def leave_while_waiting(server, target, wait=0.3):
    """Sends the request, hangs up after `wait` seconds; returns how long until the
    access log shows it as 499 (None when it did not within 8 s)."""
    with server.connect() as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(wait)
    left_at = time.monotonic()
    pattern = '"GET ' + target.replace("?", r"\?") + '" 499'
    if not wait_for(lambda: server.access_lines(pattern), 8):
        return None
    return time.monotonic() - left_at


def shown(took):
    return "never" if took is None else f"after {took:.2f} s"


def db_health(server):
    return server.health()[1].get("components", {}).get("database", {})


def test_bounded_queue(workdir, pg):
    server = Server(BACKEND, workdir, "queue", "--db-host", "127.0.0.1", "--db-port", str(pg.port),
                    "--db-pool-size", "1", "--db-queue-limit", "2")
    try:
        results, threads = {}, []
        for i in range(6):
            threads.append(in_background(server, f"/slow-query?name=R1&n={i}", results, i))
            time.sleep(0.05)
        for t in threads:
            t.join(90)
        served = [r for r in results.values() if r[0] == 200]
        refused = [r for r in results.values() if r[0] == 503]
        check(len(served) == 3 and len(refused) == 3,
              f"pool 1, queue 2: six at once give three answers and three 503s "
              f"({sorted(r[0] for r in results.values())})")
        check(all(r[1].get("Retry-After") and "busy" in r[2] and "--db-queue-limit" not in r[2] for r in refused),
              f"... each 503 with Retry-After and a sentence: {refused[0][2].strip() if refused else ''!r}")
    finally:
        check(server.stop() == 0, "the backend stops cleanly")


def test_leaving_waiter(workdir, pg):
    server = Server(BACKEND, workdir, "leaver", "--db-host", "127.0.0.1", "--db-port", str(pg.port),
                    "--db-pool-size", "1")
    try:
        results = {}
        busy = in_background(server, "/slow-query?name=R1", results, "busy")
        time.sleep(0.2)
        with server.connect() as s:
            s.sendall(b"GET /slow-query?name=R2&leaver=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.2)
        left_at = time.monotonic()
        logged = wait_for(lambda: server.access_lines(r"leaver=1\" 499"), 3)
        check(bool(logged) and time.monotonic() - left_at < 0.6 and "busy" not in results,
              f"a client that leaves while waiting for a pool connection is let go at once "
              f"({time.monotonic() - left_at:.2f} s, the running query still running: {'busy' not in results})")
        waiting = wait_for(lambda: db_health(server).get("requests_waiting") == 0, 1)
        check(waiting, f"... and no longer counts as waiting ({db_health(server).get('requests_waiting')})")
        busy.join(60)
        time.sleep(0.2)
        health = db_health(server)
        check(health.get("queries_finished") == 1 and health.get("queries_cancelled", 0) == 0,
              f"... and ran no query of its own ({health})")
    finally:
        server.stop()


def test_shutdown_answers_waiters(workdir, pg):
    server = Server(BACKEND, workdir, "shutdown", "--db-host", "127.0.0.1", "--db-port", str(pg.port),
                    "--db-pool-size", "1", "--shutdown-grace", "30")
    results, threads = {}, []
    threads.append(in_background(server, "/slow-query?name=R1", results, "running"))
    time.sleep(0.2)
    for key in ("waiting-1", "waiting-2"):
        threads.append(in_background(server, "/slow-query?name=R2", results, key))
    time.sleep(0.3)
    signalled = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    for t in threads:
        t.join(40)
    # R1 takes about a second, several on a loaded machine: the grace (30 s) covers that.
    code = server.process.wait(40)
    for key in ("waiting-1", "waiting-2"):
        status, _, body, at = results.get(key, (None, {}, "", 0))
        check(status == 503 and "shutting down" in body and "not reachable" not in body and at - signalled < 0.5,
              f"{key}: a request waiting for a pool connection at shutdown is answered at once with a shutdown "
              f"sentence ({status} after {at - signalled:.2f} s: {body.strip()[:90]!r})")
    status = results.get("running", (None,))[0]
    check(status == 200, f"the query already running finishes within the grace period ({status})")
    check(code == 0, f"the backend exits 0 ({code})")


def test_read_only_role(workdir, pg):
    def psql_as_reader(sql):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(pg.port), "-U", READER, "-d", "postgres",
                               "-XAtc", sql], env=dict(os.environ, PGPASSWORD=READER_PASSWORD),
                              capture_output=True, text=True)
    out = psql_as_reader("SELECT count(*) FROM cities")
    check(out.returncode == 0 and out.stdout.strip() == str(300 * 5564),
          f"the backend's role {READER} can read the cities ({out.stdout.strip()} {out.stderr.strip()[:80]})")
    for what, sql in [("COPY ... TO PROGRAM", "COPY (SELECT 1) TO PROGRAM 'true'"),
                      ("writing a table", "DELETE FROM cities"),
                      ("creating a table", "CREATE TABLE intruder (x int)"),
                      ("reading server files", "SELECT pg_read_file('postgresql.conf')"),
                      ("changing roles", "ALTER ROLE postgres PASSWORD 'x'")]:
        out = psql_as_reader(sql)
        check(out.returncode != 0, f"... and cannot do {what} ({out.stderr.strip()[:70]})")
    server = Server(BACKEND, workdir, "reader", "--db-host", "127.0.0.1", "--db-port", str(pg.port))
    try:
        status, _, body = server.get("/slow-query?name=R2")
        check(status == 200, f"with the default settings the backend serves the lesson as {READER} ({status})")
        who = pg.psql("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'looplab'")
        check(who == [READER], f"... connected as {who}")
    finally:
        server.stop()


def test_no_disclosure(workdir, pg):
    server = Server(BACKEND, workdir, "secretive", "--db-host", "127.0.0.1", "--db-port", str(pg.port),
                    "--db-user", READER, "--db-password", "wrong-password")
    try:
        status, _, body = server.get("/slow-query?name=R2")
        text = body.decode()
        _, health_body = server.get("/healthz")[::2]
        health = health_body.decode()
        leaks = [word for word in ("password authentication", READER, str(pg.port), "127.0.0.1")
                 if word in text or word in health]
        check(status == 503 and "not reachable" in text and not leaks,
              f"a database failure is told to the public without user, host or libpq's words "
              f"({status} {text.strip()[:90]!r}; leaked: {leaks})")
        logged = wait_for(lambda: "password authentication failed" in server.stderr(), 2)
        check(logged, "... while the backend's own log has the details")
    finally:
        server.stop()


class SilentDns:
    """A DNS server that takes questions and never answers, on its own loopback address."""

    address = "127.77.0.53"

    def __init__(self):
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind((self.address, 53))
        self.tcp = socket.socket()
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind((self.address, 53))
        self.tcp.listen()

    def close(self):
        self.udp.close()
        self.tcp.close()


def test_dns_off_the_loop(workdir):
    if os.geteuid() != 0:
        print("skip  the DNS check needs root (a private mount namespace for resolv.conf)")
        return
    try:
        dns = SilentDns()
    except OSError as e:
        print(f"skip  cannot listen on {SilentDns.address}:53 ({e})")
        return
    resolv = os.path.join(workdir, "resolv.conf")
    with open(resolv, "w") as f:
        f.write(f"nameserver {SilentDns.address}\noptions timeout:3 attempts:1\n")
    # The backend alone sees this resolv.conf: a private mount namespace.
    prefix = ["unshare", "-m", "--propagation", "private", "sh", "-c",
              f'mount --bind "{resolv}" /etc/resolv.conf && exec "$0" "$@"']
    server = Server(BACKEND, workdir, "dns", "--db-host", "lesson-db.example", prefix=prefix)
    try:
        results = {}
        lookup = in_background(server, "/slow-query?name=R2", results, "lookup")
        time.sleep(0.3)  # the backend is now resolving lesson-db.example
        started = time.monotonic()
        status, _, _ = server.get("/delay-me?seconds=0", timeout=10)
        took = time.monotonic() - started
        check(status == 200 and took < 0.5,
              f"while the database's name takes 3 s to resolve, other requests are answered at once ({took:.2f} s)")
        took = leave_while_waiting(server, "/slow-query?name=R1&resolving=1", wait=0.2)
        check(took is not None and took < 0.6,
              f"a client that leaves while the name resolves is let go at once ({shown(took)})")
        lookup.join(20)
        check(results.get("lookup", (None,))[0] == 503, f"the lookup that failed answers 503 "
                                                         f"({results.get('lookup', ('-',))[0]})")
    finally:
        server.stop()
        dns.close()


def test_leaving_during_connect(workdir):
    # A database that takes the connection and never says a word (a hung server, a
    # firewall that drops): libpq would wait the whole connect timeout.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    server = Server(BACKEND, workdir, "connecting", "--db-host", "127.0.0.1", "--db-port",
                    str(silent.getsockname()[1]))
    try:
        took = leave_while_waiting(server, "/slow-query?name=R2&connecting=1")
        check(took is not None and took < 0.6,
              f"a client that leaves while the connection to a silent database is made is let go at once "
              f"({shown(took)}; the connect timeout is 5 s)")
        # The session notices the hang-up on its next read, a moment after the client left,
        # so the slot is allowed a second to come free (the health request itself holds one).
        def freed():
            pool_open = db_health(server).get("connections_open")
            slots = server.health()[1].get("open_connections")
            return (pool_open, slots) if pool_open == 0 and slots == 1 else None
        seen = wait_for(freed, 1.0)
        pool_open, slots = seen or (db_health(server).get("connections_open"),
                                    server.health()[1].get("open_connections"))
        check(seen is not None,
              f"... and neither its pool connection nor its slot stays taken ({pool_open} pool connections open, "
              f"{slots} client slots with this health request)")
    finally:
        server.stop()
        silent.close()


def test_locked_tables(workdir, pg):
    server = Server(BACKEND, workdir, "locked", "--db-host", "127.0.0.1", "--db-port", str(pg.port))
    # What a rebuild does: one transaction holding the lesson's tables.
    holder = subprocess.Popen(["psql", "-h", pg.folder, "-p", str(pg.port), "-U", "postgres", "-d", "postgres", "-Xq",
                               "-c", "BEGIN; LOCK TABLE looplab_build, cities, states IN ACCESS EXCLUSIVE MODE; "
                                     "SELECT pg_sleep(30); COMMIT;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        held = wait_for(lambda: pg.psql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                        "WHERE c.relname = 'looplab_build' AND l.granted "
                                        "AND l.mode = 'AccessExclusiveLock'") == ["1"], 10, interval=0.1)
        check(held, "a transaction holds the lesson's tables, as a rebuild does")
        started = time.monotonic()
        status, headers, body = server.get("/slow-query?name=R2", timeout=40)
        took = time.monotonic() - started
        check(status == 503 and b"being rebuilt" in body and headers.get("Retry-After") and took < 6,
              f"while a rebuild holds the tables, /slow-query says so within the lock timeout "
              f"({status} after {took:.2f} s: {body.decode(errors='replace').strip()[:80]!r})")
        took = leave_while_waiting(server, "/slow-query?name=R2&locked=1")
        check(took is not None and took < 0.6,
              f"a client that leaves while its query waits for the tables is let go at once ({shown(took)})")
    finally:
        # The server notices a vanished psql only after pg_sleep: end its session there.
        pg.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()")
        holder.wait(10)
    try:
        freed = wait_for(lambda: server.get("/slow-query?name=R2", timeout=40)[0] == 200, 10, interval=0.2)
        check(freed, "once the tables are free again, the next request is answered")
    finally:
        server.stop()


def main():
    pg = PostgresInstance()
    try:
        with Workdir("looplab-dbhard-test-") as workdir:
            test_dns_off_the_loop(workdir)
            run = subprocess.run([CITYDB, *pg.citydb_args(), "--copies", "300"], capture_output=True, text=True)
            check(run.returncode == 0, f"looplab-citydb builds 300 copies ({run.stderr.strip()[-200:]})")
            test_read_only_role(workdir, pg)
            test_no_disclosure(workdir, pg)
            test_bounded_queue(workdir, pg)
            test_leaving_waiter(workdir, pg)
            test_shutdown_answers_waiters(workdir, pg)
            test_leaving_during_connect(workdir)
            test_locked_tables(workdir, pg)
    finally:
        pg.destroy()
    finish()


if __name__ == "__main__":
    main()
