# Seed 003: the running sum `c += yield i`. The value sent in is what the yield expression
# gives back; what the generator yields is still i from its range.
from report import state


def running_sum():
    c = 0
    for i in range(100):
        c += yield i
        print(f"c = {c}")


x = running_sum()
print(next(x))
for value in (10, 5, 20, 1.5):
    print(x.send(value))
    state("x", x)
