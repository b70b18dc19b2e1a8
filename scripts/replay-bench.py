#!/usr/bin/env python3
"""A month of history through `flowtop report slo --input` (issue 17's first row).

    scripts/replay-bench.py [--runs 3] [--events 1000000] [--days 30] [--bin PATH]

Generates the seeded workload of scripts/month-workload.py once (kept in
$XDG_CACHE_HOME/flowtop-bench, or ~/.cache/flowtop-bench, by its arguments and a fixed
end time, so every run and every commit reads the same bytes), then times `--runs`
replays of it with the release binary and prints each run, the median, events/s, and
the date, commit and machine for docs/benchmarks.md. The report's JSON of the first run
is kept beside the workload (`report-<commit>.json`, with `report alerts` after it): diff
two commits' to show that a change left the results alone. Public tools only: Python 3 and the flowtop binary
(`swift build -c release --product flowtop`).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# A fixed end, so the workload's bytes do not change with the day it is generated on.
END = 1_796_000_400   # 2026-11-30T01:00:00Z


def workload(events, days):
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "flowtop-bench")
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, f"month-{events}-{days}d-{END}.ndjson")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        with open(path + ".tmp", "wb") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "month-workload.py"), "--events", str(events),
                            "--days", str(days), "--end", str(END)], stdout=out, check=True)
        os.rename(path + ".tmp", path)
    return cache, path


def commit():
    try:
        head = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--", "../Sources"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--bin", default=os.path.join(HERE, "..", ".build", "release", "flowtop"))
    args = parser.parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"no flowtop binary at {args.bin}: swift build -c release --product flowtop")
    cache, path = workload(args.events, args.days)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(END))
    rev = commit()
    seconds = []
    for run in range(args.runs):
        started = time.perf_counter()
        result = subprocess.run([args.bin, "report", "slo", "--input", path, "--now", now, "--format", "json"],
                                capture_output=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"report failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
        if run == 0:
            with open(os.path.join(cache, f"report-{rev}.json"), "wb") as out:
                out.write(result.stdout)
                # The alerts as they stand and the day's statistics: alert evaluation
                # changes show here, not in the SLO report (untimed).
                out.write(subprocess.run([args.bin, "report", "alerts", "--input", path, "--now", now, "--format",
                                          "json"], capture_output=True, check=True).stdout)
        seconds.append(elapsed)
        print(f"run {run + 1}: {elapsed:.2f} s, {args.events / elapsed / 1e6:.2f}M events/s", flush=True)
    median = statistics.median(seconds)
    load = os.getloadavg()[0]
    print(f"median {median:.2f} s ({args.events / median / 1e6:.2f}M events/s) for {args.events:,} events over "
          f"{args.days} days; {time.strftime('%Y-%m-%d')}, commit {rev}, {os.cpu_count()} cores, load {load:.1f}")
    print(f"report kept in {os.path.join(cache, f'report-{rev}.json')}")


if __name__ == "__main__":
    main()
