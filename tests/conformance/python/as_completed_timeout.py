# as_completed with a timeout: what finishes in time comes out; the next await raises TimeoutError.
import asyncio

from conformance import UNIT, log, run, sleep


async def job(name, delay):
    await sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in (("quick", 1), ("slow", 5))]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=2 * UNIT):
            log(f"got {await next_done}")
    except asyncio.TimeoutError:
        log("timed out waiting for the rest")
    log(f"slow still running: {not tasks[1].done()}")
    tasks[1].cancel()


run(main)
