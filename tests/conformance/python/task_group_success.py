# TaskGroup: the block waits for every task created in it.
import asyncio

from conformance import log, run, sleep


async def job(name, delay):
    await sleep(delay)
    log(f"{name} done")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 2))
        b = tg.create_task(job("b", 1))
        log("tasks created")
    log(f"after the block: {a.result()}, {b.result()}")


run(main)
