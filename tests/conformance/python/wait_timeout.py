# asyncio.wait with a timeout returns what is done by then and raises no TimeoutError.
import asyncio

from conformance import UNIT, log, run, sleep


async def job(delay):
    await sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d)) for d in (1, 3)]
    done, pending = await asyncio.wait(tasks, timeout=1.5 * UNIT)
    log(f"after the timeout: {len(done)} done, {len(pending)} pending")
    await asyncio.wait(pending)
    log("all done")


run(main)
