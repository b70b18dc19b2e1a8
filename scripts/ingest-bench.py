#!/usr/bin/env python3
"""Ingest over the real socket, against a raw socket drain measured in the same run.

    scripts/ingest-bench.py [--runs 3] [--workloads single,mixed]
                            [--modes drain,ephemeral,store,dashboard] [--events 1000000]
                            [--repeat 3] [--bin PATH]

Workloads (prepared once, sent as bytes, no timestamps so events take their arrival time):
- `single`: `ai_response_latency` lines over 50 tenants, one model;
- `mixed`: `scripts/month-workload.py --no-timestamps` (ai_request, both latency SLIs and
  the lead flow over 20 tenants); `--mixed-file FILE` takes one made beforehand.

Modes, each a fresh process per run and workload, in turn so that a drift in the
machine's speed hits all alike:
- `drain`: the baseline. A second Python process listens on a Unix socket and does
  nothing but `recv_into` one reused 1 MiB buffer until end of input, then answers one
  byte: what the kernel and this client allow when the reader does no work at all;
- `ephemeral`: `flowtop serve --ephemeral`;
- `store`: `flowtop serve --data-dir` (a fresh directory, 1 s group commit);
- `dashboard`: `flowtop --standalone --data-dir` drawing in a detached tmux session
  (TERM=xterm-256color, 160x48): the engine, the store and a frame a second in one process.

The client sends the workload `--repeat` times with `sendall` as fast as the socket
takes it, then `{"type":"sync"}`. A flowtop rate is the events over the time until
`/metrics` counts them all applied (`flowtop_events_accepted_total`, asked every 20 ms;
the run ends as that line arrives, without reading the rest of the answer);
with the store it does not include the wait for the last group commit, which the
`sync_ack` then shows (`ack +N ms`). The drain's rate is the same events over the time
until it has read every byte. CPU is the server process's user+system time over the run
divided by the wall time (2.0 = both cores); "per cpu-s" is the events per second of that
CPU time, the cost of an event whatever else the machine was doing. Each sync_ack must count every event (and,
with a store, say durable). Public tools only: Python 3, tmux and the flowtop binary.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from serve_process import wait_for_socket

TICKS = os.sysconf("SC_CLK_TCK")
HERE = os.path.dirname(os.path.abspath(__file__))

DRAIN = r"""
import os, socket, sys
path = sys.argv[1]
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen(1)
print("ready", flush=True)
conn, _ = server.accept()
buf = memoryview(bytearray(1 << 20))
total = 0
while True:
    n = conn.recv_into(buf)
    if n == 0:
        break
    total += n
conn.sendall(b"%d\n" % total)
conn.close()
"""


def single_lines(count):
    out = bytearray()
    for i in range(count):
        out += b'{"type":"ai_response_latency","latency_ms":%d,"tenant":"t%02d","model":"gpt-4o"}\n' % (
            200 + (i * 7919) % 2500, i % 50)
    return bytes(out)


def mixed_lines(count, path):
    if path:
        with open(path, "rb") as f:
            return f.read()
    script = os.path.join(HERE, "month-workload.py")
    return subprocess.run([sys.executable, script, "--events", str(count), "--no-timestamps"],
                          check=True, stdout=subprocess.PIPE).stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepted(port):
    """The engine's accepted-events counter and when its line was read, from the head of
    `/metrics` (the engine's own families come first): the counter was taken before that
    instant, and the rest of the 0.5 MB body is not waited for or decoded."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        for raw in reply:
            if raw.startswith(b"flowtop_events_accepted_total"):
                return int(float(raw.split()[-1])), time.monotonic()
    return 0, time.monotonic()


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except OSError:
        return 0.0


def tmux_pid(session):
    out = subprocess.run(["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return int(out.split()[0])


class TmuxPane:
    """A dashboard in a detached tmux session, as `wait_for_socket` watches a process."""

    def __init__(self, session):
        self.session = session
        self.returncode = None

    def poll(self):
        if subprocess.run(["tmux", "has-session", "-t", self.session], stderr=subprocess.DEVNULL).returncode:
            self.returncode = "gone"
        return self.returncode


def drain_run(payload, repeat, work):
    path = os.path.join(work, "drain.sock")
    if os.path.exists(path):
        os.unlink(path)
    reader = subprocess.Popen([sys.executable, "-c", DRAIN, path], stdout=subprocess.PIPE)
    try:
        reader.stdout.readline()
        client = socket.socket(socket.AF_UNIX)
        client.connect(path)
        cpu0, started = cpu_seconds(reader.pid), time.monotonic()
        for _ in range(repeat):
            client.sendall(payload)
        client.shutdown(socket.SHUT_WR)
        got = int(client.recv(64).strip())
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(reader.pid) - cpu0
        client.close()
        if got != len(payload) * repeat:
            raise SystemExit(f"the drain read {got} of {len(payload) * repeat} bytes")
        return elapsed, cpu, None
    finally:
        reader.wait(timeout=60)


def flowtop_run(binary, mode, payload, repeat, count, work):
    sock = os.path.join(work, "s.sock")
    data = os.path.join(work, "data")
    shutil.rmtree(data, ignore_errors=True)
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(work, "state"), TERM="xterm-256color")
    port = free_port()
    session = None
    if mode == "dashboard":
        session = f"ingest-bench-{os.getpid()}"
        command = [binary, "--standalone", "--socket", sock, "--data-dir", data, "--http", f"127.0.0.1:{port}",
                   "--fresh"]
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "48",
                        "env", "TERM=xterm-256color", f"XDG_STATE_HOME={env['XDG_STATE_HOME']}", *command], check=True)
        process, pid = TmuxPane(session), tmux_pid(session)
    else:
        store = ["--data-dir", data] if mode == "store" else ["--ephemeral"]
        process = subprocess.Popen([binary, "serve", "--socket", sock, "--http", f"127.0.0.1:{port}", *store],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        pid = process.pid
    try:
        wait_for_socket(sock, process)
        while True:
            try:
                accepted(port)
                break
            except OSError:
                time.sleep(0.05)
        if session:
            time.sleep(2)   # the first frames drawn
        client = socket.socket(socket.AF_UNIX)
        client.connect(sock)
        cpu0, started = cpu_seconds(pid), time.monotonic()
        for _ in range(repeat):
            client.sendall(payload)
        client.sendall(b'{"type":"sync"}\n')
        # The run ends when the counter's line of the poll that sees every event arrives,
        # not when the whole answer has been read.
        while True:
            seen, at = accepted(port)
            if seen >= count:
                break
            time.sleep(0.02)
        applied = at - started
        cpu = cpu_seconds(pid) - cpu0
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                raise SystemExit("the connection closed before the sync_ack")
            reply += chunk
        acked = time.monotonic() - started
        client.close()
        ack = json.loads(reply.decode().strip().splitlines()[-1])
        if ack.get("accepted") != count or ack.get("rejected") != 0:
            raise SystemExit(f"{mode}: sync_ack counted {ack.get('accepted')} of {count}: {ack}")
        if mode != "ephemeral" and ack.get("durable") is not True:
            raise SystemExit(f"{mode}: the store's ack is not durable: {ack}")
        return applied, cpu, acked - applied
    finally:
        if session:
            subprocess.run(["tmux", "send-keys", "-t", session, "q", "y"], check=False)
            for _ in range(100):
                if subprocess.run(["tmux", "has-session", "-t", session], stderr=subprocess.DEVNULL).returncode:
                    break
                time.sleep(0.1)
            subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL, check=False)
        else:
            process.terminate()
            process.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workloads", default="single,mixed")
    parser.add_argument("--modes", default="drain,ephemeral,store,dashboard")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in one workload")
    parser.add_argument("--repeat", type=int, default=3, help="times the workload is sent")
    parser.add_argument("--mixed-file", help="the mixed workload, made beforehand (NDJSON, no ts)")
    parser.add_argument("--bin", default=".build/release/flowtop")
    args = parser.parse_args()
    modes = args.modes.split(",")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE, text=True,
                            cwd=HERE).stdout.strip()
    print(f"{time.strftime('%Y-%m-%d %H:%M')} commit {commit}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    work = tempfile.mkdtemp(prefix="flowtop-ingest-bench-")
    try:
        for workload in args.workloads.split(","):
            payload = single_lines(args.events) if workload == "single" else mixed_lines(args.events, args.mixed_file)
            lines = payload.count(b"\n")
            count = lines * args.repeat
            print(f"{workload}: {lines} events ({len(payload) / lines:.0f} bytes each) x {args.repeat}", flush=True)
            rates = {mode: [] for mode in modes}
            for run in range(args.runs):
                figures = []
                for mode in modes if run % 2 == 0 else list(reversed(modes)):
                    if mode == "drain":
                        elapsed, cpu, ack = drain_run(payload, args.repeat, work)
                    else:
                        elapsed, cpu, ack = flowtop_run(args.bin, mode, payload, args.repeat, count, work)
                    rates[mode].append(count / elapsed)
                    ack_text = f", ack +{ack * 1000:.0f} ms" if ack is not None and mode != "ephemeral" else ""
                    per_core = f", {count / cpu / 1e6:.2f}M per cpu-s" if cpu > 0 else ""
                    figures.append(f"{mode} {count / elapsed / 1e6:.2f}M/s (cpu {cpu / elapsed:.2f}{per_core}{ack_text})")
                print(f"  run {run + 1}: " + "; ".join(figures), flush=True)
            medians = {mode: statistics.median(r) for mode, r in rates.items()}
            summary = [f"{mode} {rate / 1e6:.2f}M events/s" for mode, rate in medians.items()]
            if "drain" in medians:
                summary += [f"{mode}/drain {rate / medians['drain']:.3f}"
                            for mode, rate in medians.items() if mode != "drain"]
            print(f"  median: " + ", ".join(summary), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
