# Sync: one plain function after another. requests.get waits for the reply
# before anything else can happen.
import time

import requests

URL = "http://127.0.0.1:8000/delay-me?seconds={}"


def pull(name, seconds):
    url = URL.format(seconds)
    print(f"{name}: Requesting '{url}'")
    reply = requests.get(url).text
    print(f"{name}: Request finally done! Server replied '{reply}'")


def main():
    started = time.perf_counter()
    print("=" * 10)
    pull("R1", 10)
    pull("R2", 2)
    pull("R3", 5)
    print("-" * 10)
    print(f"Time elapsed: {time.perf_counter() - started}")
    print("=" * 10)


main()
