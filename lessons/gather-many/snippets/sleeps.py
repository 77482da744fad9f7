# Many tasks that only sleep, handed to asyncio.gather at once.
import asyncio
import time


async def nap(limit, seconds):
    async with limit:
        await asyncio.sleep(seconds)


async def main():
    started = time.perf_counter()
    limit = asyncio.Semaphore(5)
    await asyncio.gather(*(nap(limit, 3) for _ in range(5)))
    print(f"Time elapsed: {time.perf_counter() - started}")


asyncio.run(main())
