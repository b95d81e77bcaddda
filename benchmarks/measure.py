"""Timing one request target: warm-up, timed runs, one counted run.

Timed runs go through Django's test client in-process (middleware, URL
routing, Wagtail page serving, templates, the real database), with DEBUG
off so that no query log slows them down. Queries are counted in a separate
run, because counting them turns Django's query log on.
"""

import math
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Target:
    """One thing to measure: a GET of ``url`` by ``user`` (None = anonymous)."""

    name: str
    label: str
    url: str
    user: str | None = None
    headers: dict = field(default_factory=dict)
    expect_status: int = 200
    # Called before every run, untimed (e.g. to drop a cache for cold runs).
    before: object = None
    # Filled in by the runner when the target needs a value from a response
    # (e.g. the ETag for a revalidation).
    prepare: object = None
    note: str = ""


@dataclass
class Result:
    name: str
    label: str
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    bytes: int | None = None
    runs: int = 0
    status: int | None = None
    error: str = ""
    note: str = ""
    samples_ms: list = field(default_factory=list)

    def as_dict(self):
        data = self.__dict__.copy()
        data["samples_ms"] = [round(s, 3) for s in self.samples_ms]
        return data


def percentile(samples, q):
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def body_length(response):
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


class _Run:
    """One target in a measurement: its client, headers and result so far."""

    def __init__(self, target, client, runs):
        self.target = target
        self.client = client
        self.result = Result(target.name, target.label, runs=runs, note=target.note)
        self.headers = dict(target.headers)

    def warm_up(self, times):
        """Prepare (e.g. read the ETag) and warm up; False if it failed."""
        if self.target.prepare:
            self.headers.update(self.target.prepare(self.client))
        for _ in range(times):
            _ms, response = self.get()
            if not self.check(response, "during warm-up"):
                return False
        return True

    def get(self):
        """(milliseconds, response); ``before`` runs untimed."""
        if self.target.before:
            self.target.before()
        started = time.perf_counter()
        response = self.client.get(self.target.url, headers=self.headers)
        body_length(response)
        return (time.perf_counter() - started) * 1000, response

    def check(self, response, when):
        if response.status_code == self.target.expect_status:
            return True
        self.result.status = response.status_code
        self.result.error = (
            f"HTTP {response.status_code} {when}, expected {self.target.expect_status}"
        )
        self.result.runs = 0
        return False

    def count(self):
        """Status, bytes and queries of one more request."""
        if self.target.before:
            self.target.before()
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(self.target.url, headers=self.headers)
            size = body_length(response)
        self.result.status = response.status_code
        self.result.queries = len(captured.captured_queries)
        self.result.bytes = size
        samples = self.result.samples_ms
        self.result.median_ms = statistics.median(samples)
        self.result.p95_ms = percentile(samples, 95)


def measure(targets, clients, *, runs=20, warmup=3, progress=None):
    """Time every target ``runs`` times after ``warmup`` runs each.

    Targets without a ``before`` hook are measured round-robin (run 1 of
    each, then run 2 of each, …) so that load from other processes on a
    shared machine falls on all of them alike and their ratios stay fair.
    Targets with a hook (they drop caches or publish) are warmed up and
    measured one after another afterwards, since what they do would disturb
    the others (a publication changes the ETag a revalidation sends).
    """
    every = [_Run(target, clients[target.user], runs) for target in targets]
    shared = [run for run in every if not run.target.before]
    alone = [[run] for run in every if run.target.before]
    for group in [shared, *alone]:
        group = [run for run in group if run.warm_up(warmup)]
        for _ in range(runs):
            for run in list(group):
                elapsed, response = run.get()
                if run.check(response, "in a timed run"):
                    run.result.samples_ms.append(elapsed)
                else:
                    group.remove(run)
        for run in group:
            if progress:
                progress(run.target)
            run.count()
    return [run.result for run in every]
