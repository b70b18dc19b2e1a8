#!/usr/bin/env python3
"""What attached viewers cost the engine: CPU of `flowtop serve` and bytes per viewer.

    scripts/viewers-bench.py [--viewers 20] [--seconds 30] [--bin PATH]

Starts `flowtop serve --ephemeral --demo --demo-rate 300` (the load generator, 300
events/s, with an hour of history and 60 days of leads), lets it settle, then measures three phases of
`--seconds` each, in turn:

1. no viewer attached: the engine's own CPU (ingest, evaluation, the demo's feeder);
2. `--viewers` viewers of the same view (the default query, as dashboards at start);
3. `--viewers` viewers of different views (tenant x attribution model, the worst case:
   one snapshot per view per second).

Each viewer is a client of the viewer protocol on the event socket (docs/viewers.md),
all in this one Python process: it says hello, then reads and counts what comes. CPU is
the serve process's user+system time from /proc over the phase; bytes per viewer per
second are counted after each viewer's first (whole) snapshot. Public tools only:
Python 3 and the flowtop binary.
"""
import argparse
import json
import os
import selectors
import shutil
import socket
import subprocess
import tempfile
import time

from serve_process import wait_for_socket

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Viewer:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        hello = {"type": "viewer_hello", "protocol": 1, "client": "viewers-bench", "user": "bench", "want": "stream"}
        self.sock.sendall(json.dumps(hello).encode() + b"\n")
        self.sock.setblocking(False)
        self.pending = b""
        self.first_size = None
        self.query = None
        self.bytes_after_first = 0
        self.messages = 0

    def read(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise SystemExit("the engine closed a viewer")
        self.pending += data
        while b"\n" in self.pending:
            line, self.pending = self.pending.split(b"\n", 1)
            self.messages += 1
            if self.first_size is None and line.startswith(b'{') and b'"type":"snapshot"' in line:
                self.first_size = len(line) + 1
                self.query = json.loads(line)["snapshot"]["query"]
            elif self.first_size is not None:
                self.bytes_after_first += len(line) + 1

    def view(self, query):
        self.sock.setblocking(True)
        self.sock.sendall(json.dumps({"type": "view", "view": query}).encode() + b"\n")
        self.sock.setblocking(False)


def pump(viewers, seconds):
    selector = selectors.DefaultSelector()
    for v in viewers:
        selector.register(v.sock, selectors.EVENT_READ, v)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.2):
            key.data.read()
    selector.close()


def phase(name, pid, viewers, seconds):
    for v in viewers:
        v.bytes_after_first = 0
    start_cpu, start = cpu_seconds(pid), time.monotonic()
    if viewers:
        pump(viewers, seconds)
    else:
        time.sleep(seconds)
    cpu, wall = cpu_seconds(pid) - start_cpu, time.monotonic() - start
    per_viewer = [v.bytes_after_first / wall for v in viewers]
    row = {"phase": name, "viewers": len(viewers), "cpu_percent": round(100 * cpu / wall, 1)}
    if viewers:
        row["bytes_per_viewer_per_s"] = round(sum(per_viewer) / len(per_viewer))
        row["first_snapshot_bytes"] = viewers[0].first_size
    print(json.dumps(row), flush=True)
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--bin", default=".build/release/flowtop")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ft-viewers-")
    path = os.path.join(work, "s.sock")
    serve = subprocess.Popen([args.bin, "serve", "--ephemeral", "--demo", "--demo-rate", "300", "--socket", path, "--http", "127.0.0.1:0"],
                             stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        wait_for_socket(path, serve)
        time.sleep(20)   # the demo's history and first snapshots
        base = phase("no viewers", serve.pid, [], args.seconds)
        viewers = [Viewer(path) for _ in range(args.viewers)]
        pump(viewers, 5)   # welcome and the first snapshot
        same = phase("same view", serve.pid, viewers, args.seconds)
        tenants = [None, "acme", "globex", "initech"]
        models = ["linear", "first_touch", "last_touch", "position_based", "time_decay"]
        for i, v in enumerate(viewers):
            query = dict(v.query)
            tenant = tenants[i % len(tenants)]
            if tenant is None:
                query.pop("tenant", None)
            else:
                query["tenant"] = tenant
            query["model"] = models[(i // len(tenants)) % len(models)]
            v.view(query)
        pump(viewers, 5)
        distinct = phase("distinct views", serve.pid, viewers, args.seconds)
        for row in (same, distinct):
            extra = row["cpu_percent"] - base["cpu_percent"]
            print(f"{row['phase']}: +{extra:.1f}% of a core for {row['viewers']} viewers "
                  f"({extra / row['viewers']:.2f}% each), {row['bytes_per_viewer_per_s']} bytes/s each "
                  f"after a first snapshot of {row['first_snapshot_bytes']} bytes")
    finally:
        serve.terminate()
        serve.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
