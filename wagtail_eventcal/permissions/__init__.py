"""Deprecated package: the permission layers moved to ``wagtail_eventcal.delegation``
(a proxy's tester, policy and backend) and ``wagtail_eventcal.organizations``
(the organization scope). Only ``permissions.backends`` remains, as an alias,
until the next release."""
