# A failed task nobody holds is reported at once; one whose exception was looked at is not.
import asyncio

from conformance import log, run, sleep


async def fail(what, delay=1):
    await sleep(delay)
    raise ValueError(what)


async def main():
    asyncio.create_task(fail("nobody holds me"))
    looked_at = asyncio.create_task(fail("looked at", 1.5))
    await sleep(2)
    log(f"exception: {looked_at.exception()!r}")
    del looked_at
    log("main returns")


run(main)
