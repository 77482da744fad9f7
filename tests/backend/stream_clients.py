"""Small clients for the backend's live streams, over raw sockets so the tests see
exactly what went over the wire: a server-sent-events reader and a WebSocket client
(RFC 6455 framing, masked as a browser's frames are), each able to stop reading."""
import base64
import hashlib
import os
import socket
import struct

WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def read_head(sock):
    """Reads a reply header; returns (status, headers dict with lower-case names, bytes after it)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError(f"closed before a whole header: {data!r}")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def connect(port, receive_buffer=None, timeout=10):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:  # before connecting, so the window is small from the start
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.settimeout(timeout)
    sock.connect(("127.0.0.1", port))
    return sock


class SseClient:
    """GET target as an event stream. events() yields ("event", fields) and ("comment", text)."""

    def __init__(self, port, target, receive_buffer=None, timeout=10, last_event_id=None):
        self.sock = connect(port, receive_buffer, timeout)
        resume = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n{resume}\r\n".encode())
        self.status, self.headers, self.buffer = read_head(self.sock)
        self.closed_cleanly = None  # True after a FIN, False after a reset

    def items(self):
        while True:
            while b"\n\n" not in self.buffer:
                try:
                    chunk = self.sock.recv(65536)
                except ConnectionResetError:
                    self.closed_cleanly = False
                    return
                if not chunk:
                    self.closed_cleanly = True
                    return
                self.buffer += chunk
            block, self.buffer = self.buffer.split(b"\n\n", 1)
            fields, comments = {}, []
            for line in block.decode().split("\n"):
                if line.startswith(":"):
                    comments.append(line[1:].strip())
                    continue
                name, _, value = line.partition(": ")
                fields[name] = fields[name] + "\n" + value if name in fields else value
            if fields:
                yield "event", fields
            for comment in comments:
                yield "comment", comment

    def events(self):
        return (fields for kind, fields in self.items() if kind == "event")

    def close(self):
        self.sock.close()


class WebSocketClient:
    """Opens target with the WebSocket upgrade; recv() returns (opcode, payload)."""

    def __init__(self, port, target, receive_buffer=None, timeout=10, key=None, origin=None, host="x"):
        self.sock = connect(port, receive_buffer, timeout)
        self.key = key or base64.b64encode(os.urandom(16)).decode()
        origin_line = f"Origin: {origin}\r\n" if origin is not None else ""
        self.sock.sendall((f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"{origin_line}Sec-WebSocket-Key: {self.key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.status, self.headers, self.buffer = read_head(self.sock)
        expected = base64.b64encode(hashlib.sha1(self.key.encode() + WS_GUID).digest()).decode()
        self.accepted = self.status == 101 and self.headers.get("sec-websocket-accept") == expected
        self.closed_cleanly = None

    def _take(self, count):
        while len(self.buffer) < count:
            try:
                chunk = self.sock.recv(65536)
            except ConnectionResetError:
                self.closed_cleanly = False
                return None
            if not chunk:
                self.closed_cleanly = True
                return None
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def recv(self):
        """The next frame as (opcode, payload, fin), or None once the connection ended."""
        head = self._take(2)
        if head is None:
            return None
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._take(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._take(8))[0]
        payload = self._take(length) if length else b""
        if payload is None:
            return None
        return opcode, payload, bool(head[0] & 0x80)

    def send(self, opcode, payload=b""):
        mask = os.urandom(4)
        length = len(payload)
        head = bytes([0x80 | opcode])
        if length < 126:
            head += bytes([0x80 | length])
        else:
            head += bytes([0x80 | 126]) + struct.pack("!H", length)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def messages(self, answer_pings=True):
        """Yields ("text", str), ("ping", b""), then ("close", (code, reason)) or the connection's end."""
        while True:
            frame = self.recv()
            if frame is None:
                return
            opcode, payload, fin = frame
            while opcode == TEXT and not fin:  # a fragmented message: continuations follow
                more = self.recv()
                if more is None:
                    return
                payload, fin = payload + more[1], more[2]
            if opcode == TEXT:
                yield "text", payload.decode()
            elif opcode == PING:
                if answer_pings:
                    self.send(PONG, payload)
                yield "ping", payload
            elif opcode == CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                yield "close", (code, payload[2:].decode(errors="replace"))
                return  # the caller answers the close (or does not)

    def close(self):
        self.sock.close()


def stream_health(server):
    """The "streams" entry of the server's /healthz ({} when it does not answer 200)."""
    status, health = server.health()
    return health.get("components", {}).get("streams", {}) if status == 200 else {}
