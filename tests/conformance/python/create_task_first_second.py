# The docs' example: say('first hello', 2) and say('second hello', 1) as tasks.
import asyncio

from conformance import log, run, sleep


async def say(what, delay):
    await sleep(delay)
    log(what)


async def main():
    task1 = asyncio.create_task(say("first hello", 2))
    task2 = asyncio.create_task(say("second hello", 1))
    log("tasks created")
    await task1
    await task2
    log("finished")


run(main)
