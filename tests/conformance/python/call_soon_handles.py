# call_soon / call_later / call_at return handles; a cancelled one never runs.
import asyncio

from conformance import UNIT, log, run, sleep


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "soon 1")
    dropped = loop.call_soon(log, "dropped")
    loop.call_soon(log, "soon 2")
    dropped.cancel()
    later = loop.call_later(2 * UNIT, log, "later at 2")
    never = loop.call_later(1 * UNIT, log, "never")
    at = loop.call_at(loop.time() + 3 * UNIT, log, "at 3")
    log(f"handles made; never cancelled: {never.cancelled()}")
    never.cancel()
    log(f"now cancelled: {never.cancelled()}")
    await asyncio.sleep(0)
    log("after one turn")
    await sleep(4)
    log(f"later cancelled: {later.cancelled()}, at cancelled: {at.cancelled()}")


run(main)
