# `return v` in a generator ends it: the caller gets StopIteration carrying v. Asking again
# gives a bare StopIteration, every time.
from report import error, state


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


x = countdown(2)
while True:
    try:
        print(next(x))
    except StopIteration as e:
        print(f"stopped with {e.value!r}")
        error(e)
        break
state("x", x)
try:
    next(x)
except StopIteration as e:
    error(e)
try:
    x.send(None)
except StopIteration as e:
    error(e)
