"""The public HTML side of the calendar.

Owns: the list, month and archive views (``views``), the filter form and its
query-string handling (``filters``, ``query_params``), the month grid
(``grid``), "add to calendar" links (``links``), the per-event HTML fragments
(``fragments``) and an event's page as routed, kept until the event changes
(``event_page``). The template tags the
public templates load live in ``wagtail_eventcal/templatetags/``, where
Django looks for them, and call into this package and ``feeds``.
May import ``models``, ``rules``, the top-level helpers and ``feeds.publication``
(the cache key); never ``workflow`` or ``delegation``.
"""
