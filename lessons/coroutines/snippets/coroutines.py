# What calling an async def gives you, and what makes it run.
import asyncio


async def anyfunc():
    return 1


async def main():
    r = anyfunc()
    print(type(r))


asyncio.run(main())
