# A timer that falls due while the loop is blocked fires only after the block.
import asyncio

from conformance import block, log, run, sleep


async def punctual():
    await sleep(0.5)
    log("timer due at 0.5")


async def main():
    task = asyncio.create_task(punctual())
    await asyncio.sleep(0)
    log("blocking")
    block(2)
    log("block over")
    await task


run(main)
