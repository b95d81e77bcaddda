"""Programs outside Python that some tests need: Debian's Chromium, a Java
runtime for the Nu HTML checker, Node.js for ical.js / node-ical, Debian's
redis-server (the shared-cache outage tests).

``make test`` installs them first (``make tools``, ``.ci/provision``). When
pytest runs without them, the tests that need them are skipped outside CI,
and a loud summary line names what did not run and the command that fixes
it; with ``CI=true`` a missing program fails those tests instead.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALIDATORS = ROOT / "tools" / "validators" / "node_modules"
VNU_JAR = VALIDATORS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("EVENTCAL_CHROMIUM", "/usr/bin/chromium")

#: Why tests were not run, for the summary.
missing = set()


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(message):
    if in_ci():
        pytest.fail(f"{message} (CI=true: a missing tool is a failure)", pytrace=False)
    missing.add(message)
    pytest.skip(message)


def chromium():
    if not shutil.which(CHROMIUM):
        _missing(
            f"{CHROMIUM} not found: run `make tools` (or apt-get install chromium), "
            "or set EVENTCAL_CHROMIUM"
        )
    return CHROMIUM


def vnu():
    """The command line of the Nu HTML checker."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        _missing("the Nu HTML checker (java + tools/validators) is missing: run `make tools`")
    return [java, "-jar", str(VNU_JAR)]


def node():
    """``node`` with the validators' node_modules on its path."""
    binary = shutil.which("node")
    if binary is None or not (VALIDATORS / "ical.js").exists():
        _missing("node + tools/validators (ical.js, node-ical) missing: run `make tools`")
    return binary


def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        _missing("redis-server not found: apt-get install redis-server")
    return binary


def summary_lines(skipped_reports):
    lines = []
    for message in sorted(missing):
        count = sum(1 for report in skipped_reports if message in str(report.longrepr))
        lines.append(f"NOT RUN: {count} test(s): {message}")
    return lines
