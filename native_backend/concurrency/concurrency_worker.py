"""The worker script behind GET /runs/concurrency (lesson threads-processes-coroutines).

The backend starts it as `python3 -I concurrency_worker.py --variant ... ` with
parameters it has already validated (never code or text from a client), in a process
group of its own, and reads its stdout: one JSON object per line,
  {"type":"hello","python":"3.11.2"}
  {"type":"workers","events":[{"w":0,"kind":"start","t":0.001}, ...]}   at most every 50 ms
  {"type":"done","wall_seconds":3.02}
  {"type":"failed","sentence":"..."}
t is seconds since the run started (CLOCK_MONOTONIC, shared by every process); cpu
(on "end") is the CPU time of the worker's own code: the thread's CPU clock for a
thread or a pool job; for a coroutine the CPU clock around its is_prime calls (the
time it held the loop, and so the GIL). A thread's wall time in is_prime beyond its
CPU time is time it waited for the GIL. Standard library only.
"""
import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time

RUN_STARTED = time.monotonic()
REPORT_EVERY = 0.05
EVENTS = None  # a queue.SimpleQueue, or a multiprocessing queue for the process variants


def is_prime(n):
    """The seed's function, as it wrote it: counts down from n - 1 to the first divisor."""
    for i in range(n - 1, 0, -1):
        if n % i == 0:
            return True
    return False


def now():
    return round(time.monotonic() - RUN_STARTED, 6)


def report(worker, kind, cpu=None):
    event = {"w": worker, "kind": kind, "t": now()}
    if cpu is not None:
        event["cpu"] = round(cpu, 6)
    EVENTS.put(event)


def write_line(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


# --- the work, blocking (threads and pool jobs) --------------------------------------

def get_blocking(connection, seconds):
    connection.request("GET", f"/delay-me?seconds={seconds}")
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"/delay-me answered {response.status}")


def blocking_work(worker, options):
    report(worker, "start")
    cpu_started = time.thread_time()
    workload = options.workload
    if workload == "sleep":
        time.sleep(options.seconds)
    elif workload == "prime":
        is_prime(options.prime)
    elif workload == "sleep-prime":
        time.sleep(options.seconds)
        is_prime(options.prime)
    else:  # http, mix: one kept-alive connection, requests one after the other (as requests.Session)
        connection = http.client.HTTPConnection(options.host, options.port, timeout=60)
        try:
            if workload == "http":
                get_blocking(connection, options.seconds)
            else:
                is_prime(options.prime)
                for _ in range(options.requests):
                    get_blocking(connection, options.seconds)
                is_prime(options.prime)
        finally:
            connection.close()
    report(worker, "end", time.thread_time() - cpu_started)


# --- the work, as coroutines --------------------------------------------------------

async def get_async(options):
    reader, writer = await asyncio.open_connection(options.host, options.port)
    try:
        writer.write(f"GET /delay-me?seconds={options.seconds} HTTP/1.1\r\nHost: {options.host}:{options.port}\r\n"
                     "Connection: close\r\n\r\n".encode())
        await writer.drain()
        reply = await reader.read()  # to the end: Connection: close
    finally:
        writer.close()
    status = reply.split(b"\r\n", 1)[0]
    if not status.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"/delay-me answered {status.decode(errors='replace')!r}")


def timed_prime(n):
    started = time.thread_time()
    is_prime(n)
    return time.thread_time() - started


async def coroutine_work(worker, options):
    report(worker, "start")
    cpu = 0.0
    workload = options.workload
    if workload in ("sleep", "sleep-prime"):
        await asyncio.sleep(options.seconds)
    if workload in ("prime", "sleep-prime", "mix"):
        cpu += timed_prime(options.prime)
    if workload == "http":
        await get_async(options)
    if workload == "mix":
        await asyncio.gather(*(get_async(options) for _ in range(options.requests)))
        cpu += timed_prime(options.prime)
    report(worker, "end", cpu)


async def event_loop_of(workers, options):
    await asyncio.gather(*(coroutine_work(worker, options) for worker in workers))


# --- the variants ---------------------------------------------------------------------

def run_threads(options):
    threading.stack_size(512 * 1024)  # 4,000 threads x 8 MiB default stacks is 32 GiB of address space
    threads = [threading.Thread(target=blocking_work, args=(i, options), daemon=True) for i in range(options.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def pool_child_setup(events, options):
    global EVENTS, OPTIONS
    EVENTS, OPTIONS = events, options


def pool_job(worker):
    blocking_work(worker, OPTIONS)


def loop_job(workers):
    asyncio.run(event_loop_of(workers, OPTIONS))


def run_pool(options, job, items):
    with multiprocessing.Pool(options.processes, initializer=pool_child_setup, initargs=(EVENTS, options)) as pool:
        pool.map(job, items, chunksize=1)
        pool.close()
        pool.join()


def run(options):
    if options.variant == "threads":
        run_threads(options)
    elif options.variant == "asyncio":
        asyncio.run(event_loop_of(range(options.workers), options))
    elif options.variant == "pool":
        run_pool(options, pool_job, range(options.workers))
    else:  # loops: the coroutines dealt out to the processes in turn, one event loop each
        shares = [list(range(p, options.workers, options.processes)) for p in range(options.processes)]
        run_pool(options, loop_job, shares)


# --- reporting and safety -----------------------------------------------------------

def drain():
    events = []
    while True:
        try:
            events.append(EVENTS.get_nowait())
        except queue.Empty:
            return events


def reporter(finished):
    while not finished.wait(REPORT_EVERY):
        events = drain()
        if events:
            write_line({"type": "workers", "events": sorted(events, key=lambda e: e["t"])})


def die_with_backend(backend):
    """The backend kills our process group when a run stops; should the backend itself
    die without doing so, the group ends itself rather than run on unowned."""
    while True:
        time.sleep(0.25)
        if os.getppid() != backend:
            os.killpg(0, signal.SIGKILL)


def main():
    global EVENTS
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", choices=["threads", "pool", "asyncio", "loops"], required=True)
    parser.add_argument("--workload", choices=["sleep", "http", "prime", "sleep-prime", "mix"], required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--prime", type=int, default=16769823)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()

    threading.Thread(target=die_with_backend, args=(os.getppid(),), daemon=True).start()
    multiprocessing.set_start_method("fork")
    EVENTS = multiprocessing.Queue() if options.variant in ("pool", "loops") else queue.SimpleQueue()
    write_line({"type": "hello", "python": ".".join(map(str, sys.version_info[:3]))})
    finished = threading.Event()
    writer = threading.Thread(target=reporter, args=(finished,))
    global RUN_STARTED
    RUN_STARTED = time.monotonic()  # the pool's process start-up counts: the seed's is_prime figure includes it
    writer.start()
    try:
        run(options)
        wall = time.monotonic() - RUN_STARTED
        failure = None
    except Exception as error:  # one sentence for the page; the run is over either way
        failure = f"The worker script failed: {type(error).__name__}: {error}"
    finished.set()
    writer.join()
    events = drain()
    if events:
        write_line({"type": "workers", "events": sorted(events, key=lambda e: e["t"])})
    write_line({"type": "failed", "sentence": failure} if failure else {"type": "done", "wall_seconds": round(wall, 6)})


if __name__ == "__main__":
    main()
