# Condition: wait() releases the lock until notified, then takes it back; notify(n) wakes
# n waiters in the order they waited, notify_all() the rest; wait_for() loops on a predicate.
import asyncio

from conformance import log, run, sleep


async def consumer(cond, name, box):
    async with cond:
        log(f"{name} waits")
        await cond.wait_for(lambda: box)
        log(f"{name} takes {box.pop()}")


async def main():
    cond = asyncio.Condition()
    box = []
    tasks = [asyncio.create_task(consumer(cond, n, box)) for n in ("a", "b", "c")]
    await sleep(1)
    async with cond:
        box.append(1)
        cond.notify()
        log("notified one; still holding the lock")
        await sleep(1)
    log("released")
    await sleep(1)
    async with cond:
        box.extend([2, 3])
        cond.notify_all()
        log("notified all")
    await asyncio.gather(*tasks)


run(main)
