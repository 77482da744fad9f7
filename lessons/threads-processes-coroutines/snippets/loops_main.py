PROCESSES = 5


async def share(count):
    await asyncio.gather(*(work() for _ in range(count)))


def process(count):
    asyncio.run(share(count))  # an event loop of its own


def main():
    started = time.perf_counter()
    counts = [len(range(p, WORKERS, PROCESSES)) for p in range(PROCESSES)]
    with multiprocessing.Pool(PROCESSES) as pool:
        pool.map(process, counts)
    print(f"Time elapsed: {time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    main()
