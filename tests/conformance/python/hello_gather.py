# The same two hellos gathered: they overlap, the whole takes the longest one.
import asyncio

from conformance import log, run, sleep


async def say(what, delay):
    await sleep(delay)
    log(what)


async def main():
    log("started")
    await asyncio.gather(say("hello", 1), say("world", 2))
    log("finished")


run(main)
