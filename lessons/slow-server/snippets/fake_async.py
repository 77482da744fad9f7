# Fake async: the same gather, but the coroutine calls requests.get, which
# never awaits. It keeps the loop until its reply is in; nobody else runs.
import asyncio
import time

import requests

URL = "http://127.0.0.1:8000/delay-me?seconds={}"


async def pull(name, seconds):
    url = URL.format(seconds)
    print(f"{name}: Requesting '{url}'")
    reply = requests.get(url).text
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
