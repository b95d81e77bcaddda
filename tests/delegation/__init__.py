"""Tests of wagtail_eventcal.delegation."""
