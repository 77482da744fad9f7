# Condition: a notified waiter needs the lock back before wait() returns; with a spinner
# beside it, the turns each step takes show.
import asyncio

from conformance import log, run


async def waiter(cond):
    async with cond:
        log("waiter waits")
        await cond.wait()
        log("waiter woke holding the lock")


async def spinner():
    for i in range(6):
        log(f"spin {i}")
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    w = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    s = asyncio.create_task(spinner())
    async with cond:
        cond.notify()
        log("notified")
        await asyncio.sleep(0)
        log("releasing")
    await w
    log("waiter done")
    await s


run(main)
