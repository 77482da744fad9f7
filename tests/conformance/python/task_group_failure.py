# TaskGroup: when one task fails, its siblings and the block's body are cancelled, and
# the failure comes out as an ExceptionGroup. (One sibling only: the group cancels its
# tasks in the order of a set, which CPython leaves undefined.)
import asyncio

from conformance import log, run, sleep


async def sibling(name):
    try:
        await sleep(5)
    except asyncio.CancelledError:
        log(f"{name} cancelled")
        raise


async def crash():
    await sleep(1)
    log("crash raises")
    raise ValueError("crashed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("sibling"))
            tg.create_task(crash())
            try:
                await sleep(10)
            except asyncio.CancelledError:
                log("the body is cancelled too")
                raise
    except* ValueError as eg:
        log(f"caught {type(eg).__name__}: {[repr(e) for e in eg.exceptions]}")
    log(f"cancelling: {asyncio.current_task().cancelling()}")


run(main)
