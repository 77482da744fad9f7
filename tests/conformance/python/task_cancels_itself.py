# A task that cancels itself and returns without awaiting again ends cancelled: its
# return value is dropped and awaiting it raises CancelledError.
import asyncio

from conformance import log, run


async def quitter():
    asyncio.current_task().cancel()
    log("cancel requested, returning 5")
    return 5


async def main():
    t = asyncio.create_task(quitter())
    try:
        result = await t
        log(f"got {result}")
    except asyncio.CancelledError:
        log(f"awaiting raised CancelledError; cancelled: {t.cancelled()}")


run(main)
