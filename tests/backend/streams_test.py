#!/usr/bin/python3
"""Live streams (server-sent events and WebSocket) against the real backend.

usage: streams_test.py <path to looplab-backend>

Times are scaled down (ticks every 0.05 s, heartbeats every 0.2 s) and the bounds
generous: the machine is shared, and the ASan build is several times slower."""
import json
import re
import time

from backend_harness import UNDER_ASAN, Server, Workdir, binary_from_argv, check, close_with_reset, finish, wait_for
from stream_clients import CLOSE, PING, SseClient, WebSocketClient, stream_health

BINARY = binary_from_argv()
SLACK = 3 if UNDER_ASAN else 1


def ticks_of(messages):
    return [json.loads(text) for text in messages]


def resident_kib(server):
    for line in open(f"/proc/{server.process.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_event_order_and_content(server):
    sse = SseClient(server.port, "/ticks?every=0.05&count=5")
    check(sse.status == 200 and sse.headers.get("content-type") == "text/event-stream; charset=utf-8"
          and "content-length" not in sse.headers and sse.headers.get("cache-control") == "no-store",
          f"SSE: 200, text/event-stream, no Content-Length, no-store ({sse.status} {sse.headers})")
    started = time.monotonic()
    events = list(sse.events())
    elapsed = time.monotonic() - started
    ticks = [e for e in events if e.get("event") == "tick"]
    data = ticks_of(e["data"] for e in ticks)
    check([d["tick"] for d in data] == [1, 2, 3, 4, 5] and all(d["of"] == 5 for d in data)
          and [e["id"] for e in ticks] == ["1", "2", "3", "4", "5"],
          f"SSE: five tick events in order, ids 1 to 5 ({[e.get('data') for e in ticks]})")
    check(all(d["seconds"] >= 0.05 * d["tick"] - 0.005 for d in data) and elapsed < 0.25 + 2 * SLACK,
          f"SSE: tick n is sent at n x 0.05 s, not before ({[d['seconds'] for d in data]}; {elapsed:.2f} s)")
    check(events[-1:] == [{"event": "end", "data": '{"reason":"done","messages":5}'}] and sse.closed_cleanly,
          f"SSE: a final end event, then a clean close ({events[-1:]}, clean={sse.closed_cleanly})")
    sse.close()

    ws = WebSocketClient(server.port, "/ticks?every=0.05&count=5")
    check(ws.accepted, f"WebSocket: 101 with the right Sec-WebSocket-Accept ({ws.status} {ws.headers})")
    got = list(ws.messages())
    texts = [payload for kind, payload in got if kind == "text"]
    check([d["tick"] for d in ticks_of(texts)] == [1, 2, 3, 4, 5],
          f"WebSocket: the same five ticks as text messages, in order ({texts})")
    check(got[-1:] == [("close", (1000, "done"))], f"WebSocket: then a close frame 1000 'done' ({got[-1:]})")
    ws.send(CLOSE, b"\x03\xe8")
    check(ws.recv() is None and ws.closed_cleanly, "WebSocket: after the close handshake the server closes cleanly")
    ws.close()
    logged = wait_for(lambda: server.access_lines(r'"GET /ticks\?every=0.05&count=5" 101 \d+B [\d.]+ms '
                                                  r'websocket messages=5 end:done'), 5)
    sse_line = server.access_lines(r'"GET /ticks\?every=0.05&count=5" 200 \d+B [\d.]+ms sse messages=5 end:done')
    check(bool(logged) and bool(sse_line),
          f"one access-log line per stream, with its duration and message count ({sse_line} {logged})")


def test_resume_after_last_event_id(server):
    # An EventSource that reconnects sends the id of the last event it got.
    sse = SseClient(server.port, "/ticks?every=0.05&count=5", last_event_id="3")
    ticks = [e for e in sse.events() if e.get("event") == "tick"]
    sse.close()
    check(sse.status == 200 and [json.loads(e["data"])["tick"] for e in ticks] == [4, 5]
          and [e["id"] for e in ticks] == ["4", "5"],
          f"Last-Event-ID: 3 carries on with ticks 4 and 5, ids 4 and 5 ({[e.get('data') for e in ticks]})")
    sse = SseClient(server.port, "/ticks?every=0.05&count=5", last_event_id="5")
    sse.close()
    check(sse.status == 204 and b"tick" not in sse.buffer,
          f"Last-Event-ID: 5 of 5 gets 204, which stops an EventSource reconnecting ({sse.status})")
    sse = SseClient(server.port, "/ticks?every=0.05&count=2", last_event_id="")
    check([e["id"] for e in sse.events() if e.get("event") == "tick"] == ["1", "2"],
          "an empty Last-Event-ID (the format's way to forget an id) starts from the first tick")
    sse.close()
    for bad in ["6", "abc", "-1", "3.5", "+2"]:
        status, _, body = server.get("/ticks?every=0.05&count=5", headers={"Last-Event-ID": bad})
        check(status == 400 and "is not a tick of this stream" in body.decode() and "from 0 to 5" in body.decode(),
              f"Last-Event-ID: {bad!r} is refused with a sentence ({status}: {body.decode().strip()[:60]})")


def test_bad_parameters(server):
    cases = {
        "every=abc": "every=abc is not a number. Give every as a number from 0 to 300 (fractions allowed), "
                     "for example every=2 or every=0.25.",
        "every=-1": "every=-1 is negative.",
        "every=nan": "every=nan is not a number.",
        "every=inf": "every=inf is infinite.",
        "every=301": "every=301 is more than the maximum delay of 300 seconds.",
        "every=": "The every parameter is empty.",
        "every=1&every=2": "The every parameter was given more than once; give it exactly once.",
        "Every=1": "The parameter is named 'every', all in lower case; Every would be ignored.",
        "count=0": "count=0 asks for no ticks at all. Give count as a whole number from 1 to 100000, "
                   "for example count=10.",
        "count=abc": "count=abc is not a whole number.",
        "count=1.5": "count=1.5 is not a whole number.",
        "count=-3": "count=-3 is not a whole number.",
        "count=100001": "count=100001 is more than the most ticks one stream sends.",
        "count=99999999999999999999999": "is more than the most ticks one stream sends.",
        "count=1&count=1": "The count parameter was given more than once; give it exactly once.",
        "every=%zz": "The query string has a malformed %-escape.",
    }
    for query, sentence in cases.items():
        status, headers, body = server.get(f"/ticks?{query}")
        check(status == 400 and sentence in body.decode() and headers.get("Content-Type", "").startswith("text/plain"),
              f"/ticks?{query}: 400 '{body.decode().strip()[:90]}'")
    ws = WebSocketClient(server.port, "/ticks?every=abc")
    while b"every=abc is not" not in ws.buffer and (chunk := ws.sock.recv(4096)):
        ws.buffer += chunk
    body = ws.buffer.decode(errors="replace")
    check(ws.status == 400 and "every=abc is not a number" in body, f"the same 400 sentence on an upgrade ({ws.status})")
    ws.close()
    status, _, body = server.get("/delay-me?seconds=abc")
    check(status == 400 and b"Give seconds as a number from 0 to 300" in body, "/delay-me's sentences are unchanged")


def test_heartbeats(server):
    sse = SseClient(server.port, "/ticks?every=30&count=1")
    comments, started = 0, time.monotonic()
    for kind, _ in sse.items():
        comments += kind == "comment"
        if comments == 3:
            break
    elapsed = time.monotonic() - started
    check(comments == 3 and elapsed < 1.5 * SLACK, f"SSE: an idle stream sends a comment heartbeat every 0.2 s "
                                                   f"(3 in {elapsed:.2f} s)")
    sse.close()

    ws = WebSocketClient(server.port, "/ticks?every=30&count=1")
    pings, started = 0, time.monotonic()
    for kind, _ in ws.messages(answer_pings=True):
        pings += kind == "ping"
        if pings == 4:
            break
    elapsed = time.monotonic() - started
    check(pings == 4, f"WebSocket: a client that answers pings keeps the stream ({pings} pings in {elapsed:.2f} s, "
                      f"longer than the 0.4 s a silent peer gets)")
    ws.close()

    silent = WebSocketClient(server.port, "/ticks?every=30&count=1")
    started = time.monotonic()
    frames = []
    while (frame := silent.recv()) is not None:  # reads, but never answers
        frames.append(frame[0])
    elapsed = time.monotonic() - started
    check(PING in frames and elapsed < 2 * SLACK, f"WebSocket: a peer that never answers the ping is cut after "
                                                  f"about 0.4 s ({elapsed:.2f} s, frames {frames})")
    logged = wait_for(lambda: server.access_lines(r"websocket messages=0 cut:no-pong"), 3)
    check(bool(logged) and stream_health(server).get("cut_dead_peers", 0) >= 1,
          f"... logged as cut:no-pong and counted in /healthz ({logged})")
    silent.close()


def test_slow_reader_is_cut(workdir):
    server = Server(BINARY, workdir, "slow", "--stream-queue-limit", "8KiB", "--stream-stall-timeout", "0.5")
    try:
        for transport, client in (("sse", SseClient), ("websocket", WebSocketClient)):
            before = resident_kib(server)
            reader = client(server.port, "/ticks?every=0&count=100000", receive_buffer=4096)
            started = time.monotonic()  # from here on the client reads nothing
            cut = wait_for(lambda: server.access_lines(rf"{transport} messages=\d+ cut:slow-reader"), 15 * SLACK)
            elapsed = time.monotonic() - started
            grown = resident_kib(server) - before
            check(bool(cut), f"{transport}: a client that stops reading is cut as a slow reader ({elapsed:.2f} s): "
                             f"{cut[:1]}")
            if not UNDER_ASAN:
                check(grown < 4096, f"{transport}: the server's memory stays bounded meanwhile (+{grown} KiB)")
            reader.close()
        log = server.stderr()
        check("stayed full for 0.5 s: the client does not keep up" in log, "the event log says why it was cut")
        health = stream_health(server)
        check(health.get("cut_slow_readers") == 2 and health.get("open") == 0,
              f"/healthz counts both cuts and no open stream ({health})")
        # A client that does read takes a fast stream whole.
        count = 20000
        sse = SseClient(server.port, f"/ticks?every=0&count={count}")
        started = time.monotonic()
        ticks = sum(1 for e in sse.events() if e.get("event") == "tick")
        elapsed = time.monotonic() - started
        check(ticks == count, f"a reading client gets all {count} ticks of every=0 ({ticks}; "
                              f"{count / max(elapsed, 1e-9):,.0f} messages/s into this Python reader)")
        sse.close()
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def test_shutdown_mid_stream(workdir):
    server = Server(BINARY, workdir, "shutdown", "--shutdown-grace", "5")
    sse = SseClient(server.port, "/ticks?every=0.05&count=1000")
    ws = WebSocketClient(server.port, "/ticks?every=0.05&count=1000")
    sse_events, ws_messages = sse.events(), ws.messages()
    first = [next(sse_events), next(ws_messages)]
    check(first[0].get("event") == "tick" and first[1][0] == "text", "two streams are running")
    started = time.monotonic()
    server.process.send_signal(15)
    rest = list(sse_events)
    check(rest[-1:] == [{"event": "end", "data": rest[-1]["data"]}] and '"reason":"server shutting down"' in
          rest[-1]["data"] and sse.closed_cleanly,
          f"SSE: SIGTERM ends the stream with a final event, then a clean close, not a reset ({rest[-1:]})")
    got = [m for m in ws_messages if m[0] == "close"]
    check(got == [("close", (1001, "server shutting down"))],
          f"WebSocket: SIGTERM sends a close frame 1001 'server shutting down' ({got})")
    ws.send(CLOSE, b"\x03\xe9")
    ws.recv()
    check(ws.closed_cleanly is True, "WebSocket: then closes cleanly")
    ws.close()  # as a browser does once the server closed: Beast waits for it
    try:
        server.process.wait(10)  # by itself: stop() would send a second SIGTERM
    except Exception:
        pass
    code = server.stop()
    elapsed = time.monotonic() - started
    check(code == 0 and elapsed < 4 * SLACK, f"the server exits 0 without waiting out the 5 s grace ({elapsed:.2f} s)")
    check(len(server.access_lines(r"(sse|websocket) messages=\d+ end:shutdown")) == 2,
          "both streams are logged as end:shutdown")
    sse.close()
    ws.close()


def close_handshake(client):
    """What a browser does: a close frame, the server's answer, then the TCP close."""
    client.send(CLOSE, b"\x03\xe8bye")
    while client.recv() is not None:
        pass
    client.close()


def test_client_leaving_cancels(server):
    for transport, client, leave, outcome in (
            ("sse", SseClient, lambda c: c.close(), "cut:client-gone"),
            ("websocket", WebSocketClient, lambda c: close_with_reset(c.sock), "cut:client-gone"),
            ("websocket", WebSocketClient, close_handshake, "end:client-closed")):
        target = f"/ticks?every=0.1&count=500&leave={transport}{outcome[-6:]}"
        reader = client(server.port, target)
        stream = reader.events() if transport == "sse" else (m for m in reader.messages() if m[0] == "text")
        next(stream)
        next(stream)
        leave(reader)
        started = time.monotonic()
        pattern = re.escape(target) + rf'" \d+ \d+B [\d.]+ms {transport} messages=\d+ {outcome}'
        logged = wait_for(lambda: server.access_lines(pattern), 3)
        elapsed = time.monotonic() - started
        open_streams = stream_health(server).get("open")
        check(bool(logged) and elapsed < 0.5 * SLACK and open_streams == 0,
              f"{transport}: a client leaving mid-stream ({outcome}) stops it within {elapsed:.2f} s; /healthz "
              f"shows {open_streams} open")
        reader.close()


def test_connection_cap_counts_streams(workdir):
    server = Server(BINARY, workdir, "cap", "--max-connections", "3")
    try:
        streams = [SseClient(server.port, "/ticks?every=0.5&count=100") for _ in range(3)]
        check(all(s.status == 200 for s in streams), "three streams take the three connections")
        status = server.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")[:12]
        check(status == b"HTTP/1.1 503", f"a fourth connection gets 503: streams count against the cap ({status!r})")
        streams[0].close()
        freed = wait_for(lambda: server.get("/healthz")[0] == 200, 3)
        check(freed, "closing one stream frees its connection")
        for s in streams[1:]:
            s.close()
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def upgrade_answer(port, origin, host="x"):
    """The status of a WebSocket upgrade sent with this Origin, and the body of a refusal."""
    ws = WebSocketClient(port, "/ticks?every=0.05&count=1", origin=origin, host=host)
    body = ws.buffer
    if ws.status != 101:
        while b"\n" not in body and (chunk := ws.sock.recv(4096)):
            body += chunk
    ws.close()
    return ws.status, body.decode(errors="replace")


def test_websocket_origin(server, workdir):
    # Browsers do not apply the same-origin rule to WebSockets: the server must.
    check(upgrade_answer(server.port, None)[0] == 101, "an upgrade without Origin (a script, not a page) is accepted")
    check(upgrade_answer(server.port, "http://x")[0] == 101, "a page from this server's own address is accepted")
    check(upgrade_answer(server.port, "HTTP://LoopLab:8000", host="looplab:8000")[0] == 101,
          "origins compare without regard to case, port included")
    for origin in ["http://evil.example", "http://x:8001", "null", "x"]:
        status, body = upgrade_answer(server.port, origin)
        check(status == 403 and "not from this server" in body and "--stream-allowed-origins" in body,
              f"an upgrade from the page at {origin!r} is refused with a sentence ({status}: {body.strip()[:70]})")
    check(stream_health(server).get("refused_origins", 0) >= 4, "/healthz counts the refused upgrades")
    check(server.get("/ticks?every=0.05&count=1", headers={"Origin": "http://evil.example"})[0] == 200,
          "server-sent events are not affected (the browser's CORS rule guards them)")

    allowed = Server(BINARY, workdir, "origins", "--stream-allowed-origins", "http://class.example:8080, https://b.example")
    try:
        check(upgrade_answer(allowed.port, "http://class.example:8080")[0] == 101, "an allowed origin is accepted")
        check(upgrade_answer(allowed.port, "https://b.example")[0] == 101, "... and each one of the list")
        check(upgrade_answer(allowed.port, "http://x")[0] == 101, "... and this server's own pages still are")
        check(upgrade_answer(allowed.port, "http://class.example")[0] == 403, "another port is another origin")
        check(stream_health(allowed).get("websocket_origins") == "same-origin,http://class.example:8080,https://b.example",
              "/healthz shows the policy")
    finally:
        check(allowed.stop() == 0, "the server with allowed origins stops cleanly")
    try:
        Server(BINARY, workdir, "bad-origins", "--stream-allowed-origins", "class.example")
        check(False, "a malformed --stream-allowed-origins is refused at start")
    except RuntimeError as refused:
        check("is not an origin" in str(refused) and "scheme://host[:port]" in str(refused),
              f"a malformed --stream-allowed-origins is refused with a sentence ({str(refused)[-90:].strip()})")


def main():
    with Workdir("looplab-streams-") as workdir:
        server = Server(BINARY, workdir, "streams", "--stream-heartbeat", "0.2")
        try:
            test_event_order_and_content(server)
            test_bad_parameters(server)
            test_resume_after_last_event_id(server)
            test_heartbeats(server)
            test_client_leaving_cancels(server)
            test_websocket_origin(server, workdir)
        finally:
            check(server.stop() == 0, "the server stops cleanly")
        test_slow_reader_is_cut(workdir)
        test_shutdown_mid_stream(workdir)
        test_connection_cap_counts_streams(workdir)
    finish()


if __name__ == "__main__":
    main()
