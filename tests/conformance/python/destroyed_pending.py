# A task created while asyncio.run cancels the leftovers is not cancelled itself: it is
# still pending when the loop closes and is destroyed with it ("Task was destroyed but
# it is pending!"); closing its coroutine runs its finally.
import asyncio

from conformance import log, run, sleep


async def cleanup():
    try:
        log("cleanup starts")
        await sleep(5)
        log("cleanup not reached")
    finally:
        log("cleanup's finally")


async def worker():
    try:
        await sleep(10)
    finally:
        log("worker cancelled; starting cleanup")
        asyncio.create_task(cleanup(), name="cleanup")


async def main():
    asyncio.create_task(worker())
    await sleep(1)
    log("main returns")


run(main)
