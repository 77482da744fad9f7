# Blocking work moved to a thread: the loop keeps ticking meanwhile.
import asyncio
import time

from conformance import UNIT, log, run, sleep


async def ticker():
    for i in range(4):
        await sleep(1)
        log(f"tick {i + 1}")


async def offloaded():
    log("work submitted")
    await asyncio.to_thread(time.sleep, 2.5 * UNIT)
    log("work done")


async def main():
    await asyncio.gather(offloaded(), ticker())


run(main)
