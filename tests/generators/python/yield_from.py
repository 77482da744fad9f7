# yield from: the outer generator hands every next/send to the inner one until it returns;
# the inner generator's return value is the value of the yield from expression.
from report import state


def adder():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total = total + value


def outer():
    print("outer starts")
    result = yield from adder()
    print(f"adder returned {result}")
    yield result
    return "done"


o = outer()
state("o", o)
print(next(o))
state("o", o)
print(o.send(4))
print(o.send(6))
state("o", o)
print(o.send(None))
state("o", o)
try:
    next(o)
except StopIteration as e:
    print(f"stopped with {e.value!r}")
state("o", o)
