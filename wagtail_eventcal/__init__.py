"""A moderated, bilingual (Japanese / English) event calendar for Wagtail."""

__version__ = "0.1.0"

#: Japanese for Wagtail's JavaScript strings its catalogue lacks ("Collapse
#: all"). Wagtail's admin serves its JS catalogue from ``wagtail.admin``'s
#: locale only, plus the project's ``LOCALE_PATHS``: a project adds this
#: directory there (README, "Translations"). It holds no ``django`` domain.
WAGTAIL_JS_LOCALE = __path__[0] + "/wagtail_js_locale"
