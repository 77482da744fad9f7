# Two hellos awaited one after the other: the second starts when the first is done.
from conformance import log, run, sleep


async def say(what, delay):
    await sleep(delay)
    log(what)


async def main():
    log("started")
    await say("hello", 1)
    await say("world", 2)
    log("finished")


run(main)
