"""Where the benchmarks run: the databases, the child processes, the machine."""

import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://eventcal_bench:bench@127.0.0.1:5432/eventcal_bench"


def postgres_url(name=None):
    url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    if name:
        url = url.rsplit("/", 1)[0] + "/" + name
    return url


def fresh_postgres(url):
    """Drop and create the database of ``url``; (url, None) or (None, reason)."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError as exc:
        return None, f"psycopg is not installed ({exc})"
    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except Exception as exc:  # any failure to reach the server is reported in the table
        return None, f"PostgreSQL unavailable at {base}: {str(exc).strip().splitlines()[0]}"
    return url, None


def drop_postgres(url):
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def child_env(database_url):
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "example_site")])
    return env


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
