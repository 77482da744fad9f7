# wait_for gives up at the timeout: the work is cancelled, the caller gets TimeoutError.
import asyncio

from conformance import UNIT, log, run, sleep


async def slow():
    try:
        await sleep(5)
        return "slow result"
    except asyncio.CancelledError:
        log("slow cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=2 * UNIT)
    except asyncio.TimeoutError:
        log("timed out")


run(main)
