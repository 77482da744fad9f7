# Sync: psycopg2, one query after another. execute() holds the thread until
# PostgreSQL has run the query and every row has come over.
import time

import psycopg2

from queries import QUERIES  # {"R1": "SELECT ...", "R2": ..., "R3": ...}

DSN = "dbname=cities user=postgres host=127.0.0.1"


def run_query(conn, name):
    sql = QUERIES[name]
    print(f"{name}: Querying '{sql}'")
    with conn.cursor() as cur:
        cur.execute(sql)
        rows = cur.fetchall()
    print(f"{name}: Query made! Db replied '{len(rows)}' rows")


def main():
    conn = psycopg2.connect(DSN)
    for name in ("R1", "R2", "R3"):
        run_query(conn, name)
    conn.close()


start = time.perf_counter()
print("=" * 10)
main()
print("-" * 10)
print(f"Time elapsed: {time.perf_counter() - start}")
print("=" * 10)
