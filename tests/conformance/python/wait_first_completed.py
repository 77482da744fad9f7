# asyncio.wait(FIRST_COMPLETED) returns as soon as one task is done; the rest stay pending.
import asyncio

from conformance import log, run, sleep


async def job(name, delay):
    await sleep(delay)
    log(f"{name} finishes")
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in (("slow", 3), ("quick", 1), ("middle", 2))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    log(f"done {sorted(t.get_name() for t in done)}, pending {sorted(t.get_name() for t in pending)}")
    done, pending = await asyncio.wait(pending)
    log(f"then done {sorted(t.result() for t in done)}, pending {len(pending)}")


run(main)
