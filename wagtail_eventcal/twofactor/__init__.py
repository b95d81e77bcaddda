"""Two-factor sign-in to the admin (django-otp: TOTP apps and recovery codes).

Reviewers and superusers publish, so they must confirm each sign-in with a
code from an authenticator app (or a one-time recovery code); submitters may
opt in; proxies must when ``EVENTCAL_TWO_FACTOR_FOR_PROXIES`` is on.
:class:`~wagtail_eventcal.twofactor.middleware.TwoFactorMiddleware` holds every
admin URL until the session is verified (docs/two-factor.md).
May import ``delegation`` (who is a proxy) and the top-level helpers; never
``workflow``, ``public`` or ``feeds``.
"""
