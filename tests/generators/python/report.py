"""Shared by the generator scenarios: how a scenario shows a generator's state and an error.

The C++ side (tests/generators/scenarios_*.cpp) prints the same texts from the model.
"""
import inspect


def state(name, g):
    """The generator's state, and the line of the script it is paused on when suspended."""
    s = inspect.getgeneratorstate(g)
    if s == inspect.GEN_SUSPENDED:
        print(f"{name}: {s} at line {g.gi_frame.f_lineno}")
    else:
        print(f"{name}: {s}")
    # Inside a yield from, the generator it delegates to is paused too.
    if getattr(g, "gi_yieldfrom", None) is not None:
        state(f"{name} -> {g.gi_yieldfrom.__name__}", g.gi_yieldfrom)


def error(e):
    """The last line of the traceback Python would print for `e`."""
    text = str(e)
    print(f"{type(e).__name__}: {text}" if text else type(e).__name__)
