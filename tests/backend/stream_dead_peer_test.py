#!/usr/bin/python3
"""A stream whose client vanished without a word (no FIN, no reset: a laptop lid shut,
Wi-Fi gone) is found and its connection slot freed in bounded time.

usage: stream_dead_peer_test.py <path to looplab-backend>

The vanishing is real: a firewall rule (iptables, as root) drops every packet the
server sends to one client port on loopback, so the server's data is never
acknowledged, exactly as with a peer that is gone. The kernel's TCP_USER_TIMEOUT,
which the stream sets to 2 x heartbeat + stall timeout + 1 s (here 0.2 x 2 + 0.5 + 1
= 1.9 s), must give up on it; before that the SSE heartbeats keep unacknowledged data
in flight even when no tick is due. Without the timeout the kernel retransmits for
about fifteen minutes."""
import shutil
import subprocess
import time

from backend_harness import UNDER_ASAN, Server, Workdir, binary_from_argv, check, finish, wait_for
from stream_clients import SseClient, stream_health

BINARY = binary_from_argv()
SLACK = 3 if UNDER_ASAN else 1
IPTABLES = shutil.which("iptables") or "/usr/sbin/iptables"


def drop_rule(action, server_port, client_port):
    # Packets from the server's port to this one client port, on loopback only.
    return subprocess.run([IPTABLES, "-w", "5", action, "INPUT", "-i", "lo", "-p", "tcp", "--sport", str(server_port),
                           "--dport", str(client_port), "-j", "DROP"], capture_output=True, text=True)


def test_vanished_peer_is_cut(workdir):
    server = Server(BINARY, workdir, "dead-peer", "--stream-heartbeat", "0.2", "--stream-stall-timeout", "0.5")
    try:
        # Slow ticks: what keeps data unacknowledged is the heartbeats alone.
        sse = SseClient(server.port, "/ticks?every=30&count=2")
        check(sse.status == 200, f"the stream opens ({sse.status})")
        next(kind for kind, _ in sse.items() if kind == "comment")  # it is live: a heartbeat arrived
        client_port = sse.sock.getsockname()[1]
        added = drop_rule("-I", server.port, client_port)
        check(added.returncode == 0, f"the firewall drops what the server sends the client ({added.stderr.strip()})")
        try:
            vanished = time.monotonic()
            freed = wait_for(lambda: stream_health(server).get("open") == 0, 8 * SLACK)
            elapsed = time.monotonic() - vanished
            check(freed and elapsed > 1.0, f"the vanished client's stream ends after the 1.9 s user timeout, not before "
                                           f"and not after ~15 minutes of retransmits ({elapsed:.1f} s)")
            lines = wait_for(lambda: server.access_lines(r'"GET /ticks\?every=30&count=2" 200 .* sse messages=0 cut:'), 5)
            check(bool(lines), f"its access-log line says it was cut ({lines})")
            status, health = server.health()
            check(status == 200 and health.get("components", {}).get("streams", {}).get("open") == 0,
                  "the slot is free: /healthz answers 200 and counts no open stream")
        finally:
            drop_rule("-D", server.port, client_port)
            sse.close()
    finally:
        check(server.stop() == 0, "the server stops cleanly")


def main():
    probe = subprocess.run([IPTABLES, "-w", "5", "-L", "INPUT", "-n"], capture_output=True, text=True)
    check(probe.returncode == 0, f"iptables works here (root, scripts/install-deps.sh installs it): "
                                 f"{probe.stderr.strip()[:120]}")
    if probe.returncode == 0:
        with Workdir("looplab-dead-peer-") as workdir:
            test_vanished_peer_is_cut(workdir)
    finish()


if __name__ == "__main__":
    main()
