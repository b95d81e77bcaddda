"""Tests of wagtail_eventcal.public."""
