"""Publication webhooks: a separate front-end learns of every change at once.

Owns: what a change sends (``payload``), its signature (``signing``), the
stored deliveries and their retries (``delivery``, on the outbox of
``outbox.py``), the signals that record a change (``signals``) and the admin
screens for endpoints and deliveries (``viewsets``).
May import ``models``, ``feeds`` (the publication token, the absolute URLs of
the channels) and the top-level helpers; never ``workflow`` or ``delegation``.
"""
