#!/usr/bin/python3
"""The aiohttp peer for ./bench/run delay-api: what a Python teacher would write instead.

One process, one event loop, the delay awaited (never slept): the async answer to the
classic Django view. Usage: server.py PORT
"""
import asyncio
import sys

from aiohttp import web


async def delay_me(request):
    seconds = int(request.query.get("seconds", 0))
    await asyncio.sleep(seconds)
    return web.Response(text=f"Done, I waited for {seconds} secs", content_type="text/html")


app = web.Application()
app.router.add_get("/delay-me", delay_me)
# No access log: the same footing as nginx (access_log off); aiohttp's logger is slow.
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, backlog=4096, print=None)
