"""scripts/postgres.sh, the way ./looplab start uses it: the first start initialises and
builds, prints only the backend's flags on stdout; a second start reuses the cluster;
a server killed with SIGKILL leaves stale lock files that do not stop the next start;
stop is clean; a taken port is refused with a sentence.
Usage: test_postgres_script.py <repo root> <looplab-citydb>"""
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "backend"))
from backend_harness import check, finish  # noqa: E402
from pg_instance import free_port  # noqa: E402

ROOT, CITYDB = sys.argv[1], sys.argv[2]
SCRIPT = os.path.join(ROOT, "scripts", "postgres.sh")

def main():
    folder = tempfile.mkdtemp(prefix="looplab-pgscript-")
    if os.geteuid() == 0:
        pg = pwd.getpwnam("postgres")
        os.chown(folder, pg.pw_uid, pg.pw_gid)
    data = os.path.join(folder, "pg15")
    port = free_port()
    env = dict(os.environ, LOOPLAB_DB_DIR=data, LOOPLAB_DB_PORT=str(port), LOOPLAB_DB_COPIES="2",
               LOOPLAB_CITYDB=CITYDB, LOOPLAB_STATE=folder)

    def script(*args, extra_env=None):
        return subprocess.run([SCRIPT, *args], env=dict(env, **(extra_env or {})), capture_output=True, text=True,
                              timeout=180)

    try:
        run = script("start")
        check(run.returncode == 0, f"start succeeds ({run.stderr.strip()[-200:]})")
        check(run.stdout.splitlines() == ["--db-host=127.0.0.1", f"--db-port={port}", "--db-name=postgres",
                                          "--db-user=looplab_reader", "--db-password=pythonasync"],
              "stdout holds only the backend's flags, one per line: the backend logs in as the read-only role")
        check("initialising" in run.stderr and f"127.0.0.1:{port}" in run.stderr and "built 2 copies" in run.stderr,
              "stderr tells what happened: initialised, where it listens, what was built")
        check(os.path.exists(os.path.join(data, "PG_VERSION")), "the cluster lives in the state folder")
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        check(True, "PostgreSQL listens on 127.0.0.1")
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres", "-XAtc",
                              "SELECT count(*) FROM cities"], env=dict(os.environ, PGPASSWORD="pythonasync"),
                             capture_output=True, text=True)
        check(out.stdout.strip() == "11128", "the seed's credentials work over TCP (password pythonasync)")
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres", "-XAtc",
                              "SELECT 1"], env=dict(os.environ, PGPASSWORD="wrong"), capture_output=True, text=True)
        check(out.returncode != 0 and "password authentication failed" in out.stderr,
              "a wrong password is refused: the password is real")
        reader = dict(os.environ, PGPASSWORD="pythonasync")
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "looplab_reader", "-d", "postgres",
                              "-XAtc", "SELECT count(*) FROM cities"], env=reader, capture_output=True, text=True)
        check(out.stdout.strip() == "11128", f"the backend's role looplab_reader reads the cities ({out.stderr.strip()})")
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "looplab_reader", "-d", "postgres",
                              "-XAtc", "COPY (SELECT 1) TO PROGRAM 'true'"], env=reader, capture_output=True, text=True)
        check(out.returncode != 0, f"... and cannot run programs ({out.stderr.strip()[:80]})")

        run = script("start")
        check(run.returncode == 0 and "reusing it" in run.stderr and "nothing to do" in run.stderr,
              "a second start reuses the running server and the built database")
        run = script("status")
        check(run.returncode == 0 and "running" in run.stdout and "finished build with 2 copies" in run.stdout,
              "status says it runs and what it holds")

        # A server killed without shutdown (the machine's session ended, kill -9).
        with open(os.path.join(data, "postmaster.pid")) as f:
            pid = int(f.readline())
        os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 10
        while time.time() < deadline and os.path.exists(f"/proc/{pid}/exe") and os.readlink(f"/proc/{pid}/exe"):
            time.sleep(0.1)
        time.sleep(0.5)  # its children notice and exit
        run = script("status")
        check(run.returncode == 3 and "stopped" in run.stdout, "after SIGKILL, status says stopped")
        run = script("start")
        check(run.returncode == 0 and f"--db-port={port}" in run.stdout, f"start recovers from the killed server "
              f"({run.stderr.strip()[-200:]})")

        # A different copy count rebuilds.
        run = script("start", extra_env={"LOOPLAB_DB_COPIES": "3"})
        check(run.returncode == 0 and "built 3 copies" in run.stderr, "another copy count rebuilds the database")

        run = script("stop")
        check(run.returncode == 0 and "stopped" in run.stderr, "stop stops it")
        check(not os.path.exists(os.path.join(data, "postmaster.pid")), "... cleanly (no pid file left)")
        run = script("stop")
        check(run.returncode == 0 and "not running" in run.stderr, "stopping twice is harmless")

        # The configured port is taken by another program.
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            busy = taken.getsockname()[1]
            run = script("start", extra_env={"LOOPLAB_DB_PORT": str(busy)})
            check(run.returncode != 0 and f"LOOPLAB_DB_PORT={busy} is already in use" in run.stderr
                  and run.stdout == "", "a taken LOOPLAB_DB_PORT is refused with a sentence, no flags printed")

        run = script("start", extra_env={"LOOPLAB_DB_COPIES": "3"})
        check(run.returncode == 0 and "nothing to do" in run.stderr, "a stopped cluster starts again as it was")
        run = subprocess.run([SCRIPT, "frobnicate"], env=env, capture_output=True, text=True)
        check(run.returncode == 2 and "usage" in run.stderr, "an unknown command prints the usage")
        run = script("start", extra_env={"LOOPLAB_DB_COPIES": "many"})
        check(run.returncode != 0 and "positive whole number" in run.stderr, "a bad copy count is refused")
    finally:
        script("stop")
        shutil.rmtree(folder, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
