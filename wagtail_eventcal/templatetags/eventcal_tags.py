from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import format_html
from django.utils.translation import pgettext

from .. import base_url, dates
from ..bilingual import lang_marked as mark_language
from ..bilingual import localized
from ..public.query_params import echoed_query
from ..public.titles import day_name as format_day_name

register = template.Library()


@register.inclusion_tag("wagtail_eventcal/includes/bilingual.html")
def bilingual(obj, name, rich=False, inline=False):
    """A paired field in the active language, marked when shown in Japanese
    only because the English text is blank."""
    return {"value": localized(obj, name), "rich": rich, "inline": inline}


@register.simple_tag(takes_context=True)
def echoed_path(context):
    """The current path with its known parameters, each value shortened:
    links to this page (canonical, other languages) never repeat a huge input."""
    request = context.get("request")
    if not request:
        return "/"
    query = echoed_query(request)
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current URL (query string kept) in every configured language."""
    path = echoed_path(context)
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "active": code == current,
                # hreflang="x-default": the site's own language (Japanese).
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """``url`` on the site's base URL (:mod:`wagtail_eventcal.base_url`)."""
    return base_url.absolute(url)


@register.simple_tag
def day_name(day, year=True):
    """ "1 December 2026" / "2026年12月1日" (``year=False``: "1 December")."""
    return format_day_name(day, year=year)


@register.filter
def weekday_abbr(index):
    return WEEKDAYS_ABBR[index]


@register.filter
def display_choice(value, choices_class_path):
    """Label of a code, e.g. ``{{ code|display_choice:"Category" }}``."""
    from .. import choices

    return dict(getattr(choices, choices_class_path).choices).get(value, value)


@register.filter
def tr(obj, name):
    """``{{ event|tr:"summary" }}``: a paired field in the active language."""
    return localized(obj, name)


@register.filter
def lang_marked(value, language=None):
    """A :class:`~wagtail_eventcal.bilingual.LocalizedValue` (an organization's
    ``name``) or a text in ``language`` (``{{ page.title|lang_marked:"ja" }}``)
    in a ``lang`` span when it is not in the page's language."""
    language = language or getattr(value, "language", None)
    if language is None:
        return value
    return mark_language(str(value), language)


@register.filter
def bilingual_label(label):
    """ "日本語 / English" (the delegation form's acknowledgements, quoted in
    both languages whatever the admin language) with each half marked."""
    ja, separator, en = str(label).partition(" / ")
    if not separator:
        return label
    return format_html('<span lang="ja">{}</span> / <span lang="en">{}</span>', ja, en)


@register.simple_tag
def widget_with_references(field):
    """The field's widget, its ``aria-describedby`` naming the help text and
    the error message under the ids Wagtail's field template gives them
    (``<id>-helptext`` and ``<id>_error``, passed to ``formattedfield`` as
    ``help_text_id`` and ``error_message_id``).
    Django and Wagtail disagree on the help text's id and Wagtail drops the
    error's reference (Wagtail 8.0)."""
    references = []
    if field.help_text:
        # The template passes the same id as formattedfield's help_text_id:
        # Wagtail's own (after id_for_label) is empty for a checkbox group.
        references.append(f"{field.auto_id}-helptext")
    if field.errors:
        references.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(references)} if references else {}
    return field.as_widget(attrs=attrs)


@register.simple_tag
def eventcal_secretariat():
    """The secretariat's contact (setting ``SECRETARIAT``) for the footer and
    the accessibility statement."""
    from ..conf import get_setting

    return get_setting("SECRETARIAT")


@register.filter
def join_list(values):
    """Items joined as the language writes a list: "日本語、英語" / "Japanese, English"."""
    return pgettext("list separator", ", ").join(str(value) for value in values)


@register.inclusion_tag("wagtail_eventcal/includes/org_names.html")
def org_names(organizations):
    """Organization names in the active language, joined as a list; one
    without an English name is marked "Japanese only" on English pages."""
    return {"organizations": organizations}


@register.simple_tag
def event_image(event, sizes):
    """The event's image, responsive and lazy (``event_images``), or ""."""
    from ..event_images import responsive_img

    return responsive_img(event, sizes)


@register.filter
def eventcal_date(value):
    """A date in the active language's one format (``dates``)."""
    return dates.format_date(value)


@register.filter
def eventcal_datetime(value):
    """A date and time (JST) in the active language's one format (``dates``)."""
    return dates.format_datetime(value)


@register.filter
def eventcal_time(value):
    """A time of day (JST) in the active language's one format (``dates``)."""
    return dates.format_time(value)
