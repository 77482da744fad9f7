# sleep(0) gives the loop a turn: three tasks interleave round-robin.
import asyncio

from conformance import log, run


async def ticker(name, times):
    for i in range(times):
        log(f"{name}{i}")
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(ticker("a", 3), ticker("b", 3), ticker("c", 3))
    log("finished")


run(main)
