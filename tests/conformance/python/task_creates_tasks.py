# A task that creates tasks: children start after their parent yields, in creation order.
import asyncio

from conformance import log, run, sleep


async def grandchild(name, delay):
    log(f"{name} runs")
    await sleep(delay)
    log(f"{name} done")


async def child(name, base):
    log(f"{name} starts")
    kids = [asyncio.create_task(grandchild(f"{name}.{i}", base + i)) for i in range(2)]
    log(f"{name} spawned")
    for k in kids:
        await k
    log(f"{name} done")


async def main():
    parent = [asyncio.create_task(child(f"c{i}", 1 + 0.5 * i)) for i in range(2)]
    log("main spawned")
    await asyncio.sleep(0)
    log("main resumed")
    for p in parent:
        await p


run(main)
