"""Events in and out: import, duplicate detection and open-data export.

Owns: reading ``.ics`` files and CSV/XLSX in the Japanese recommended
open-data event format (``readers``, ``columns``), turning each row into the
values of a draft ``EventPage`` with per-row errors (``rows``), the admin
import with its preview (``importer``, ``views``, ``admin``), the duplicate
score and its warnings (``duplicates``, ``normalize``) and the open-data CSV
and JSON of a calendar (``export``).
May import ``models``, ``rules`` (the posting-rules verdict of each row),
``public`` (the calendar's filters), ``feeds`` (the publication token and
conditional GET) and the top-level helpers; never ``workflow``,
``delegation`` or ``wagtail_hooks``. Nothing is published here: an import
only makes drafts, which go through the ordinary review.
"""
