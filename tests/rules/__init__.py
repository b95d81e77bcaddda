"""Tests of wagtail_eventcal.rules."""
