# wait_for() on a task that has already finished returns at once (two loop turns), not
# when its timeout would fire.
import asyncio

from conformance import UNIT, log, run


async def value(n):
    return n


async def spinner():
    for i in range(4):
        log(f"spin {i}")
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(value(7))
    await asyncio.sleep(0)
    s = asyncio.create_task(spinner())
    result = await asyncio.wait_for(t, 5 * UNIT)
    log(f"wait_for returned {result}")
    await s


run(main)
