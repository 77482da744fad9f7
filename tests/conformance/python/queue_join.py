# Queue.join waits until every item has been marked done by the workers.
import asyncio

from conformance import log, run, sleep


async def worker(queue, name):
    while True:
        item = await queue.get()
        log(f"{name} takes {item}")
        await sleep(item)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for item in (3, 1, 1, 2):
        queue.put_nowait(item)
    workers = [asyncio.create_task(worker(queue, f"w{i}")) for i in range(2)]
    await queue.join()
    log("all items done")
    for w in workers:
        w.cancel()


run(main)
