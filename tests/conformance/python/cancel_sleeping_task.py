# cancel() raises CancelledError inside the task, at the await it is suspended on.
import asyncio

from conformance import log, run, sleep


async def sleeper():
    try:
        log("sleeping")
        await sleep(10)
        log("not reached")
    except asyncio.CancelledError:
        log("cancelled while sleeping")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log(f"task cancelled: {task.cancelled()}")


run(main)
