# Barrier.abort(): the tasks waiting at the barrier, and any that come later, get BrokenBarrierError.
import asyncio

from conformance import log, run, sleep


async def runner(barrier, name):
    try:
        await barrier.wait()
        log(f"{name} passed")
    except asyncio.BrokenBarrierError:
        log(f"{name}: barrier broken")


async def main():
    barrier = asyncio.Barrier(3)
    a = asyncio.create_task(runner(barrier, "a"))
    await sleep(1)
    await barrier.abort()
    log("aborted")
    await runner(barrier, "late")
    await a


run(main)
