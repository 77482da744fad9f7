# LifoQueue hands out the most recently added item first; a full one makes put() wait.
import asyncio

from conformance import log, run, sleep


async def producer(q):
    for i in range(5):
        await q.put(i)
        log(f"put {i}")


async def main():
    q = asyncio.LifoQueue(maxsize=3)
    p = asyncio.create_task(producer(q))
    await sleep(1)
    while not q.empty():
        log(f"got {await q.get()}")
        await sleep(1)
    await p


run(main)
