"""A small SMTP server on 127.0.0.1 for the fault benchmark: accepts every message and
appends one line per message ("<Message-ID> <recipient>") to a log file.

Usage:  python bench/smtp_sink.py --port 2525 --log /tmp/x/received.log
(smtpd is deprecated and gone in Python 3.12; this speaks just enough SMTP for Django's
SMTP backend.)
"""

import argparse
import email
import socketserver


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink ESMTP")
        rcpt: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                rcpt = []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpt.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with .")
                self.receive(rcpt)
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")  # RSET, NOOP

    def receive(self, rcpt: list[str]) -> None:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = email.message_from_bytes(b"".join(lines))
        with open(self.server.log, "a") as log:
            for to in rcpt:
                log.write(f"{message['Message-ID']} {to}\n")
        self.reply("250 queued")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    with Server(("127.0.0.1", args.port), Handler) as server:
        server.log = args.log
        server.serve_forever()


if __name__ == "__main__":
    main()
