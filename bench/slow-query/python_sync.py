"""The seed's sync client, with psycopg2: three requesters, one after another, each
fetching every row. Prints the seed's console lines, then one JSON line of timings.
Usage: python_sync.py <port> <queries.json>"""
import json
import sys
import time

import psycopg2



def main():
    port = int(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        sqls = json.load(f)
    per_query = {}
    print("==========")
    start = time.perf_counter()
    for name, sql in sqls.items():
        began = time.perf_counter()
        conn = psycopg2.connect(host="127.0.0.1", port=port, dbname="postgres", user="postgres",
                                password="pythonasync")
        print(f"{name}: Querying '{sql}'")
        with conn.cursor() as cur:
            cur.execute(sql)
            rows = cur.fetchall()
        conn.close()
        print(f"{name}: Query made! Db replied '{len(rows)}' rows")
        per_query[name] = {"s": time.perf_counter() - began, "rows": len(rows)}
        del rows
    total = time.perf_counter() - start
    print("----------")
    print(f"Time elapsed: {total}")
    print("==========")
    print(json.dumps({"total_s": total, "queries": per_query}))


if __name__ == "__main__":
    main()
