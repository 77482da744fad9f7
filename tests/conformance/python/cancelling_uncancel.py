# cancelling() counts the cancel() requests a task has had; uncancel() takes one back, so
# a task that caught its cancellation can tell whether another one is still pending.
import asyncio

from conformance import log, run, sleep


async def stubborn():
    me = asyncio.current_task()
    for attempt in range(2):
        try:
            await sleep(10)
        except asyncio.CancelledError:
            log(f"caught a cancellation, cancelling() = {me.cancelling()}")
            left = me.uncancel()
            log(f"uncancel() -> {left}")
    log("done after two cancellations")
    return "survived"


async def main():
    t = asyncio.create_task(stubborn())
    await sleep(1)
    t.cancel()
    t.cancel()
    log(f"two cancel() calls: cancelling() = {t.cancelling()}")
    await sleep(1)
    t.cancel()
    log(f"result {await t}")


run(main)
