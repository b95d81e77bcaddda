from wagtail.models import Page


class BarePage(Page):
    """The floor for HTML timings: Wagtail's routing and serving plus the
    calendar's base template, with no queries of its own."""

    template = "benchmarks/bare_page.html"
    parent_page_types = ["wagtailcore.Page", "home.HomePage"]
    subpage_types = []
    # Created by the benchmark only; never offered in the admin.
    is_creatable = False
