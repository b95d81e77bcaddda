"""The posting rules and Japanese business days: pure functions, no models.

Owns: which events may be posted (``eligibility``: the rule sets as data and
``evaluate()``) and the review clock's calendar (``business_days``).
May import only ``choices``, ``conf`` and ``bilingual`` from this package, so
the rules can be unit-tested (and read) without a database.
"""
