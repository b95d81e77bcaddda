"""Benchmarks of wagtail-eventcal (``make bench``, ``make load``).

Also a tiny Django app: it holds the bare Wagtail page that serves as the
floor for HTML timings and the plain django-ical feed that serves as the
baseline for the iCalendar feed. Only the benchmark settings install it.
"""
