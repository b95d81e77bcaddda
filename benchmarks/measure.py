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


def measure(target, client, *, runs=20, warmup=3):
    """Run ``target`` ``warmup`` + ``runs`` times; time the last ``runs``."""
    result = Result(target.name, target.label, runs=runs, note=target.note)
    headers = dict(target.headers)
    if target.prepare:
        headers.update(target.prepare(client))

    def get():
        if target.before:
            target.before()
        started = time.perf_counter()
        response = client.get(target.url, headers=headers)
        size = body_length(response)
        return time.perf_counter() - started, response, size

    for _ in range(warmup):
        _elapsed, response, _size = get()
        if response.status_code != target.expect_status:
            result.status = response.status_code
            result.error = f"HTTP {response.status_code}, expected {target.expect_status}"
            result.runs = 0
            return result
    samples = []
    for _ in range(runs):
        elapsed, response, _size = get()
        if response.status_code != target.expect_status:
            result.status = response.status_code
            result.error = f"HTTP {response.status_code} in a timed run"
            return result
        samples.append(elapsed * 1000)
    if target.before:
        target.before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(target.url, headers=headers)
        size = body_length(response)
    result.status = response.status_code
    result.queries = len(captured.captured_queries)
    result.bytes = size
    result.samples_ms = samples
    result.median_ms = statistics.median(samples)
    result.p95_ms = percentile(samples, 95)
    return result
