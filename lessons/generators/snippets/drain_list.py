print(next(x))
print(list(x))  # the rest: list() calls next() until StopIteration
