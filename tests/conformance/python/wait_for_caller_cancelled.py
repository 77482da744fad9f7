# Cancelling the task that sits in wait_for cancels the work it waits for.
import asyncio

from conformance import UNIT, log, run, sleep


async def work():
    try:
        await sleep(10)
    except asyncio.CancelledError:
        log("work cancelled")
        raise


async def caller():
    try:
        await asyncio.wait_for(work(), timeout=5 * UNIT)
    except asyncio.CancelledError:
        log("caller cancelled")
        raise


async def main():
    task = asyncio.create_task(caller())
    await sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log("main saw the cancellation")


run(main)
