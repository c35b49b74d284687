"""A real SMTP server for dun's tests: aiosmtpd on 127.0.0.1, ephemeral port.

Prints "PORT <n>" once listening, then one line "MESSAGE <json>" per message received
(envelope sender, recipients, raw content as text). Exits on SIGTERM or when stdin closes.
"""
import asyncio
import json
import signal
import sys

from aiosmtpd.smtp import SMTP


class Handler:
    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "content": envelope.original_content.decode("utf-8", "replace"),
        }
        sys.stdout.write("MESSAGE " + json.dumps(record) + "\n")
        sys.stdout.flush()
        return "250 Message accepted for delivery"


async def main():
    loop = asyncio.get_running_loop()
    handler = Handler()
    server = await loop.create_server(lambda: SMTP(handler, hostname="peer.test"), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.buffer.read1(1) else None)
    await stop.wait()
    server.close()


asyncio.run(main())
