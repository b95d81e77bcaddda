"""Requests at the same moment: threads, each with its own database
connection, released together by one barrier."""

import threading

from django.db import connection


def at_once(*calls):
    """Run the calls in threads released by one barrier; their results (an
    exception raised by a call is its result, for the test to assert on)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:
            results[i] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results
