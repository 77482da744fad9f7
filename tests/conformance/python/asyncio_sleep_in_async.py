# The same with asyncio.sleep: the tasks overlap.
# conformance: unordered-ties (three equal timer deadlines)
import asyncio

from conformance import log, run, sleep


async def polite_say(what, delay):
    await sleep(delay)
    log(what)


async def main():
    await asyncio.gather(polite_say("a", 1), polite_say("b", 1), polite_say("c", 1))
    log("finished")


run(main)
