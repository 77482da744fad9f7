# Five sleeps of 3 units gathered: all end at 3, not 15.
# conformance: unordered-ties (five equal timer deadlines: CPython's order among them is undefined)
import asyncio

from conformance import log, run, sleep


async def sleeper(n):
    log(f"sleeper {n} starts")
    await sleep(3)
    log(f"sleeper {n} wakes")
    return n


async def main():
    results = await asyncio.gather(*(sleeper(n) for n in range(5)))
    log(f"results {results}")


run(main)
