"""looplab-citydb, the slow-query database builder, against a real PostgreSQL:
exact schema and row counts, no rebuild when nothing changed, and an interrupted or
half-finished build is never taken for a finished one.
Usage: test_citydb_builder.py <looplab-citydb>"""
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "backend"))
from backend_harness import check, finish  # noqa: E402
from pg_instance import PostgresInstance, free_port  # noqa: E402

CITYDB = sys.argv[1]

def citydb(pg, *args):
    return subprocess.run([CITYDB, *pg.citydb_args(), *args], capture_output=True, text=True, timeout=120)


def counts(pg):
    return [int(x) for x in pg.psql(
        "SELECT count(*) FILTER (WHERE s.state IN (SELECT state FROM states)),"
        " count(*) FILTER (WHERE c.name like 'A%'),"
        " count(*) FILTER (WHERE s.state like 'M%' OR s.state like '%P')"
        " FROM cities c JOIN states s ON c.state_id = s.id")[0].split("|")]


def main():
    pg = PostgresInstance()
    try:
        # A fresh database: built, with the seed's schema and nothing more.
        run = citydb(pg, "--copies", "3")
        check(run.returncode == 0, f"builds 3 copies (exit {run.returncode}: {run.stderr.strip()[-300:]})")
        check(pg.psql("SELECT count(*) FROM cities") == ["16692"], "cities holds 3 x 5,564 rows")
        check(pg.psql("SELECT count(*) FROM states") == ["27"], "states holds the 27 federative units")
        check(counts(pg) == [16692, 1233, 5850], "R1/R2/R3 would return 3 x 5,564 / 411 / 1,950 rows")
        check(pg.psql("SELECT min(id), max(id), count(DISTINCT id) FROM cities") == ["1|16692|16692"],
              "city ids run 1..N like a serial column filled by INSERTs")
        check(pg.psql("SELECT nextval('cities_id_seq')") == ["16693"], "the serial continues after the last id")
        check(pg.psql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1") == ["states_pkey"],
              "the only index is the primary key on states")
        check(pg.psql("SELECT column_name || ':' || data_type FROM information_schema.columns "
                      "WHERE table_name = 'cities' ORDER BY ordinal_position")
              == ["id:integer", "name:text", "state_id:integer"], "cities(id serial, name text, state_id int)")
        check(pg.psql("SELECT count(*) FROM cities WHERE name = 'Olho d\"Água das Flores'") == ["3"],
              "quoted CSV names arrive intact (UTF-8, doubled quotes)")
        check(pg.psql("SELECT copies FROM looplab_build") == ["3"], "the finished build is recorded")
        check(pg.psql("SELECT last_analyze IS NOT NULL AND last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                      "WHERE relname = 'cities'") == ["t"], "cities was VACUUM ANALYZEd")

        # Same copy count again: nothing rebuilt.
        stamp = pg.psql("SELECT completed_at FROM looplab_build")
        run = citydb(pg, "--copies", "3")
        check(run.returncode == 0 and "nothing to do" in run.stderr, "a second run with the same count does nothing")
        check(pg.psql("SELECT completed_at FROM looplab_build") == stamp, "... and leaves the build untouched")
        check(citydb(pg, "--check", "--copies", "3").returncode == 0, "--check accepts the finished build")
        check(citydb(pg, "--check", "--copies", "4").returncode == 1, "--check rejects another copy count")

        # A build that stopped after loading but before it was marked finished.
        pg.psql("DROP TABLE looplab_build")
        check(citydb(pg, "--check", "--copies", "3").returncode == 1, "a build without its mark is not finished")
        run = citydb(pg, "--copies", "3")
        check(run.returncode == 0 and "built 3 copies" in run.stderr, "... and the next run rebuilds it")
        check(pg.psql("SELECT copies FROM looplab_build") == ["3"] and counts(pg)[0] == 16692,
              "... completely")

        # A real interruption: the builder killed in the middle of loading 600 copies.
        proc = subprocess.Popen([CITYDB, *pg.citydb_args(), "--copies", "600"], stderr=subprocess.PIPE, text=True)
        seen = ""
        while "25%" not in seen:
            line = proc.stderr.readline()
            if not line:
                break
            seen += line
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check("25%" in seen and "100%" not in seen, "the builder was killed while loading")
        time.sleep(0.3)  # the server notices the closed connection and rolls back
        check(citydb(pg, "--check", "--copies", "600").returncode == 1, "the interrupted build is not finished")
        check(pg.psql("SELECT copies FROM looplab_build") == ["3"] and counts(pg) == [16692, 1233, 5850],
              "the previous finished database is still whole")
        run = citydb(pg, "--copies", "600")
        check(run.returncode == 0 and pg.psql("SELECT copies FROM looplab_build") == ["600"]
              and counts(pg) == [600 * 5564, 600 * 411, 600 * 1950], "rerunning builds 600 copies exactly")

        # Bad input: a sentence and a non-zero exit, never a crash.
        run = citydb(pg, "--copies", "abc")
        check(run.returncode == 2 and "--copies expects a whole number" in run.stderr, "--copies abc is refused")
        run = citydb(pg, "--copies", "0")
        check(run.returncode == 1 and "between 1 and 100000" in run.stderr, "--copies 0 is refused")
        with tempfile.TemporaryDirectory() as bad:
            with open(os.path.join(bad, "brazil_states.csv"), "w") as f:
                f.write("id,long_name,state\n1,Acre,AC\n")
            with open(os.path.join(bad, "brazil_cities.csv"), "w") as f:
                f.write("name,state_id\nGood,1\n\"Unclosed,1\n")
            run = citydb(pg, "--copies", "2", "--data", bad)
            check(run.returncode == 1 and "brazil_cities.csv line 3" in run.stderr,
                  "a malformed CSV is reported by file and line")
        check(pg.psql("SELECT copies FROM looplab_build") == ["600"], "... and the database is left as it was")
        run = subprocess.run([CITYDB, "--db-host", "127.0.0.1", "--db-port", str(free_port()), "--copies", "2"],
                             capture_output=True, text=True, timeout=60)
        check(run.returncode == 1 and "cannot connect to PostgreSQL" in run.stderr, "no server: a clear message")
    finally:
        pg.destroy()
    finish()


if __name__ == "__main__":
    main()
