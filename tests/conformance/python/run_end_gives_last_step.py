# asyncio.run stops the loop at the end of the turn after main finishes: a task main
# created or woke in its last step still takes that step before the leftovers are
# cancelled (its first line prints; its finally runs on the cancellation).
import asyncio

from conformance import log, run, sleep


async def late():
    try:
        log("late task starts")
        await sleep(1)
        log("late task not reached")
    finally:
        log("late task's finally")


async def woken(event):
    await event.wait()
    log("woken task runs")


async def main():
    event = asyncio.Event()
    asyncio.create_task(woken(event))
    await sleep(1)
    asyncio.create_task(late())
    event.set()
    log("main returns")


run(main)
