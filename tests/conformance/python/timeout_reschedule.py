# asyncio.timeout() can move its deadline while the block runs.
import asyncio

from conformance import UNIT, log, run, sleep


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1 * UNIT) as cm:
            cm.reschedule(loop.time() + 3 * UNIT)
            await sleep(2)
            log("still inside after 2")
            await sleep(2)
    except TimeoutError:
        log("timed out at the new deadline")


run(main)
