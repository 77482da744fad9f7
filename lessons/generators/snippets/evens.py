import sys
import time


def evens_list(start, end):
    numbers = []
    for i in range(start, end):
        if i % 2 == 0:
            numbers.append(i)
    return numbers  # only now does the caller get anything


def evens(start, end):
    for i in range(start, end):
        if i % 2 == 0:
            yield i  # hands over one value, then waits here


started = time.perf_counter()
numbers = evens_list(0, 1000000)
first = numbers[0]
print(f"list: first value {first} after {time.perf_counter() - started:.6f} s, holding {sys.getsizeof(numbers):,} bytes")

started = time.perf_counter()
numbers = evens(0, 1000000)
first = next(numbers)
print(f"generator: first value {first} after {time.perf_counter() - started:.6f} s, holding {sys.getsizeof(numbers):,} bytes")
