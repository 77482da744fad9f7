# asyncio.sleep(1 ns) wakes later than 1 ns after it started: the loop turn itself costs time.
import asyncio

from conformance import log, run


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(1e-9)
    late = loop.time() - start
    log(f"slept at least a microsecond: {late >= 1e-6}")


run(main)
