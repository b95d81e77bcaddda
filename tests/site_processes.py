"""The example site as separate processes on a database file of its own
(a task worker, management commands), for tests that kill a process."""

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "example_site"


class SiteProcesses:
    def __init__(self, tmp_path, **env):
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(SITE)]),
            **env,
        }

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=SITE,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout

    def shell(self, code):
        return self.manage("shell", "-c", code).split("\n")

    @contextmanager
    def worker_killed_when(self, event):
        """A ``db_worker`` that gets SIGKILL once ``event`` is set."""
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=SITE,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert event.wait(60), "the worker never got that far"
            yield
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
