# asyncio.wait(FIRST_EXCEPTION) returns when a task raises (or when all are done); it
# raises nothing itself: the exception stays in the task.
import asyncio

from conformance import log, run, sleep


async def job(name, delay, fail=False):
    await sleep(delay)
    if fail:
        log(f"{name} raises")
        raise ValueError(name)
    log(f"{name} finishes")


async def main():
    tasks = [asyncio.create_task(job("ok", 1), name="ok"),
             asyncio.create_task(job("bad", 2, fail=True), name="bad"),
             asyncio.create_task(job("late", 4), name="late")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    log(f"done {sorted(t.get_name() for t in done)}, pending {sorted(t.get_name() for t in pending)}")
    bad = next(t for t in done if t.get_name() == "bad")
    log(f"bad raised {bad.exception()!r}")
    for t in pending:
        t.cancel()
    done, pending = await asyncio.wait(pending)
    log(f"after cancelling: {[t.cancelled() for t in done]}")


run(main)
