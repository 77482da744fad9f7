# gather() of tasks that have already finished: each done callback is queued at once, so
# the results come back two loop turns later (a sleep(0) spinner shows the turns).
import asyncio

from conformance import log, run


async def value(n):
    return n


async def spinner():
    for i in range(4):
        log(f"spin {i}")
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(value(1))
    u = asyncio.create_task(value(2))
    await asyncio.sleep(0)
    log(f"both done: {t.done() and u.done()}")
    s = asyncio.create_task(spinner())
    results = await asyncio.gather(t, u)
    log(f"gathered {results}")
    await s


run(main)
