# BoundedSemaphore refuses a release beyond its initial value.
import asyncio

from conformance import log, run, sleep


async def user(sem, name, hold):
    async with sem:
        log(f"{name} in")
        await sleep(hold)
    log(f"{name} out")


async def main():
    sem = asyncio.BoundedSemaphore(2)
    await asyncio.gather(user(sem, "a", 1), user(sem, "b", 1.5), user(sem, "c", 1))
    try:
        sem.release()
        log("released once more")
    except ValueError as e:
        log(f"ValueError: {e}")


run(main)
