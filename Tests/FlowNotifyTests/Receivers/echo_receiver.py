#!/usr/bin/env python3
"""An HTTP receiver on 127.0.0.1 that refuses every POST with 400 and quotes the request
back on the first line of its answer (method, path, body), as careless proxies and web
frameworks do: the worst case for a transport that shows error bodies, since a Slack
webhook's secret is its path and a PagerDuty routing key is in the body.

    echo_receiver.py DIR

Binds a free port and writes it to DIR/port; appends each request to DIR/requests.jsonl.
Exits on SIGTERM or SIGKILL, and by itself once the process that started it is gone.
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIRECTORY = sys.argv[1]
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        reply = ("bad request: %s %s %s\n" % (self.command, self.path, body.replace("\n", " "))).encode()
        with LOCK:
            with open(os.path.join(DIRECTORY, "requests.jsonl"), "a", encoding="utf-8") as log:
                log.write(json.dumps({"path": self.path, "body": body, "reply": reply.decode()}) + "\n")
        self.send_response(400)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


def exit_with_parent():
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    exit_with_parent()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    port_file = os.path.join(DIRECTORY, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
