"""The "Open data" section of the calendar page (exchange/export.py)."""

from django import template

from ..exchange.export import licence, licence_name

register = template.Library()


@register.simple_tag(takes_context=True)
def open_data_links(context, calendar):
    """CSV and JSON URLs of ``calendar`` with the visitor's filters, and the licence."""
    querystring = context.get("querystring") or ""
    suffix = f"?{querystring}" if querystring else ""
    base = calendar.url.rstrip("/")
    return {
        "csv": f"{base}/opendata.csv{suffix}",
        "json": f"{base}/opendata.json{suffix}",
        "licence_name": licence_name(),
        "licence_url": licence()["url"],
    }
