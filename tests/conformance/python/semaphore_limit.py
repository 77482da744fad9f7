# A semaphore of 10 lets 100 tasks through ten at a time.
# conformance: unordered-ties (each wave's ten equal timer deadlines)
import asyncio

from conformance import log, run, sleep

inside = 0
peak = 0


async def limited(sem, n):
    global inside, peak
    async with sem:
        inside += 1
        peak = max(peak, inside)
        log(f"start {n}")
        await sleep(1)
        inside -= 1


async def main():
    sem = asyncio.Semaphore(10)
    await asyncio.gather(*(limited(sem, n) for n in range(100)))
    log(f"peak {peak}")


run(main)
