#!/usr/bin/python3
"""Runs the delay-api benchmark (called by ./bench/run delay-api, which sets ulimit -n).

Four servers answer GET /delay-me?seconds=N the same way: LoopLab's backend, the
classic Django view under `manage.py runserver`, an aiohttp server of ours (what a Python
teacher would pick instead), and nginx returning the fixed body (the ceiling for a tiny
reply, with as many workers as LoopLab has threads). wrk loads them on loopback:
  1. zero delay, `wrk -t2 -c50 -d10s --latency`: requests per second;
  2. 1,000 and 10,000 connections each asking for a 1-second delay,
     `wrk -t2 -cC -d6s --timeout 10s --latency`: answered, errors, timeouts, p50/p99/max
     (every server but nginx, which cannot wait).
Every server gets a free port; every process started here is stopped here.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import json
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BODY = "Done, I waited for 0 secs"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early ({process.returncode}) for {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                body = reply.read().decode()
                if body != BODY:
                    raise RuntimeError(f"{url} answered {body!r}, expected {BODY!r}")
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process, grace=5):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Peers:
    """Starts and stops the three servers; remembers every process it started."""

    def __init__(self, backend, workdir):
        self.backend = backend
        self.workdir = workdir
        self.processes = []
        # nginx gets as many workers as LoopLab serves with threads (learned from /healthz).
        self.looplab_threads = 1

    def _spawn(self, name, command, **kwargs):
        log = open(os.path.join(self.workdir, f"{name}.log"), "wb")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        self.processes.append(process)
        return process

    def looplab(self):
        port = free_port()
        # The access log stays on (formatting included), written to /dev/null.
        process = subprocess.Popen([self.backend, "--listen", "127.0.0.1", "--port", str(port), "--max-connections", "15000"],
                                   stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.workdir, "looplab.log"), "wb"))
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}/delay-me"
        wait_until_answering(url, process)
        self.looplab_threads = serving_threads(f"http://127.0.0.1:{port}/healthz")
        return process, url

    def aiohttp(self):
        port = free_port()
        process = self._spawn("aiohttp", ["/usr/bin/python3", os.path.join(HERE, "aiohttp_delay", "server.py"), str(port)])
        url = f"http://127.0.0.1:{port}/delay-me"
        wait_until_answering(url, process, seconds=30)
        return process, url

    def django(self):
        port = free_port()
        process = self._spawn("django", ["/usr/bin/python3", os.path.join(HERE, "django_delay", "manage.py"),
                                         "runserver", "--noreload", f"127.0.0.1:{port}"],
                              cwd=os.path.join(HERE, "django_delay"))
        url = f"http://127.0.0.1:{port}/delay-me"
        wait_until_answering(url, process, seconds=60)
        return process, url

    def nginx(self):
        port = free_port()
        prefix = os.path.join(self.workdir, "nginx")
        os.makedirs(os.path.join(prefix, "logs"), exist_ok=True)
        config = os.path.join(prefix, "nginx.conf")
        with open(config, "w") as f:
            f.write(f"""
worker_processes {self.looplab_threads};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
worker_rlimit_nofile 20000;
events {{ worker_connections 12000; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  server {{
    listen 127.0.0.1:{port} backlog=4096;
    location = /delay-me {{
      default_type "text/html; charset=utf-8";
      return 200 "{BODY}";
    }}
  }}
}}
""")
        process = self._spawn("nginx", ["nginx", "-p", prefix, "-c", config, "-g", "daemon off;"])
        url = f"http://127.0.0.1:{port}/delay-me"
        wait_until_answering(url, process)
        return process, url

    def stop_all(self):
        for process in self.processes:
            stop(process)


def serving_threads(healthz_url):
    """The number of threads LoopLab serves with, as its /healthz says (1 when it does not say)."""
    with urllib.request.urlopen(healthz_url, timeout=5) as reply:
        health = json.load(reply)
    threads = health.get("threads", health.get("io_threads", 1))
    return threads if isinstance(threads, int) and threads > 0 else 1


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def run_wrk(url, connections, duration, timeout=None, threads=2):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if timeout:
        command += ["--timeout", timeout]
    command.append(url)
    # wrk stops itself after the duration; the outer bound guards against a wedged peer.
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 40).stdout
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
    result = {"raw": output, "requests": 0, "rps": 0.0, "connect": 0, "read": 0, "write": 0, "timeout": 0,
              "non2xx": 0, "p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    if m := re.search(r"(\d+) requests in", output):
        result["requests"] = int(m.group(1))
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result.update(connect=int(m.group(1)), read=int(m.group(2)), write=int(m.group(3)), timeout=int(m.group(4)))
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["non2xx"] = int(m.group(1))
    if m := re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", output, re.M):
        result["max"] = to_ms(m.group(3))
    for pct, key in (("50", "p50"), ("99", "p99")):
        if m := re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M):
            result[key] = to_ms(m.group(1))
    result["errors"] = result["connect"] + result["read"] + result["write"] + result["non2xx"]
    return result


def cpu_seconds(pid):
    """User + system CPU of a process and its direct children (nginx's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def describe_errors(result):
    return (f"errors {result['errors']:5} (connect {result['connect']}, read {result['read']}, "
            f"write {result['write']}, non-2xx {result['non2xx']})  timeouts {result['timeout']:5}")


def fmt_ms(value):
    return "-" if value != value else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", required=True)
    parser.add_argument("--rps-seconds", type=int, default=10)
    parser.add_argument("--delay-seconds", type=int, default=6)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="looplab-bench-delay-")
    peers = Peers(args.backend, workdir)
    print(f"delay-api benchmark on {os.cpu_count()} cores, wrk on the same machine; logs in {workdir}")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} (figures mean little when it is above 1)")
    try:
        # 1. Zero delay: requests per second.
        rps = {}
        for name in ("looplab", "nginx", "aiohttp", "django"):
            process, url = getattr(peers, name)()
            cpu_before = cpu_seconds(process.pid)
            result = run_wrk(url + "?seconds=0", 50, args.rps_seconds)
            cpu = cpu_seconds(process.pid) - cpu_before
            rps[name] = result["rps"]
            print(f"zero delay  {name:8} {result['rps']:8.0f} req/s  p50 {fmt_ms(result['p50'])} ms  "
                  f"p99 {fmt_ms(result['p99'])} ms  max {fmt_ms(result['max'])} ms  server CPU {cpu:.1f} s  "
                  f"{describe_errors(result)}")
            stop(process)
        print(f"ratios      looplab/nginx {rps['looplab'] / max(rps['nginx'], 1):.2f} "
              f"(nginx with {peers.looplab_threads} worker(s), as many as LoopLab's threads)   "
              f"looplab/aiohttp {rps['looplab'] / max(rps['aiohttp'], 1):.1f}   "
              f"looplab/django {rps['looplab'] / max(rps['django'], 1):.1f}")
        # 10,000 replies due at the same moment take 10,000 / (zero-delay rate) seconds to
        # write: no server can beat that, so lateness is judged against it.
        floor_ms = 10000 / max(rps["looplab"], 1) * 1000.0

        # 2. Many concurrent 1-second delays; a fresh server for each run.
        held_10000, late_10000 = 0, float("nan")
        for connections in (1000, 10000):
            for name in ("looplab", "aiohttp", "django"):
                process, url = getattr(peers, name)()
                cpu_before = cpu_seconds(process.pid)
                result = run_wrk(url + "?seconds=1", connections, args.delay_seconds, timeout="10s")
                cpu = cpu_seconds(process.pid) - cpu_before
                failed = result["errors"] + result["timeout"]
                print(f"{connections:5} x 1 s  {name:8} answered {result['requests']:6}  p50 {fmt_ms(result['p50'])} ms  "
                      f"p99 {fmt_ms(result['p99'])} ms  max {fmt_ms(result['max'])} ms  server CPU {cpu:.1f} s  "
                      f"{describe_errors(result)}")
                if name == "looplab" and connections == 10000:
                    # Each failed request can cost at most one connection, so this is a lower bound.
                    held_10000 = max(0, connections - failed) if result["requests"] >= connections else 0
                    late_10000 = result["p99"] - 1000.0
                    print(f"            looplab p99 lateness {fmt_ms(late_10000)} ms beside the floor {floor_ms:.0f} ms "
                          f"(10,000 replies / {rps['looplab']:.0f} req/s); "
                          f"ratio {late_10000 / max(floor_ms, 1e-9):.2f}")
                    with open(os.path.join(workdir, "looplab-10000.wrk"), "w") as f:
                        f.write(result["raw"])
                stop(process, grace=8)
        print(f"targets     looplab >= 0.9 x nginx: {'met' if rps['looplab'] >= 0.9 * rps['nginx'] else 'MISSED'};  "
              f"10,000 delays held with p99 lateness <= 1.25 x floor: "
              f"{'met' if held_10000 == 10000 and late_10000 <= 1.25 * floor_ms else 'MISSED'}")
        print(f"delay-api: looplab_rps={rps['looplab']:.0f} nginx_rps={rps['nginx']:.0f} aiohttp_rps={rps['aiohttp']:.0f} "
              f"django_rps={rps['django']:.0f} held_10000={held_10000} p99_late_ms={late_10000:.0f} floor_ms={floor_ms:.0f}")
    finally:
        peers.stop_all()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
