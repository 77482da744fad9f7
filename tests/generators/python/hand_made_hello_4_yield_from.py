# The hand-made-loop lesson's hello example, solution 4 (yield from asleep()): lessons/hand-made-loop/snippets/hello.py
# with short waits and without the timing line (its seconds would differ; the order must not).
import time

from hand_made import asleep, loop


def hello():
    print("hello")
    yield from asleep(0.2)
    print("goodbye")


loop([hello(), hello()])
