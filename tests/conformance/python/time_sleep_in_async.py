# time.sleep inside async def holds the loop: gathered tasks run one after the other.
import asyncio

from conformance import block, log, run


async def blocking_say(what, delay):
    block(delay)
    log(what)


async def main():
    await asyncio.gather(blocking_say("a", 1), blocking_say("b", 1), blocking_say("c", 1))
    log("finished")


run(main)
