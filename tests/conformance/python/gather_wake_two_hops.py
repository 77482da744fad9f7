# When the last child finishes, gather's callback runs one iteration later and the awaiter
# one more iteration after that: a sleep(0) spinner shows the exact interleaving.
import asyncio

from conformance import log, run


async def child():
    await asyncio.sleep(0)
    log("child done")


async def spinner():
    for i in range(6):
        log(f"spin {i}")
        await asyncio.sleep(0)


async def main():
    g = asyncio.gather(child())
    s = asyncio.create_task(spinner())
    await g
    log("gathered")
    await s


run(main)
