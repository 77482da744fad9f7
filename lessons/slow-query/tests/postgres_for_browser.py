"""A throwaway PostgreSQL with the slow-query database at a small copy count, for the
browser test (lessons/slow-query/tests/slow-query.test.mjs), which cannot start one itself.
Usage: postgres_for_browser.py <looplab-citydb> <copies>
Prints one JSON line {"host", "port"} once the database is built, then holds it until its
standard input closes: when the test ends, fails or is killed, its pipe closes and the
instance is stopped and removed (pg_instance.py also cleans up on SIGTERM and at exit)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "database"))
from pg_instance import PostgresInstance  # noqa: E402

citydb, copies = sys.argv[1], sys.argv[2]
pg = PostgresInstance()
try:
    build = subprocess.run([citydb, *pg.citydb_args(), "--copies", copies], capture_output=True, text=True)
    if build.returncode != 0:
        print(json.dumps({"error": "looplab-citydb failed: " + build.stdout + build.stderr}), flush=True)
        sys.exit(1)
    print(json.dumps({"host": "127.0.0.1", "port": pg.port}), flush=True)
    sys.stdin.read()  # until the test's end closes the pipe
finally:
    pg.destroy()
