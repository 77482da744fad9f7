"""The slow-query benchmark. Builds the cities database in a throwaway PostgreSQL 15
(durable settings, free port), then measures, in the same run:
  - the build (looplab-citydb, wall clock, VACUUM ANALYZE and the row check included);
  - server only: each query under EXPLAIN (ANALYZE, TIMING OFF), which executes the full
    plan (scan, join, sort) inside PostgreSQL and ships no rows; the sum of the three;
  - LoopLab's backend, GET /slow-query: sync (one after another) and async (three
    concurrent HTTP requests);
  - the seed's Python clients: psycopg2 one after another, asyncpg with gather;
  - the backend's peak resident memory (VmHWM) during a sync R1, and over the whole run.
Medians over --repeats rounds. The last line is the summary."""
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "database"))
from pg_instance import PostgresInstance  # noqa: E402

NAMES = ["R1", "R2", "R3"]


def say(text=""):
    print(text, flush=True)


def median(values):
    return statistics.median(values) if values else float("nan")


def server_only(pg, sql):
    lines = pg.psql("EXPLAIN (ANALYZE, TIMING OFF) " + sql)
    for line in lines:
        m = re.search(r"Execution Time: ([\d.]+) ms", line)
        if m:
            return float(m.group(1)) / 1000
    raise RuntimeError("no Execution Time in EXPLAIN ANALYZE output")


class Backend:
    def __init__(self, binary, pg_port):
        self.folder = tempfile.mkdtemp(prefix="looplab-bench-")
        port_file = os.path.join(self.folder, "port")
        self.proc = subprocess.Popen([binary, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file,
                                      "--db-host", "127.0.0.1", "--db-port", str(pg_port), "--db-query-timeout", "600"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("looplab-backend did not start")
            time.sleep(0.02)
        with open(port_file) as f:
            self.port = int(f.read())

    def query(self, name, barrier=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        conn.connect()
        if barrier:
            barrier.wait()
        began = time.perf_counter()
        conn.request("GET", f"/slow-query?name={name}")
        resp = conn.getresponse()
        body = json.loads(resp.read())
        conn.close()
        if resp.status != 200:
            raise RuntimeError(f"/slow-query?name={name} answered {resp.status}: {body}")
        body["client_s"] = time.perf_counter() - began
        body["client_end"] = time.perf_counter()
        return body

    def memory_kb(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def reset_peak(self):
        try:
            with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
            return True
        except OSError:
            return False

    def stop(self):
        self.proc.terminate()
        self.proc.wait(15)
        shutil.rmtree(self.folder, ignore_errors=True)


def looplab_sync(backend, peak):
    start = time.perf_counter()
    results = {}
    for name in NAMES:
        if name == "R1" and peak is not None:
            peak["reset"] = backend.reset_peak()
        results[name] = backend.query(name)
        if name == "R1" and peak is not None:
            peak["r1_kb"] = backend.memory_kb("VmHWM")
    return time.perf_counter() - start, results


def looplab_async(backend):
    barrier = threading.Barrier(len(NAMES) + 1)
    results = {}

    def one(name):
        results[name] = backend.query(name, barrier)

    threads = [threading.Thread(target=one, args=(n,)) for n in NAMES]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    if len(results) != len(NAMES):
        raise RuntimeError("a concurrent request failed")
    return max(r["client_end"] for r in results.values()) - start, results


def python_client(script, port, queries_file):
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, script), str(port), queries_file],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    return json.loads(lines[-1]), lines[:-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", required=True)
    parser.add_argument("--citydb", required=True)
    parser.add_argument("--copies", type=int, default=1400)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    pg = PostgresInstance(durable=True)
    backend = None
    try:
        say(f"slow-query benchmark: {args.copies} copies ({args.copies * 5564:,} cities), "
            f"{args.repeats} round(s), PostgreSQL 15 on 127.0.0.1:{pg.port}, {os.cpu_count()} cores")
        say("-- database build (looplab-citydb)")
        began = time.perf_counter()
        subprocess.run([args.citydb, *pg.citydb_args(), "--copies", str(args.copies)], check=True)
        build_s = time.perf_counter() - began
        say(f"build: {build_s:.2f} s (wall clock, from connect to the finished mark)")

        queries = json.loads(subprocess.run([args.citydb, "--print-queries"], capture_output=True, text=True,
                                            check=True).stdout)
        queries_file = os.path.join(pg.folder, "queries.json")
        with open(queries_file, "w", encoding="utf-8") as f:
            json.dump(queries, f)

        backend = Backend(args.backend, pg.port)
        runs = {k: [] for k in ["server_only", "looplab_sync", "looplab_async", "python_sync", "python_async"]}
        per_query = {k: {n: [] for n in NAMES} for k in runs}
        split = {n: {"first_row": [], "transfer": []} for n in NAMES}
        peak = {}
        for round_no in range(1, args.repeats + 1):
            say(f"-- round {round_no}/{args.repeats}")
            times = {n: server_only(pg, queries[n]) for n in NAMES}
            runs["server_only"].append(sum(times.values()))
            for n in NAMES:
                per_query["server_only"][n].append(times[n])
            say("server only (EXPLAIN ANALYZE, no rows shipped): " +
                ", ".join(f"{n} {times[n]:.2f} s" for n in NAMES) + f"; sum {sum(times.values()):.2f} s")

            total, results = looplab_sync(backend, peak if round_no == 1 else None)
            runs["looplab_sync"].append(total)
            for n in NAMES:
                per_query["looplab_sync"][n].append(results[n]["client_s"])
                split[n]["first_row"].append(results[n]["first_row_after_s"])
                split[n]["transfer"].append(results[n]["transfer_s"])
            say(f"LoopLab sync:  {total:.2f} s  " + ", ".join(
                f"{n} {results[n]['rows']:,} rows {results[n]['total_s']:.2f} s (first row {results[n]['first_row_after_s']:.2f}"
                f" + transfer {results[n]['transfer_s']:.2f})" for n in NAMES))

            total, results = looplab_async(backend)
            runs["looplab_async"].append(total)
            for n in NAMES:
                per_query["looplab_async"][n].append(results[n]["client_s"])
            say(f"LoopLab async: {total:.2f} s  " + ", ".join(
                f"{n} {results[n]['total_s']:.2f} s (first row {results[n]['first_row_after_s']:.2f})" for n in NAMES))

            for kind, script in [("python_sync", "python_sync.py"), ("python_async", "python_async.py")]:
                result, lines = python_client(script, pg.port, queries_file)
                runs[kind].append(result["total_s"])
                for n in NAMES:
                    per_query[kind][n].append(result["queries"][n]["s"])
                if round_no == 1:
                    for line in lines:
                        if "Db replied" in line:
                            say(f"  {kind}: {line}")
                say(f"{kind.replace('_', ' ')}: {result['total_s']:.2f} s  " +
                    ", ".join(f"{n} {result['queries'][n]['s']:.2f} s" for n in NAMES))

        overall_peak_kb = backend.memory_kb("VmHWM")
        say()
        say(f"medians over {args.repeats} round(s), seconds:")
        say(f"{'':16}{'total':>8}{'R1':>8}{'R2':>8}{'R3':>8}")
        for kind in runs:
            say(f"{kind:16}{median(runs[kind]):8.2f}" + "".join(f"{median(per_query[kind][n]):8.2f}" for n in NAMES))
        say("LoopLab sync split (PostgreSQL executing until the first row, then rows shipping): " + ", ".join(
            f"{n} {median(split[n]['first_row']):.2f} + {median(split[n]['transfer']):.2f} s" for n in NAMES))
        peak_kb = peak.get("r1_kb", overall_peak_kb) if peak.get("reset") else overall_peak_kb
        say(f"backend peak memory: {peak_kb / 1024:.1f} MB during R1"
            f"{'' if peak.get('reset') else ' (could not reset VmHWM: peak since start)'}; "
            f"{overall_peak_kb / 1024:.1f} MB over the whole run")

        m = {k: median(v) for k, v in runs.items()}
        say("targets:")
        say(f"  build under 12 s: {build_s:.2f} s -> {'met' if build_s < 12 else 'MISSED'}")
        ratio = m["looplab_async"] / m["server_only"]
        say(f"  LoopLab async within 20% of server only: {ratio:.2f}x -> {'met' if ratio <= 1.2 else 'MISSED'}")
        below = m["looplab_async"] < min(m["python_sync"], m["python_async"])
        say(f"  LoopLab async below both Python clients: {'met' if below else 'MISSED'}")
        say(f"  backend peak under 64 MB: {peak_kb / 1024:.1f} MB -> {'met' if peak_kb < 64 * 1024 else 'MISSED'}")
        say(f"slow-query: build_s={build_s:.2f} server_only_s={m['server_only']:.2f} "
            f"looplab_sync_s={m['looplab_sync']:.2f} looplab_async_s={m['looplab_async']:.2f} "
            f"python_sync_s={m['python_sync']:.2f} python_async_s={m['python_async']:.2f} peak_mb={peak_kb / 1024:.1f}")
    finally:
        if backend:
            backend.stop()
        pg.destroy()


if __name__ == "__main__":
    main()
