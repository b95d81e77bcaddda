"""Tests of wagtail_eventcal.feeds."""
