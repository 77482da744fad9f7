# Event.set() wakes every waiter, in the order they started waiting.
import asyncio

from conformance import log, run, sleep


async def waiter(event, name):
    log(f"{name} waits")
    await event.wait()
    log(f"{name} woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("a", "b", "c")]
    await sleep(2)
    log("setting")
    event.set()
    for t in tasks:
        await t
    await event.wait()
    log("already set: no wait")


run(main)
