# cancel(msg): the message travels with the CancelledError to the task and to whoever awaits it.
import asyncio

from conformance import log, run, sleep


async def sleeper():
    try:
        await sleep(10)
    except asyncio.CancelledError as e:
        log(f"sleeper sees {e!r}")
        raise


async def main():
    t = asyncio.create_task(sleeper())
    await sleep(1)
    t.cancel("shutting down")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"awaiter sees {e!r}")
    u = asyncio.create_task(sleeper())
    u.cancel("before it started")
    try:
        await u
    except asyncio.CancelledError as e:
        log(f"awaiter sees {e!r}")


run(main)
