

async def main():
    started = time.perf_counter()
    await asyncio.gather(*(work() for _ in range(WORKERS)))
    print(f"Time elapsed: {time.perf_counter() - started:.1f}")


asyncio.run(main())
