# wait_for returns the result when it comes before the timeout.
import asyncio

from conformance import UNIT, log, run, sleep


async def quick():
    await sleep(1)
    return "quick result"


async def main():
    result = await asyncio.wait_for(quick(), timeout=3 * UNIT)
    log(result)


run(main)
