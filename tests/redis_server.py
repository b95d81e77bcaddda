"""A real redis-server for the cache outage tests, which stop, hang and start
it again. It keeps its data in a snapshot file of its own directory, as a
Redis left with Debian's default configuration does: what was kept before it
stopped is there again after it starts."""

import os
import signal
import socket
import subprocess
import time

import redis


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def without_faketime(environ):
    """``environ`` without libfaketime (`make test-dates`): it cannot run
    redis-server (its allocator's clock calls recurse), and Redis's clock is
    not the plugin's: what the dates check is in this process."""
    return {
        name: value
        for name, value in environ.items()
        if name not in ("LD_PRELOAD", "FAKETIME", "DONT_FAKE_MONOTONIC")
    }


class RedisServer:
    def __init__(self, binary, directory, port=None):
        self.binary = binary
        self.directory = directory
        self.port = port or int(os.environ.get("EVENTCAL_TEST_REDIS_PORT", 0)) or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5)

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--dbfilename",
                "cache.rdb",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            env=without_faketime(os.environ),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.RedisError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self):
        """Stop, keeping what it holds on disk (``SHUTDOWN SAVE``)."""
        try:
            self.client().shutdown(save=True)
        except redis.exceptions.ConnectionError:
            pass  # the connection closes as it stops
        self.process.wait(timeout=10)
        self.process = None

    def pause(self):
        """Hang: connections are accepted by the kernel, never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def kill(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
