# Seed 002's round-robin loop: it deletes a finished generator from the list it is iterating.
# The list shifts left under the iteration, so the generator after the removed one misses
# its turn in that round (here b in round 2).


def letters(name, count):
    for i in range(count):
        yield f"{name}{i}"
    print(f"{name} has no more")


generators = [letters("a", 1), letters("b", 3), letters("c", 2)]
round_number = 0
while generators:
    round_number += 1
    print(f"round {round_number}")
    for i, g in enumerate(generators):
        try:
            print(next(g))
        except StopIteration:
            print(f"removed index {i}")
            del generators[i]
print(f"rounds: {round_number}")
