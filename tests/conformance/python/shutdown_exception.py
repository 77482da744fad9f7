# A leftover task that raises while asyncio.run cancels it: once the leftovers have all
# finished, the loop reports "unhandled exception during asyncio.run() shutdown".
# (One leftover only: CPython cancels them in the order of a set, which is undefined.)
import asyncio

from conformance import log, run, sleep


async def stubborn():
    try:
        await sleep(10)
    except asyncio.CancelledError:
        log("stubborn cancelled, raising instead")
        raise RuntimeError("failed while shutting down")


async def main():
    asyncio.create_task(stubborn(), name="stubborn")
    await sleep(1)
    log("main returns")


run(main)
