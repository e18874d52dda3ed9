#!/usr/bin/env python3
"""Loopback HTTP/1.1 server for the tests of the model downloader.

The downloader (libcurl) is tested without internet: a test starts this
server on 127.0.0.1, reads the line "PORT <n>" from its stdout and points the
downloader at http://127.0.0.1:<n>/...  Files are served from --root.

Special path prefixes (the rest of the path names the file under --root):
  /drop/FILE      no Range header: 200 with the full length, but only half the
                  bytes are sent, then the connection is cut (tests resume);
                  with a Range header it behaves normally
  /stall/FILE     200, sends 1024 bytes, then sleeps 600 s (tests timeouts)
  /slow/FILE      4096-byte chunks with 0.05 s pauses (tests cancel)
  /loop/...       302 to the same path, forever (tests redirect limits)
  /redirect/FILE  302 to /FILE
  /missing/...    404, like any file not found
With --log FILE, each request appends "METHOD PATH RANGE" (RANGE is the Range
header or "-") and flushes, so a test can read it while the server runs.
Stop it with SIGTERM.
"""
import argparse
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."
    log_file = None
    log_lock = threading.Lock()

    def log_message(self, format, *args):  # silence the default stderr log
        pass

    def do_GET(self):
        self.serve(send_body=True)

    def do_HEAD(self):
        self.serve(send_body=False)

    def log_request_line(self, range_header):
        if self.log_file is None:
            return
        with self.log_lock:
            self.log_file.write(f"{self.command} {self.path} {range_header or '-'}\n")
            self.log_file.flush()

    def reply(self, code, headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def resolve(self, rel):
        root = os.path.realpath(self.root)
        full = os.path.realpath(os.path.join(root, rel.lstrip("/")))
        if os.path.commonpath([root, full]) != root or not os.path.isfile(full):
            return None
        return full

    def serve(self, send_body):
        range_header = self.headers.get("Range")
        self.log_request_line(range_header)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        mode, rest = "", path
        for prefix in ("drop", "stall", "slow", "loop", "redirect", "missing"):
            if path.startswith(f"/{prefix}/"):
                mode, rest = prefix, path[len(prefix) + 1:]
                break
        if mode == "loop":
            return self.reply(302, [("Location", self.path)])
        if mode == "redirect":
            return self.reply(302, [("Location", rest)])
        full = None if mode == "missing" else self.resolve(rest)
        if full is None:
            return self.reply(404)

        size = os.path.getsize(full)
        start, end, code = 0, size - 1, 200
        if range_header and range_header.startswith("bytes="):
            first, _, last = range_header[6:].partition("-")
            try:
                start = int(first)
                end = min(int(last), size - 1) if last else size - 1
                code = 206
            except ValueError:  # malformed or suffix range: serve it all
                start, end = 0, size - 1
            if code == 206 and (start >= size or end < start):
                return self.reply(416, [("Content-Range", f"bytes */{size}")])

        self.send_response(code)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        if code == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if not send_body:
            return

        with open(full, "rb") as f:
            f.seek(start)
            data = f.read(end - start + 1)
        try:
            if mode == "drop" and not range_header:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.connection.shutdown(2)  # SHUT_RDWR: cut it short
            elif mode == "stall":
                self.wfile.write(data[:1024])
                self.wfile.flush()
                time.sleep(600)
            elif mode == "slow":
                for i in range(0, len(data), 4096):
                    self.wfile.write(data[i:i + 4096])
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.wfile.write(data)
        except OSError:  # the client went away (cancel, timeout)
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--log")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    Handler.root = args.root
    if args.log:
        Handler.log_file = open(args.log, "a", encoding="utf-8")
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.block_on_close = False
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
