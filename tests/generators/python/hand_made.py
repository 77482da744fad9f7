"""Shared by the hand_made_* scenarios: the hand-made-loop lesson's asleep() and its loop of
next(), as lessons/hand-made-loop/snippets/hello.py has them (the C++ side runs the lesson's
own code, lessons/hand-made-loop/generator_loop.cpp)."""
import time


def asleep(seconds):
    started = time.time()
    while time.time() - started < seconds:
        yield


def loop(generators):
    pending = list(generators)
    while pending:
        for g in list(pending):
            try:
                handed = next(g)
            except StopIteration:
                pending.remove(g)
            else:
                if handed is not None:
                    print(f"the loop was handed a {type(handed).__name__} object and ignores it")
