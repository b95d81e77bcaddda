"""``make bench``: measure on SQLite and PostgreSQL, print the table and the
budgets, write the JSON. Exits non-zero when a budget is missed or a
database could not be measured (nothing is skipped silently).

PostgreSQL: BENCH_POSTGRES_URL (default
postgres://eventcal_bench:bench@127.0.0.1:5432/eventcal_bench); the database
in it is dropped and created afresh, so point it at a throw-away name.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .environment import ROOT, child_env, drop_postgres, fresh_postgres, machine, postgres_url
from .report import check_budgets, format_checks, format_table


def run_database(database, args, workdir):
    """Measure one database in a child process; returns its report part."""
    if database == "sqlite":
        path = Path(workdir) / "bench.sqlite3"
        url, error = f"sqlite:///{path}", None
    else:
        url, error = fresh_postgres(postgres_url())
    if error:
        return {"unavailable": error}
    out = Path(workdir) / f"{database}.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--sizes",
        args.sizes,
        "--runs",
        str(args.runs),
        "--warmup",
        str(args.warmup),
        "--out",
        str(out),
    ]
    if args.only:
        command += ["--only", args.only]
    print(f"# {database}: measuring (sizes {args.sizes}) …", file=sys.stderr, flush=True)
    completed = subprocess.run(command, env=child_env(url), cwd=ROOT)
    try:
        if completed.returncode != 0:
            return {"unavailable": f"the benchmark process failed (exit {completed.returncode})"}
        return json.loads(out.read_text())
    finally:
        if database == "postgresql":
            drop_postgres(url)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "20")))
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--databases", default=os.environ.get("BENCH_DATABASES", "sqlite,postgresql")
    )
    parser.add_argument("--only", default="", help="comma-separated target names")
    parser.add_argument(
        "--out", default=os.environ.get("BENCH_OUT", str(ROOT / "benchmarks/results/latest.json"))
    )
    args = parser.parse_args(argv)
    if args.runs < 20:
        print("note: fewer than 20 runs per target (--runs)", file=sys.stderr)

    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "runs": args.runs,
        "warmup": args.warmup,
        "databases": {},
    }
    with tempfile.TemporaryDirectory(prefix="eventcal-bench-") as workdir:
        for database in args.databases.split(","):
            report["databases"][database] = run_database(database, args, workdir)

    checks = check_budgets(report)
    report["budgets"] = [c.__dict__ for c in checks]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(f"# {report['date']} — {report['machine']}")
    print(format_table(report))
    print(format_checks(checks))
    print(f"\nJSON: {args.out}")
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
