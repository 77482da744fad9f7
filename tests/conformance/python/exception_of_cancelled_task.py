# Task.exception() and Task.result() of a cancelled task raise CancelledError.
import asyncio

from conformance import log, run, sleep


async def sleeper():
    await sleep(10)


async def main():
    t = asyncio.create_task(sleeper())
    await sleep(1)
    t.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log(f"cancelled: {t.cancelled()}")
    try:
        t.exception()
        log("exception() returned")
    except asyncio.CancelledError:
        log("exception() raised CancelledError")
    try:
        t.result()
        log("result() returned")
    except asyncio.CancelledError:
        log("result() raised CancelledError")


run(main)
