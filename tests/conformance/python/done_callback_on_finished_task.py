# A done callback added to a task that has already finished is scheduled at once (it runs
# on the next loop turn), not stored and forgotten.
import asyncio

from conformance import log, run


async def value(n):
    return n


def announce(task):
    log(f"callback sees {task.result()}")


async def main():
    t = asyncio.create_task(value(3))
    await asyncio.sleep(0)
    t.add_done_callback(announce)
    log("callback added")
    await asyncio.sleep(0)
    log("one turn later")


run(main)
