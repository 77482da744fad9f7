# The same sleeps with async/await: asyncio's loop does the sending for us.
import asyncio
import time


async def sleep(seconds, result):
    await asyncio.sleep(seconds)
    return result


async def main():
    started = time.time()
    results = await asyncio.gather(*(sleep(3, n) for n in range(1, 6)))
    print(f"Time elapsed: {time.time() - started:.1f}")
    print(results)


asyncio.run(main())
