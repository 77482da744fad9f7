# asyncio.sleep(delay, result) returns `result` when it wakes.
import asyncio

from conformance import UNIT, log, run


async def main():
    log(f"got {await asyncio.sleep(1 * UNIT, 'wake up')!r}")
    log(f"got {await asyncio.sleep(0, 42)!r}")


run(main)
