#!/usr/bin/env python3
"""An SMTP server on 127.0.0.1 (aiosmtpd, Debian's python3-aiosmtpd) that keeps every
message it receives, for FlowNotify's integration tests.

    smtp_receiver.py DIR [--starttls] [--auth USER:PASSWORD [--login-only]]

Binds a free port and writes it to DIR/port. Each accepted message is stored as
DIR/message-N.eml (the bytes after DATA, dot-stuffing undone, exactly as received) and
DIR/message-N.json (envelope: sender, recipients, MAIL FROM options, whether the session was
over TLS, the AUTH mechanism used).

--starttls  makes a CA and a certificate for 127.0.0.1 and localhost with openssl
            (DIR/ca.pem is the CA for the client to trust), offers STARTTLS and refuses
            mail before it.
--auth      offers AUTH PLAIN and LOGIN (over TLS only) and refuses mail without it;
            with --login-only, LOGIN alone.

Recipients steer replies: "reject@..." gets 550, "tempfail@..." always 451,
"tempfail-once@..." 451 the first time and 250 after. Exits on SIGTERM or SIGKILL, and by
itself once the process that started it is gone.
"""
import asyncio
import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult

DIRECTORY = sys.argv[1]
OPTIONS = sys.argv[2:]


class Keeper:
    def __init__(self):
        self.count = 0
        self.seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local == "reject":
            return "550 5.1.1 no such mailbox here"
        if local == "tempfail":
            return "451 4.3.0 try again later"
        if local == "tempfail-once" and address not in self.seen:
            self.seen.add(address)
            return "451 4.3.0 try again in a moment"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(DIRECTORY, "message-%d" % self.count)
        self.count += 1
        content = envelope.original_content or envelope.content
        with open(name + ".tmp", "wb") as f:
            f.write(content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "tls": session.ssl is not None,
            "auth": bool(getattr(session, "authenticated", False)),
        }
        with open(name + ".json", "w") as f:
            json.dump(meta, f)
        os.rename(name + ".tmp", name + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def make_certificates():
    """A throwaway CA and a server certificate it signed, for 127.0.0.1 and localhost."""
    def path(name):
        return os.path.join(DIRECTORY, name)

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=flowtop test CA",
            "-keyout", path("ca.key"), "-out", path("ca.pem"))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-keyout", path("server.key"), "-out", path("server.csr"))
    with open(path("server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-days", "1", "-extfile", path("server.ext"), "-out", path("server.pem"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(path("server.pem"), path("server.key"))
    return context


def exit_with_parent():
    """Exit once the test runner that started us is gone, even if it could not kill us."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    exit_with_parent()
    tls_context = make_certificates() if "--starttls" in OPTIONS else None
    credentials = None
    if "--auth" in OPTIONS:
        user, _, password = OPTIONS[OPTIONS.index("--auth") + 1].partition(":")
        credentials = (user.encode(), password.encode())

    def authenticator(server, session, envelope, mechanism, auth_data):
        with open(os.path.join(DIRECTORY, "auth.log"), "a") as log:
            log.write(mechanism + "\n")
        ok = (auth_data.login, auth_data.password) == credentials
        return AuthResult(success=ok, handled=False)

    handler = Keeper()

    def factory():
        return SMTP(
            handler,
            hostname="receiver.test",
            tls_context=tls_context,
            require_starttls=tls_context is not None,
            authenticator=authenticator if credentials else None,
            auth_required=credentials is not None,
            auth_require_tls=True,
            auth_exclude_mechanism=["PLAIN"] if "--login-only" in OPTIONS else [],
        )

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(factory, host="127.0.0.1", port=0))
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    port_file = os.path.join(DIRECTORY, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    loop.run_forever()


if __name__ == "__main__":
    main()
