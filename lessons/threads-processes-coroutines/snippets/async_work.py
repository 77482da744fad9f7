import asyncio
import time

import aiohttp

WORKERS = 4000
SECONDS = 3
PRIME = 16769823
REQUESTS = 10
URL = "http://127.0.0.1:8000/delay-me?seconds=0.126"


def is_prime(number):
    divisor = number - 1  # down to the first divisor, step by step
    while number % divisor:
        divisor -= 1
    return divisor == 1


async def work():
WORK
