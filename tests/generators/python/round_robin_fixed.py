# The fix for seed 002's loop: iterate over a copy, remove from the original. Every
# generator still running gets its turn in every round.


def letters(name, count):
    for i in range(count):
        yield f"{name}{i}"
    print(f"{name} has no more")


generators = [letters("a", 1), letters("b", 3), letters("c", 2)]
round_number = 0
while generators:
    round_number += 1
    print(f"round {round_number}")
    for g in list(generators):
        try:
            print(next(g))
        except StopIteration:
            print(f"removed index {generators.index(g)}")
            generators.remove(g)
print(f"rounds: {round_number}")
