"""Everything a client reads without a browser.

Owns: iCalendar (``ical`` renders a VEVENT, ``ical_feed`` serves feeds from the
stored fragments), RSS/Atom (``syndication``), JSON-LD (``jsonld``), the
sitemap (``sitemaps``), the JSON API (``api``), conditional GET
(``conditional``) and the publication token that keys every cache
(``publication``).
May import ``models``, ``rules``, the top-level helpers and ``public``'s filter
form and query-string handling (one set of filters for pages and feeds);
never ``workflow`` or ``delegation``.
"""
