# Two hellos: two tasks on one loop, one sleeping 2 s, the other 1 s.
import asyncio
import time


async def say(what, when):
    await asyncio.sleep(when)
    print(what)


async def main():
    started = time.perf_counter()
    print("=" * 10)
    first = asyncio.create_task(say("first hello", 2), name="first")
    second = asyncio.create_task(say("second hello", 1), name="second")
    await first
    await second
    print("-" * 10)
    print(f"Time elapsed: {time.perf_counter() - started}")
    print("=" * 10)


asyncio.run(main())
