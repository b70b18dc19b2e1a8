#!/usr/bin/env python3
"""kill -9 torture of flowtop's durable store (docs/storage.md, "The promise").

Rounds of: start `flowtop serve --data-dir D`, several clients send `message_sent` events
(each client its own tenant) with a `sync` every few hundred, `kill -9` the engine at a
random instant (checkpoints every second, so some kills land during one), restart it and
read `flowtop_messages_sent_total` per tenant from /metrics. Each client's count must be
at least what a `durable: true` ack confirmed and at most what it sent: nothing
acknowledged as durable is lost, and nothing appears that was not sent.

    scripts/torture.py [--rounds 20] [--clients 4] [--bin .build/debug/flowtop] [--seed N]

Exit status 0 when every round keeps the promise, 1 otherwise (the failing numbers are
printed). Needs python3 only.
"""
import argparse, json, os, random, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request


def start_serve(binary, data_dir, sock, log_path):
    start = os.path.getsize(log_path) if os.path.exists(log_path) else 0
    log = open(log_path, "ab")
    env = dict(os.environ, FLOWTOP_CHECKPOINT_INTERVAL_MS="1000")
    proc = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--socket", sock, "--http", "127.0.0.1:0"],
                            stdout=log, stderr=log, env=env)
    deadline = time.time() + 120
    port = None
    while time.time() < deadline:
        with open(log_path, "rb") as f:
            f.seek(start)
            text = f.read().decode("utf-8", "replace")
        found = re.findall(r"url=http://127\.0\.0\.1:(\d+)/", text)
        if found and os.path.exists(sock) and proc.poll() is None:
            port = int(found[-1])
            break
        if proc.poll() is not None:
            sys.exit(f"flowtop serve exited with {proc.returncode}:\n{text[-3000:]}")
        time.sleep(0.05)
    if port is None:
        proc.kill()
        sys.exit("flowtop serve did not start within 120 s:\n" + open(log_path).read()[-3000:])
    return proc, port


def counts(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read().decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("flowtop_messages_sent_total{"):
            tenant = re.search(r'tenant="([^"]*)"', line).group(1)
            out[tenant] = out.get(tenant, 0) + int(float(line.rsplit(" ", 1)[1]))
    return out


class Client(threading.Thread):
    """Sends events on one connection until the engine dies; remembers what it sent and what
    a durable ack confirmed (`accepted` counts this connection's events)."""

    def __init__(self, sock, tenant, rng, base_sent, base_durable):
        super().__init__(daemon=True)
        self.sock, self.tenant, self.rng = sock, tenant, rng
        self.sent, self.durable = base_sent, base_durable
        self.not_durable = 0

    def run(self):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(self.sock)
            reader = s.makefile("rb")
            line = json.dumps({"type": "message_sent", "channel": "torture", "tenant": self.tenant}).encode() + b"\n"
            sent_here = 0
            while True:
                n = self.rng.randint(50, 800)
                s.sendall(line * n)
                self.sent += n
                sent_here += n
                s.sendall(b'{"type":"sync"}\n')
                ack = json.loads(reader.readline())
                if ack.get("durable"):
                    self.durable = self.sent - sent_here + ack["accepted"]
                else:
                    self.not_durable += 1
        except (OSError, ValueError):
            return  # the engine was killed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--bin", default=os.environ.get("FLOWTOP_BIN", ".build/debug/flowtop"))
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="flowtop-torture-")
    data_dir, sock, log_path = os.path.join(work, "data"), os.path.join(work, "events.sock"), os.path.join(work, "serve.log")
    sent = {f"t{i}": 0 for i in range(args.clients)}
    durable = dict(sent)
    failures = 0
    print(f"torture: {args.rounds} rounds, {args.clients} clients, seed {args.seed}, work {work}")
    def broken(where, have):
        """Tenants whose kept count is below what was acknowledged durable or above what was sent."""
        count = 0
        for tenant in sent:
            got = have.get(tenant, 0)
            if got < durable[tenant] or got > sent[tenant]:
                count += 1
                print(f"  {where}: {tenant} has {got}, but {durable[tenant]} were acknowledged durable "
                      f"and {sent[tenant]} sent", flush=True)
        return count

    for round_number in range(1, args.rounds + 1):
        proc, port = start_serve(args.bin, data_dir, sock, log_path)
        have = counts(port)
        failures += broken(f"round {round_number}", have)
        for tenant in sent:
            # What survived is what this round builds on.
            sent[tenant] = have.get(tenant, 0)
            durable[tenant] = sent[tenant]
        clients = [Client(sock, t, random.Random(rng.random()), sent[t], durable[t]) for t in sent]
        for c in clients:
            c.start()
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for c in clients:
            c.join(timeout=30)
            sent[c.tenant], durable[c.tenant] = c.sent, c.durable
        print(f"  round {round_number}: killed; sent {sum(sent.values())}, durable {sum(durable.values())}", flush=True)
        if os.path.exists(sock):
            os.unlink(sock)
    proc, port = start_serve(args.bin, data_dir, sock, log_path)
    have = counts(port)
    failures += broken("final", have)
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    print(f"torture: {'FAILED' if failures else 'passed'}: {failures} broken promises; "
          f"{sum(have.values())} events kept of {sum(sent.values())} sent")
    if not args.keep and not failures:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
