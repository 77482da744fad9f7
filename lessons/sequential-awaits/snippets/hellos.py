# Hellos that sleep between hello and goodbye: awaited in a row, or gathered.
import asyncio
import time


async def hello():
    print("hello")
    await asyncio.sleep(1)
    print("goodbye")


async def main():
    started = time.perf_counter()
    await hello()
    await hello()
    print(f"Time elapsed: {time.perf_counter() - started}")


asyncio.run(main())
