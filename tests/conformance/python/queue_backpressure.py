# A full queue makes the producer wait for the consumer.
import asyncio

from conformance import log, run, sleep


async def produce(queue):
    for i in range(4):
        await queue.put(i)
        log(f"put {i}")


async def consume(queue):
    for _ in range(4):
        item = await queue.get()
        log(f"got {item}")
        await sleep(1)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(produce(queue))
    c = asyncio.create_task(consume(queue))
    await p
    await c


run(main)
