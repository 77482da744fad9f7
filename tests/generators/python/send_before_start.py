# Seed 003: a fresh generator has not reached a yield, so there is nothing to receive a
# value; sending one is refused and the generator stays as it was. send(None) starts it.
from report import error, state


def running_sum():
    c = 0
    for i in range(100):
        c += yield i
        print(f"c = {c}")


x = running_sum()
try:
    x.send(10)
except TypeError as e:
    error(e)
state("x", x)
print(x.send(None))
state("x", x)
y = running_sum()
print(next(y))
print(y.send(7))
