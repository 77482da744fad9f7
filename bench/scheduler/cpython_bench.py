"""The scheduler benchmark's workloads on CPython asyncio (real clock), one per run.

Prints the same `key=value` line as scheduler_bench.cpp. Step counts are defined the same:
(a) sleep(0) resumptions, (b) task steps (start + wake-up), (c) items through the queue.
"""
import asyncio
import resource
import sys
import time


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def uniform(self):
        self.state = (1103515245 * self.state + 12345) % 2**31
        return self.state / 2**31


async def spinner(yields):
    for _ in range(yields):
        await asyncio.sleep(0)


async def workload_a(tasks, yields):
    await asyncio.gather(*(spinner(yields) for _ in range(tasks)))


async def nap(seconds):
    await asyncio.sleep(seconds)


async def workload_b(tasks):
    rng = Lcg(12345)
    await asyncio.gather(*(nap(0.5 * rng.uniform()) for _ in range(tasks)))


async def workload_c(items):
    q = asyncio.Queue(maxsize=100)
    total = 0

    async def producer():
        for i in range(items):
            await q.put(i)

    async def consumer():
        nonlocal total
        for _ in range(items):
            total += await q.get()

    await asyncio.gather(producer(), consumer())
    if total != items * (items - 1) // 2:
        raise SystemExit("queue lost items")


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    tasks_a, yields_a = int(1000 * scale), 1000
    tasks_b = int(100000 * scale)
    items_c = int(1000000 * scale)
    if which == "a":
        coro, steps = workload_a(tasks_a, yields_a), tasks_a * yields_a
    elif which == "b":
        coro, steps = workload_b(tasks_b), 2 * tasks_b
    elif which == "c":
        coro, steps = workload_c(items_c), items_c
    else:
        raise SystemExit("usage: cpython_bench.py a|b|c [scale]")
    start = time.perf_counter()
    asyncio.run(coro)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"workload={which} steps={steps} seconds={seconds:.4f} steps_s={steps / seconds:.0f} "
          f"peak_mb={peak_mb:.1f}")


if __name__ == "__main__":
    main()
