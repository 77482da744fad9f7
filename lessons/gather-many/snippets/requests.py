# Many requests to the delay server, all started at once with asyncio.gather.
import asyncio
import time

import aiohttp

URL = "http://127.0.0.1:8000/delay-me?seconds=1"


async def fetch(session, limit, i):
    async with limit:
        async with session.get(f"{URL}&request={i}") as reply:
            return await reply.text()


async def main():
    started = time.perf_counter()
    limit = asyncio.Semaphore(5)
    # A browser opens at most 6 connections to one host; this connector does the same.
    connector = aiohttp.TCPConnector(limit_per_host=6)
    async with aiohttp.ClientSession(connector=connector) as session:
        replies = await asyncio.gather(*(fetch(session, limit, i) for i in range(1, 6)))
    print(f"{len(replies)} replies")
    print(f"Time elapsed: {time.perf_counter() - started}")


asyncio.run(main())
