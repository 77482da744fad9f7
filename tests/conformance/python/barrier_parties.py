# Barrier: tasks wait until `parties` of them have arrived, then all go on together;
# wait() returns each one's arrival index.
import asyncio

from conformance import log, run, sleep


async def runner(barrier, name, delay):
    await sleep(delay)
    log(f"{name} arrives ({barrier.n_waiting} waiting)")
    index = await barrier.wait()
    log(f"{name} passes with index {index}")


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(runner(barrier, n, d) for n, d in (("a", 1), ("b", 2), ("c", 3))))
    log(f"broken: {barrier.broken}, waiting: {barrier.n_waiting}")


run(main)
