# Async: three coroutines handed to gather. Each one gives the loop a turn
# while its request is out, so all three requests are out at the same time.
import asyncio
import time

import aiohttp

URL = "http://127.0.0.1:8000/delay-me?seconds={}"


async def pull(name, seconds):
    url = URL.format(seconds)
    print(f"{name}: Requesting '{url}'")
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            reply = await response.text()
    print(f"{name}: Request finally done! Server replied '{reply}'")


async def main():
    started = time.perf_counter()
    print("=" * 10)
    await asyncio.gather(
        pull("R1", 10),
        pull("R2", 2),
        pull("R3", 5),
    )
    print("-" * 10)
    print(f"Time elapsed: {time.perf_counter() - started}")
    print("=" * 10)


asyncio.run(main())
