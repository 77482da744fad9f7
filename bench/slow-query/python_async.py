"""The seed's async client, with asyncpg: three requesters started together with
asyncio.gather, each fetching every row. Prints the seed's console lines, then one
JSON line of timings. Usage: python_async.py <port> <queries.json>"""
import asyncio
import json
import sys
import time

import asyncpg



async def requester(name, sql, port, per_query, start):
    began = time.perf_counter()
    conn = await asyncpg.connect(host="127.0.0.1", port=port, database="postgres", user="postgres",
                                 password="pythonasync")
    print(f"{name}: Querying '{sql}'")
    rows = await conn.fetch(sql)
    await conn.close()
    print(f"{name}: Query made! Db replied '{len(rows)}' rows")
    per_query[name] = {"s": time.perf_counter() - began, "rows": len(rows), "end_s": time.perf_counter() - start}


async def main():
    port = int(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        sqls = json.load(f)
    per_query = {}
    print("==========")
    start = time.perf_counter()
    await asyncio.gather(*(requester(name, sql, port, per_query, start) for name, sql in sqls.items()))
    total = time.perf_counter() - start
    print("----------")
    print(f"Time elapsed: {total}")
    print("==========")
    print(json.dumps({"total_s": total, "queries": per_query}))


if __name__ == "__main__":
    asyncio.run(main())
