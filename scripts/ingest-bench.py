#!/usr/bin/env python3
"""Ingest with the store on against ingest without it, over the real socket.

    scripts/ingest-bench.py [--runs 5] [--events 1000000] [--bin PATH]

Each run starts `flowtop serve` twice, once `--ephemeral` and once with a fresh
`--data-dir` (default 1 s group commit), in turn so that a drift in the machine's speed
hits both alike. One client sends the same prepared lines (`ai_response_latency`, 50
tenants, no timestamps) `--repeat` times as fast as the socket takes them, then
`{"type":"sync"}`. The ingest rate is the events over the time until `/metrics` counts
them all applied (`flowtop_events_accepted_total`, read every 20 ms): with the store that
includes the journal append under the engine lock and the writer thread's work on the
other core, but not the wait for the last group commit, which the `sync_ack` then
shows (up to `--fsync-interval`, 1 s). Prints each run's figures, the medians and the
ratio store/ephemeral per pair. Public tools only: Python 3 and the flowtop binary.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

from serve_process import wait_for_socket
import urllib.request


def lines(count):
    out = bytearray()
    for i in range(count):
        out += b'{"type":"ai_response_latency","latency_ms":%d,"tenant":"t%02d","model":"gpt-4o"}\n' % (
            200 + (i * 7919) % 2500, i % 50)
    return bytes(out)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepted(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        for line in reply.read().decode().splitlines():
            if line.startswith("flowtop_events_accepted_total"):
                return int(float(line.split()[-1]))
    return 0


def one_run(binary, payload, repeat, count, store, work):
    sock = os.path.join(work, "s.sock")
    data = os.path.join(work, "data")
    shutil.rmtree(data, ignore_errors=True)
    mode = ["--data-dir", data] if store else ["--ephemeral"]
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(work, "state"))
    port = free_port()
    serve = subprocess.Popen([binary, "serve", "--socket", sock, "--http", f"127.0.0.1:{port}", *mode],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_for_socket(sock, serve)
        client = socket.socket(socket.AF_UNIX)
        client.connect(sock)
        while True:
            try:
                accepted(port)
                break
            except OSError:
                time.sleep(0.05)
        started = time.monotonic()
        for _ in range(repeat):
            client.sendall(payload)
        client.sendall(b'{"type":"sync"}\n')
        while accepted(port) < count:
            time.sleep(0.02)
        applied = time.monotonic() - started
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                raise SystemExit("the connection closed before the sync_ack")
            reply += chunk
        acked = time.monotonic() - started
        client.close()
        ack = json.loads(reply.decode().strip().splitlines()[-1])
        if ack.get("accepted") != count:
            raise SystemExit(f"sync_ack counted {ack.get('accepted')} of {count}: {ack}")
        if store and ack.get("durable") is not True:
            raise SystemExit(f"the store's ack is not durable: {ack}")
        return count / applied, acked - applied
    finally:
        serve.terminate()
        serve.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=4, help="times the prepared events are sent")
    parser.add_argument("--bin", default=".build/release/flowtop")
    args = parser.parse_args()
    payload = lines(args.events)
    work = tempfile.mkdtemp(prefix="flowtop-ingest-bench-")
    try:
        count = args.events * args.repeat
        rates = {"ephemeral": [], "store": []}
        ratios = []
        for run in range(args.runs):
            pair, ack = {}, {}
            for mode in ("ephemeral", "store") if run % 2 == 0 else ("store", "ephemeral"):
                pair[mode], ack[mode] = one_run(args.bin, payload, args.repeat, count, mode == "store", work)
                rates[mode].append(pair[mode])
            ratios.append(pair["store"] / pair["ephemeral"])
            print(f"run {run + 1}: ephemeral {pair['ephemeral'] / 1e6:.2f}M events/s, "
                  f"store {pair['store'] / 1e6:.2f}M events/s, store/ephemeral {ratios[-1]:.3f}; "
                  f"sync_ack {ack['ephemeral'] * 1000:.0f} ms / {ack['store'] * 1000:.0f} ms after the last event applied",
                  flush=True)
        print(f"median: ephemeral {statistics.median(rates['ephemeral']) / 1e6:.2f}M events/s, "
              f"store {statistics.median(rates['store']) / 1e6:.2f}M events/s, "
              f"store/ephemeral {statistics.median(ratios):.3f} (pairs: {min(ratios):.3f} to {max(ratios):.3f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
