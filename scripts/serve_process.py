"""What the benchmark scripts share about a `flowtop serve` they start: waiting for its
event socket to listen. Imported by scripts/ingest-bench.py and scripts/viewers-bench.py
(Python puts a script's own folder on its import path)."""
import socket
import time


def wait_for_socket(path, process, timeout=60):
    """Returns once `path` accepts a connection; exits if `process` ends or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"flowtop serve exited with {process.returncode}")
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(path)
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"flowtop serve did not listen within {timeout} s")
