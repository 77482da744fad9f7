# A plain future: several tasks can await it, done callbacks run one turn after the result
# is set (in the order added), and a callback added afterwards still runs.
import asyncio

from conformance import log, run, sleep


async def awaiter(fut, name):
    log(f"{name} got {await fut}")


def report(fut):
    log(f"callback: result {fut.result()}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(report)
    tasks = [asyncio.create_task(awaiter(fut, n)) for n in ("a", "b")]
    await sleep(1)
    fut.set_result("ready")
    log(f"set; done: {fut.done()}")
    await asyncio.gather(*tasks)
    fut.add_done_callback(lambda f: log("late callback"))
    await asyncio.sleep(0)
    failed = loop.create_future()
    failed.set_exception(ValueError("no luck"))
    try:
        await failed
    except ValueError as e:
        log(f"awaiting raised {e!r}")
    cancelled = loop.create_future()
    cancelled.cancel("never mind")
    try:
        await cancelled
    except asyncio.CancelledError as e:
        log(f"cancelled future raised {e!r}")


run(main)
