# shield(): cancelling the task that awaits it does not cancel the shielded task.
import asyncio

from conformance import log, run, sleep


async def precious():
    await sleep(2)
    log("precious work completes")
    return 42


async def waiter(task):
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        log("waiter cancelled; the shielded task goes on")
        raise


async def main():
    inner = asyncio.create_task(precious())
    w = asyncio.create_task(waiter(inner))
    await sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        log(f"waiter cancelled: {w.cancelled()}, inner cancelled: {inner.cancelled()}")
    log(f"inner result {await inner}")
    log(f"shield of a finished task: {await asyncio.shield(inner)}")


run(main)
