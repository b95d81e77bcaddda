"""Public bodies and who works on whose events.

Owns: the organization admin (``viewsets``) and the organization scope of page
permissions (``permissions``: submitters change only their organizations'
events, combined with a proxy's delegation).
May import ``models``, ``delegation`` (the proxy's permission layers) and the
top-level helpers; never ``public`` or ``feeds``.
"""
