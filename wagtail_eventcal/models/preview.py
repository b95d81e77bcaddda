"""Preview tokens for a separate front-end (issue 16): one page, a few
minutes, the content exactly as the editor or reviewer previewed it."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviewToken(models.Model):
    # Only a digest is stored: the token itself travels in the preview URL.
    digest = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("preview token")
        verbose_name_plural = _("preview tokens")

    def __str__(self):
        return f"preview of page {self.page_id} until {self.expires_at:%Y-%m-%d %H:%M}"
