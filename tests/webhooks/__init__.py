"""Tests of wagtail_eventcal.webhooks."""
