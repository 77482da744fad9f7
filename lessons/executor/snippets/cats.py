import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


class SyncCat:
    def exists(self):
        self._eat()
        self._have_free_time()

    def _eat(self):
        print("eat")

    def _have_free_time(self):
        print("have free time")
        self._sleep()

    def _sleep(self):
        print("sleeping")
        time.sleep(2)
        print("wake")


class AsyncCat(SyncCat):
    # _eat, _have_free_time and _sleep are SyncCat's, unchanged.
    async def exists(self):
        self._eat()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._have_free_time)


async def main():
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=5))
    start = time.perf_counter()
    cats = [AsyncCat() for _ in range(5)]
    await asyncio.gather(*(cat.exists() for cat in cats))
    print(f"Time elapsed: {time.perf_counter() - start:.1f}")


asyncio.run(main())
