"""A throwaway PostgreSQL 15 for one test run: its own folder, a free port, removed at
the end even when the test fails or is killed. Runs the server as `postgres` when the
test runs as root (PostgreSQL refuses root)."""
import atexit
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
PASSWORD = "pythonasync"
# The backend's read-only role, as scripts/postgres.sh makes it (looplab-citydb creates it).
READER = "looplab_reader"
READER_PASSWORD = "pythonasync"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def _as_server_user(cmd):
    return ["runuser", "-u", "postgres", "--"] + cmd if os.geteuid() == 0 else cmd


class PostgresInstance:
    def __init__(self, durable=False):
        # Tests skip fsync for speed; a benchmark keeps PostgreSQL's default (durable).
        self.durable = durable
        self.folder = tempfile.mkdtemp(prefix="looplab-pgtest-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "server.log")
        self.port = free_port()
        self._stopped_for_good = False
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(self.folder, pg.pw_uid, pg.pw_gid)
        atexit.register(self.destroy)
        # ctest's timeout sends SIGTERM: turn it into a normal exit so cleanup runs.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        pwfile = os.path.join(self.folder, "pw")
        with open(pwfile, "w") as f:
            f.write(PASSWORD + "\n")
        if os.geteuid() == 0:
            os.chown(pwfile, pg.pw_uid, pg.pw_gid)
        subprocess.run(_as_server_user([
            f"{PG_BIN}/initdb", "-D", self.data, "-U", "postgres", f"--pwfile={pwfile}", "-E", "UTF8",
            "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.start()

    def start(self):
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{self.folder}' "
                "-c wal_level=minimal -c max_wal_senders=0" + ("" if self.durable else " -c fsync=off"))
        subprocess.run(_as_server_user([f"{PG_BIN}/pg_ctl", "-D", self.data, "-o", opts, "-l", self.log,
                                        "-w", "-t", "60", "start"]), check=True, stdout=subprocess.DEVNULL)

    def stop(self, mode="fast"):
        subprocess.run(_as_server_user([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"]),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql(self, sql):
        """Runs sql through the unix socket; returns the output lines (unaligned, tuples only)."""
        out = subprocess.run(["psql", "-h", self.folder, "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                              "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()

    def server_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def citydb_args(self):
        return ["--db-host", self.folder, "--db-port", str(self.port), "--reader-password", READER_PASSWORD]

    def destroy(self):
        if self._stopped_for_good:
            return
        self._stopped_for_good = True
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
