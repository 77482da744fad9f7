# The hand-made-loop lesson's hello example, solution 1 (a bare yield, then time.sleep): lessons/hand-made-loop/snippets/hello.py
# with short waits and without the timing line (its seconds would differ; the order must not).
import time

from hand_made import asleep, loop


def hello():
    print("hello")
    yield
    time.sleep(0.1)
    print("goodbye")


loop([hello(), hello()])
