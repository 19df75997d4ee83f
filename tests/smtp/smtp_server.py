#!/usr/bin/python3
"""A real SMTP server on loopback for the e-mail tests: Debian's python3-aiosmtpd, configured per test.

Mail is stored in the maildir MAILDIR (aiosmtpd's Mailbox handler). What the server can do:
  --cert FILE --key FILE      its TLS certificate and key (PEM)
  --starttls                  offers STARTTLS (with --cert/--key); --require-starttls refuses mail before it
  --implicit-tls              speaks TLS from the first byte (port 465 style)
  --login USER:PASSWORD       accepts AUTH PLAIN and LOGIN with these credentials only
  --xoauth2 USER:TOKEN        accepts AUTH XOAUTH2 with this user and bearer token only
  --busy-data N               answers the first N messages' DATA with 451 (try again later)
Recipients at refused.example get 550 (unknown user), and at busy.example 451 (try again later).
AUTH is offered only over TLS (STARTTLS done, or implicit TLS), as real submission servers do.
Each accepted AUTH appends "MECHANISM USER" to MAILDIR/../auth.log, for the tests to read.
Prints "ready" on standard output once it listens; stops when standard input closes (the test ended).
"""
import argparse
import asyncio
import base64
import binascii
import json
import os
import ssl
import sys

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def split_pair(text):
    user, sep, secret = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError("expected USER:SECRET")
    return user, secret


class Handler(Mailbox):
    """Mailbox, plus the XOAUTH2 mechanism (aiosmtpd has PLAIN and LOGIN built in)."""

    # aiosmtpd takes every attribute named auth_* of the handler for a mechanism: only auth_XOAUTH2 is one.
    def __init__(self, maildir, log_path, xoauth2, busy_data):
        super().__init__(maildir)
        self.log_path = log_path
        self.xoauth2 = xoauth2
        self.busy_data = busy_data

    async def handle_DATA(self, server, session, envelope):
        if self.busy_data > 0:
            self.busy_data -= 1
            return "451 4.3.0 Queue full, try again later"
        return await super().handle_DATA(server, session, envelope)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Two domains that real servers' refusals stand in for: a permanent 550 and a transient 451.
        if address.endswith("@refused.example"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.endswith("@busy.example"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def record(self, mechanism, user):
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"{mechanism} {user}\n")

    async def auth_XOAUTH2(self, server, args):
        # Wire shape: AUTH XOAUTH2 base64("user=" USER ^A "auth=Bearer " TOKEN ^A ^A), the initial
        # response on the AUTH line or after an empty 334 challenge. On a bad token the server answers
        # 334 with a base64 JSON error, the client sends an empty line, and the server ends with 535.
        try:
            if len(args) == 2:
                response = base64.b64decode(args[1].encode(), validate=True)
            else:
                response = await server.challenge_auth("", encode_to_b64=False)
                if not isinstance(response, bytes):
                    return AuthResult(success=False, handled=True)
            fields = response.decode().split("\x01")
        except (binascii.Error, UnicodeDecodeError):
            await server.push("501 5.5.2 Can't decode XOAUTH2 response")
            return AuthResult(success=False, handled=True)
        values = dict(f.split("=", 1) for f in fields if "=" in f)
        user, auth = values.get("user"), values.get("auth", "")
        if self.xoauth2 is not None and (user, auth) == (self.xoauth2[0], "Bearer " + self.xoauth2[1]):
            self.record("XOAUTH2", user)
            return AuthResult(success=True, auth_data=user)
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "https://mail.example/"})
        await server.challenge_auth(error)
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--login", type=split_pair)
    parser.add_argument("--xoauth2", type=split_pair)
    parser.add_argument("--busy-data", type=int, default=0)
    a = parser.parse_args()

    context = None
    if a.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    auth_log = os.path.join(os.path.dirname(os.path.abspath(a.maildir)), "auth.log")
    handler = Handler(a.maildir, auth_log, a.xoauth2, a.busy_data)

    def authenticator(server, session, envelope, mechanism, data):
        if a.login is not None and isinstance(data, LoginPassword) and \
                (data.login.decode(), data.password.decode()) == a.login:
            handler.record(mechanism, a.login[0])
            return AuthResult(success=True, auth_data=a.login[0])
        return AuthResult(success=False, handled=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return SMTP(handler, hostname="localhost", loop=loop,
                    tls_context=context if (a.starttls or a.require_starttls) else None,
                    require_starttls=a.require_starttls,
                    # Over implicit TLS aiosmtpd does not know the connection is encrypted; it is.
                    auth_require_tls=not a.implicit_tls,
                    authenticator=authenticator,
                    auth_exclude_mechanism=[] if a.xoauth2 else ["XOAUTH2"])

    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=a.port, ssl=context if a.implicit_tls else None))
    print("ready", flush=True)
    stop = loop.create_future()

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 1024) and not stop.done():
            stop.set_result(None)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())


if __name__ == "__main__":
    main()
