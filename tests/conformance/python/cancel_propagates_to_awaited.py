# Cancelling a task that awaits another task cancels the awaited one too.
import asyncio

from conformance import log, run, sleep


async def inner():
    try:
        await sleep(10)
    except asyncio.CancelledError:
        log("inner cancelled")
        raise


async def outer(task):
    try:
        await task
    except asyncio.CancelledError:
        log("outer cancelled")
        raise


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await sleep(1)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        log(f"inner cancelled: {i.cancelled()}, outer cancelled: {o.cancelled()}")


run(main)
