from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.dates import WEEKDAYS_ABBR

from ..bilingual import localized
from ..public.query_params import echoed_query

register = template.Library()


@register.inclusion_tag("wagtail_eventcal/includes/bilingual.html")
def bilingual(obj, name, rich=False, inline=False):
    """A paired field in the active language, marked when shown in Japanese
    only because the English text is blank."""
    return {"value": localized(obj, name), "rich": rich, "inline": inline}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current URL (query string kept) in every configured language."""
    request = context.get("request")
    path = "/"
    if request:
        query = echoed_query(request)  # never a huge input repeated
        path = f"{request.path}?{query.urlencode()}" if query else request.path
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "active": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


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
