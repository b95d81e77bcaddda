"""A moderated, bilingual (Japanese / English) event calendar for Wagtail."""

__version__ = "0.1.0"
