# asyncio.timeout() with a deadline already past (timeout(0), or rescheduled into the past)
# expires on the next loop turn, ahead of the block's own next step: the block's first
# await raises, even a sleep(0).
import asyncio

from conformance import UNIT, log, run, sleep


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
            log("not reached: the block ran on past its deadline")
    except TimeoutError:
        log("timeout(0) expired at the block's first await")
    try:
        async with asyncio.timeout(5 * UNIT) as cm:
            await sleep(1)
            cm.reschedule(loop.time() - 1 * UNIT)
            log(f"rescheduled into the past; expired yet: {cm.expired()}")
            await asyncio.sleep(0)
            log("not reached either")
    except TimeoutError:
        log(f"timed out; expired: {cm.expired()}")


run(main)
