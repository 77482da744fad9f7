# PriorityQueue hands out the smallest item first; a consumer waiting on it wakes for the first put.
import asyncio

from conformance import log, run, sleep


async def consumer(q, count):
    for _ in range(count):
        priority, what = await q.get()
        log(f"got {what} (priority {priority})")
        q.task_done()
        await sleep(1)


async def main():
    q = asyncio.PriorityQueue()
    c = asyncio.create_task(consumer(q, 5))
    await sleep(0.5)
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent"), (5, "whenever")]:
        q.put_nowait(item)
    log(f"queued {q.qsize()}")
    await q.join()
    log("all handled")
    await c


run(main)
