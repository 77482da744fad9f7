"""Shared helpers for the CPython side of the differential conformance suite.

Every scenario prints a canonical log, one line per event: `<time in units> <task> <text>`.
Time is measured on the real clock from the start of main, in units of UNIT seconds, so
the same scenario on LoopLab's virtual clock (where one unit is one virtual second) can be
compared line by line.
"""
import asyncio
import gc
import os
import sys
import time
import warnings

UNIT = float(os.environ.get("LOOPLAB_CONFORMANCE_UNIT", "0.1"))
_t0 = None


def log(text):
    elapsed = (time.monotonic() - _t0) / UNIT
    task = asyncio.current_task() if _loop_running() else None
    who = task.get_name() if task is not None else "-"
    sys.stdout.write(f"{elapsed:.3f} {who} {text}\n")
    sys.stdout.flush()


def _loop_running():
    try:
        asyncio.get_running_loop()
        return True
    except RuntimeError:
        return False


async def sleep(units):
    """asyncio.sleep, in units."""
    await asyncio.sleep(units * UNIT)


def block(units):
    """time.sleep, in units: the blocking call done wrong inside async def."""
    time.sleep(units * UNIT)


class Lcg:
    """The same tiny linear congruential generator as the C++ scenarios (scenarios.hpp)."""

    def __init__(self, seed):
        self.state = seed % 2**31

    def next(self):
        self.state = (1103515245 * self.state + 12345) % 2**31
        return self.state

    def randint(self, lo, hi):
        return lo + (self.next() >> 16) % (hi - lo + 1)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    log(f"warning: {message}")


def _report_error(loop, context):
    """The loop's exception handler: what CPython would log, as one canonical line."""
    text = f"error: {context['message']}"
    task = context.get("task") or context.get("future")
    if isinstance(task, asyncio.Task):
        text += f" [{task.get_name()}]"
    if context.get("exception") is not None:
        text += f": {context['exception']!r}"
    log(text)


def run(main):
    """asyncio.run(main()), with time starting when main starts.

    Errors the loop reports (a task exception never retrieved, a task destroyed while
    pending, an exception raised during asyncio.run's shutdown) are logged as lines. The
    garbage collector runs once after asyncio.run, so a pending task left over from the
    shutdown is destroyed (and reported) at a known point rather than whenever gc runs.
    """
    warnings.showwarning = _show_warning
    warnings.simplefilter("always", RuntimeWarning)

    async def timed():
        global _t0
        _t0 = time.monotonic()
        asyncio.get_running_loop().set_exception_handler(_report_error)
        await main()

    asyncio.run(timed())
    gc.collect()
