from django import template

from ..delegation.access import is_proxy_only

register = template.Library()


@register.simple_tag(takes_context=True)
def eventcal_searches_pages(context):
    """Whether the dashboard's page search leads anywhere for this user: a
    proxy may not open the page explorer it submits to."""
    request = context.get("request")
    return request is not None and not is_proxy_only(request.user)
