# Async: asyncpg, one connection per query, all three handed to gather.
# Each fetch gives the loop a turn, so all three queries are in PostgreSQL
# at once -- but PostgreSQL still has to do all of the work.
import asyncio
import time

import asyncpg

from queries import QUERIES  # {"R1": "SELECT ...", "R2": ..., "R3": ...}

DSN = "postgresql://postgres@127.0.0.1/cities"


async def run_query(name):
    sql = QUERIES[name]
    conn = await asyncpg.connect(DSN)
    print(f"{name}: Querying '{sql}'")
    rows = await conn.fetch(sql)
    print(f"{name}: Query made! Db replied '{len(rows)}' rows")
    await conn.close()


async def main():
    await asyncio.gather(run_query("R1"), run_query("R2"), run_query("R3"))


start = time.perf_counter()
print("=" * 10)
asyncio.run(main())
print("-" * 10)
print(f"Time elapsed: {time.perf_counter() - start}")
print("=" * 10)
