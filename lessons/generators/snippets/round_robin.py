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
            del generators[i]  # the list shifts left under the loop
print(f"rounds: {round_number}")
