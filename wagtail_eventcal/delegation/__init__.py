"""Proxy entry: a public body lets one contractor enter one event.

Owns: the service (``service``: grant, revoke, expire, the guardian grant),
its form (``forms``), admin views and their URLs (``views``, ``urls``), the
menu and button wiring (``admin``), the proxy's dashboard panel
(``dashboard``), the labels shown beside delegated events (``labels``), its
mails (``mails``), and the permission layers a proxy needs (``testers``,
``policy``, ``backends``).
May import ``models``, ``workflow`` (reviewers, the mail outbox) and the
top-level helpers; never ``public`` or ``feeds``.
"""
