import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor


def force_async(fn):
    """Makes a blocking function awaitable: each call runs on a worker thread."""
    workers = ThreadPoolExecutor(max_workers=5)

    @functools.wraps(fn)
    def submit(*args):
        return asyncio.wrap_future(workers.submit(fn, *args))

    return submit


@force_async
def compute_pi(decimals):
    # Machin's formula on integers: pure CPU work, no await anywhere.
    guard = 10
    unity = 10 ** (decimals + guard)

    def arctan_inverse(k):
        total, power, n, sign = 0, unity // k, 1, 1
        while power:
            total += sign * (power // n)
            power //= k * k
            n, sign = n + 2, -sign
        return total

    pi = 16 * arctan_inverse(5) - 4 * arctan_inverse(239)
    digits = str((pi + 5 * 10 ** (guard - 1)) // 10 ** guard)
    return digits[0] + "." + digits[1:]


async def print_pi(decimals):
    digits = await compute_pi(decimals)
    print(digits)


async def greet(text):
    print(text)


async def main():
    await asyncio.gather(print_pi(800), greet("hello while pi is computed"), greet("hello again"))


asyncio.run(main())
