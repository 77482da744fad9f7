# The hand-made-loop lesson's hello example, solution 2 (yield until the time is up): lessons/hand-made-loop/snippets/hello.py
# with short waits and without the timing line (its seconds would differ; the order must not).
import time

from hand_made import asleep, loop


def hello():
    print("hello")
    started = time.time()
    while time.time() - started < 0.2:
        yield
    print("goodbye")


loop([hello(), hello()])
