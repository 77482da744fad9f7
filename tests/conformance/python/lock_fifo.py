# A lock lets one task in at a time, in arrival order.
import asyncio

from conformance import log, run, sleep


async def critical(lock, name):
    log(f"{name} wants the lock")
    async with lock:
        log(f"{name} in")
        await sleep(1)
        log(f"{name} out")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(critical(lock, "a"), critical(lock, "b"), critical(lock, "c"))


run(main)
