# Calling a coroutine function without awaiting it does nothing but warn.
from conformance import log, run, sleep


async def say(what, delay):
    await sleep(delay)
    log(what)


async def main():
    say("never said", 1)
    log("after the forgotten call")
    await say("said", 1)


run(main)
