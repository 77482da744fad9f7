# An exception raised in a task reaches whoever awaits it.
import asyncio

from conformance import log, run, sleep


async def faulty():
    await sleep(1)
    raise RuntimeError("task failed")


async def main():
    task = asyncio.create_task(faulty())
    try:
        await task
    except RuntimeError as e:
        log(f"caught {e!r}")
    log(f"task done: {task.done()}, cancelled: {task.cancelled()}")


run(main)
