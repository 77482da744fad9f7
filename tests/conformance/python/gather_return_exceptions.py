# With return_exceptions every outcome comes back, errors as values.
import asyncio

from conformance import log, run, sleep


async def ok(n, delay):
    await sleep(delay)
    return n


async def fail(delay):
    await sleep(delay)
    raise ValueError("boom")


async def main():
    results = await asyncio.gather(ok(1, 1), fail(2), ok(3, 3), return_exceptions=True)
    for r in results:
        log(f"outcome {r!r}")


run(main)
