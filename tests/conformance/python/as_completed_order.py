# as_completed yields results in the order the tasks finish.
import asyncio

from conformance import log, run, sleep


async def job(name, delay):
    await sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in (("c", 3), ("a", 1), ("b", 2))]
    for next_done in asyncio.as_completed(tasks):
        log(f"got {await next_done}")


run(main)
