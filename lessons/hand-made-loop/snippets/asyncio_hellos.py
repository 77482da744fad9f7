# The hello example with async/await and gather: it behaves like solution 4.
import asyncio
import time


async def hello():
    print("hello")
    await asyncio.sleep(1)
    print("goodbye")


async def main():
    started = time.time()
    await asyncio.gather(hello(), hello())
    print(f"Time elapsed: {time.time() - started:.1f}")


asyncio.run(main())
