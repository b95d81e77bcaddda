from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class HomePage(Page):
    """The example site's root: links to its calendars."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    content_panels = Page.content_panels + ["title_en"]

    class Meta:
        verbose_name = _("home page")
