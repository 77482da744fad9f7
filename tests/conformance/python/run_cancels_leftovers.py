# When main returns, asyncio.run cancels the tasks still running.
import asyncio

from conformance import log, run, sleep


async def forever():
    try:
        while True:
            await sleep(1)
            log("still here")
    except asyncio.CancelledError:
        log("cancelled at shutdown")
        raise


async def main():
    asyncio.create_task(forever())
    await sleep(2.5)
    log("main returns")


run(main)
