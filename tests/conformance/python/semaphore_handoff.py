# release() hands the semaphore to the first waiter; a newcomer queues behind it.
import asyncio

from conformance import log, run, sleep


async def user(sem, name, hold):
    log(f"{name} wants it")
    async with sem:
        log(f"{name} has it")
        await sleep(hold)
    log(f"{name} released")


async def main():
    sem = asyncio.Semaphore(1)
    first = asyncio.create_task(user(sem, "first", 2))
    second = asyncio.create_task(user(sem, "second", 1))
    await sleep(1)
    late = asyncio.create_task(user(sem, "late", 1))
    await asyncio.gather(first, second, late)


run(main)
