# TaskGroup: failures that happen before the siblings are cancelled are all collected.
# conformance: unordered-ties (both tasks fail at the same instant; the result is sorted)
import asyncio

from conformance import log, run, sleep


async def crash(what):
    await sleep(1)
    raise ValueError(what)


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash("first"))
            tg.create_task(crash("second"))
    except ExceptionGroup as eg:
        log(f"{eg}: {sorted(repr(e) for e in eg.exceptions)}")


run(main)
