# A sleep(0) busy poller: every loop turn costs time, so the poller sees the flag a timer
# sets after a second, having spun many times (how many depends on the machine).
import asyncio

from conformance import log, run, sleep

flag = False


async def setter():
    global flag
    await sleep(10)
    flag = True
    log("flag set")


async def poller():
    spins = 0
    while not flag:
        spins += 1
        if spins > 5_000_000:
            log("gave up waiting")
            return
        await asyncio.sleep(0)
    log(f"poller saw the flag after many spins: {spins > 1000}")


async def main():
    await asyncio.gather(setter(), poller())


run(main)
