# Without return_exceptions the first error reaches the awaiter; the others keep running.
import asyncio

from conformance import log, run, sleep


async def ok(n, delay):
    await sleep(delay)
    log(f"ok {n}")
    return n


async def fail(delay):
    await sleep(delay)
    log("failing")
    raise ValueError("boom")


async def main():
    try:
        await asyncio.gather(ok(1, 1), fail(2), ok(3, 3))
    except ValueError as e:
        log(f"caught {e!r}")
    await sleep(2)
    log("finished")


run(main)
