"""Tests of wagtail_eventcal.workflow."""
