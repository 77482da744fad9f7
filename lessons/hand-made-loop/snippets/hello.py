# The hello example as generators, run by a loop that calls next() on each in turn.
import time


def asleep(seconds):
    started = time.time()
    while time.time() - started < seconds:
        yield


def hello():
    print("hello")
    yield  # solution 1: give the loop back once...
    time.sleep(1)  # ...then sleep, and the whole program sleeps
    print("goodbye")


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


started = time.time()
loop([hello(), hello()])
print(f"Time elapsed: {time.time() - started:.1f}")
