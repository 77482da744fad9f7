# create_task does not run the task yet: the creator goes on until it awaits.
import asyncio

from conformance import log, run, sleep


async def work():
    log("task starts")
    await sleep(1)
    log("task ends")
    return 42


async def main():
    task = asyncio.create_task(work())
    log("task created")
    result = await task
    log(f"result {result}")


run(main)
