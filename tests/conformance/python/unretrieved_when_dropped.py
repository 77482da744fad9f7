# "Task exception was never retrieved" is logged when the last reference to a failed,
# unawaited task goes away, not when it fails.
import asyncio

from conformance import log, run, sleep


async def fail():
    await sleep(1)
    raise RuntimeError("nobody asked")


async def main():
    kept = asyncio.create_task(fail())
    await sleep(2)
    log(f"failed: {kept.done()}; dropping the last reference")
    del kept
    log("after del")
    await sleep(1)
    log("main returns")


run(main)
