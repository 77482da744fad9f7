# asyncio.timeout(): the block is cancelled when the deadline passes and TimeoutError
# comes out of it; a block that finishes in time is untouched.
import asyncio

from conformance import UNIT, log, run, sleep


async def main():
    try:
        async with asyncio.timeout(2 * UNIT) as cm:
            log("slow work starts")
            await sleep(5)
            log("not reached")
    except TimeoutError:
        log(f"timed out; expired: {cm.expired()}")
    async with asyncio.timeout(3 * UNIT) as cm:
        await sleep(1)
    log(f"in time; expired: {cm.expired()}")
    log(f"cancelling: {asyncio.current_task().cancelling()}")


run(main)
