# A bounded queue (maxsize 2), two producers and one consumer, with seeded random delays.
# The seeds are chosen so that no two timers fall due at the same instant (CPython would
# not define their order, and the rest of the run would depend on it).
import asyncio

from conformance import Lcg, log, run, sleep


async def producer(queue, name, rng, count):
    for i in range(count):
        await sleep(rng.randint(1, 4) / 2)
        item = f"{name}{i}"
        await queue.put(item)
        log(f"put {item} (size {queue.qsize()})")


async def consumer(queue, rng, count):
    for _ in range(count):
        item = await queue.get()
        log(f"got {item}")
        await sleep(rng.randint(1, 6) / 2)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(
        producer(queue, "a", Lcg(161), 5),
        producer(queue, "b", Lcg(1161), 5),
        consumer(queue, Lcg(2161), 10),
    )
    log("all consumed")


run(main)
