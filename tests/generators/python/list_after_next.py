# Seed 003: one next() takes the first value; list() drains the rest, running the
# generator's own prints on the way, and shows only what was left: [1, 2].
from report import state


def three():
    for i in range(3):
        yield i
        print(f"after yielding {i}")


x = three()
state("x", x)
print(next(x))
state("x", x)
print(list(x))
state("x", x)
