"""`make demo-data` stays home and speaks briefly: the demo is loaded into a
fresh SQLite database by the commands the Makefile runs, in a process whose
outbound connections (and name lookups) are refused and recorded — none may
be attempted — and its output stays short (one line per mail)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs manage.py with every connection to a non-loopback address, and every
#: name lookup of another host, refused and written to stderr.
GUARD = r"""
import runpy, socket, sys

LOCAL = {"127.0.0.1", "::1", "localhost", None, ""}
real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

def connect(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOCAL:
        sys.stderr.write(f"OUTSIDE connect {address}\n")
        raise ConnectionRefusedError(f"refused by the test: {address}")
    return real_connect(self, address)

def getaddrinfo(host, *args, **kwargs):
    if host not in LOCAL:
        sys.stderr.write(f"OUTSIDE lookup {host}\n")
        raise socket.gaierror(f"refused by the test: {host}")
    return real_getaddrinfo(host, *args, **kwargs)

socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args],
        cwd=ROOT / "example_site",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_demo_data_makes_no_outside_request_and_prints_under_50_lines(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "EMAIL_BACKEND", "EVENTCAL_URL_CHECK")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    # The Makefile's demo-data recipe: these two commands.
    migrate = _manage("migrate", "--noinput", "--verbosity", "0", env=env)
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    load = _manage("load_demo", env=env)
    assert load.returncode == 0, load.stderr[-2000:]
    output = (migrate.stdout + migrate.stderr + load.stdout + load.stderr).splitlines()
    assert not [line for line in output if line.startswith("OUTSIDE")], output
    assert len(output) < 50, "\n".join(output)
    assert output[-1].startswith("Demo ready:"), output[-3:]  # not buried
    assert any(line.startswith("Detail-URL check: off") for line in output)
    # The notification mails are there, one line each.
    mails = [line for line in output if line.startswith("Mail to ")]
    assert mails and all(": " in line for line in mails)


def test_demo_static_files_need_no_static_directory(settings):
    """`make demo` serves static files from the apps' folders: WhiteNoise is
    given no STATIC_ROOT to look for, so it warns about no missing one."""
    import importlib
    import warnings

    from whitenoise.middleware import WhiteNoiseMiddleware

    demo = importlib.import_module("example_site.settings_demo")
    settings.STATIC_ROOT = demo.STATIC_ROOT
    settings.WHITENOISE_USE_FINDERS = demo.WHITENOISE_USE_FINDERS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        WhiteNoiseMiddleware(lambda request: None)
