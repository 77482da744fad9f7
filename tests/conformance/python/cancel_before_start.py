# A task cancelled before its first step never runs a line of its body.
import asyncio

from conformance import log, run


async def body():
    log("body runs")


async def main():
    task = asyncio.create_task(body())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log(f"cancelled before start: {task.cancelled()}")


run(main)
