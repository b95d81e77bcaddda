"""The version matrix: ``make test-matrix`` (or ``nox``) runs the whole suite
on each supported Python + Django pair, with the database of DATABASE_URL.

Django 6.1 is the newest 6.x on PyPI and needs Python 3.12 or later.
"""

import glob
import os

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

MATRIX = [
    # (Python, Django) — the first pair is the default .venv of `make test`.
    ("3.11", "5.2"),
    ("3.12", "6.1"),
]


def interpreter(version):
    """pyenv's build of ``version`` when there is one (its shims answer only
    for the selected version), else whatever ``pythonX.Y`` is on PATH."""
    pattern = os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")
    builds = sorted(
        glob.glob(pattern), key=lambda path: [int(n) for n in path.split("/")[-3].split(".")]
    )
    return builds[-1] if builds else version


@nox.session
@nox.parametrize(
    "python,django",
    [nox.param(interpreter(py), dj, id=f"py{py}-django{dj}") for py, dj in MATRIX],
)
def tests(session, django):
    session.install("-e", ".[test,postgres]", f"Django~={django}.0")
    session.run("python", "-m", "django", "--version")
    session.run("pytest", "-p", "no:cacheprovider", "-n", "auto", *session.posargs)
