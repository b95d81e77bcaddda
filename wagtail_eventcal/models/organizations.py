from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.search import index

from ..bilingual import pick
from ..choices import BodyType, Prefecture
from ..fields import HttpURLField


class BodyTypeTag(models.Model):
    """One row per body-type code, so that events can be filtered by the
    type of their organizers with a join (works on SQLite and PostgreSQL)."""

    code = models.CharField(_("code"), max_length=64, choices=BodyType.choices, unique=True)

    class Meta:
        verbose_name = _("body type")
        verbose_name_plural = _("body types")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def public_bodies(self, on=None):
        """Organizations of a public-body type of the rules in force on ``on``
        (today when None): their staff enter events and may ask for proxy
        entry; members of any other organization may not (FAQ 2)."""
        from ..rules.eligibility import public_body_types

        codes = sorted(public_body_types(on))
        tagged = BodyTypeTag.objects.filter(code__in=codes).values("organizations")
        return self.filter(pk__in=tagged)

    def not_public_bodies(self, on=None):
        return self.exclude(pk__in=self.model.objects.public_bodies(on).values("pk"))


class Organization(index.Indexed, models.Model):
    """The registry of bodies that organize, co-organize or support events."""

    name_ja = models.CharField(
        _("name (Japanese)"),
        max_length=255,
        help_text=_("Official name in Japanese."),
    )
    name_en = models.CharField(
        _("name (English)"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank if there is no English name."),
    )
    body_types = models.ManyToManyField(
        BodyTypeTag,
        verbose_name=_("body types"),
        related_name="organizations",
        help_text=_(
            "A body may be of more than one type, e.g. a national university "
            "corporation is a university."
        ),
    )
    prefecture = models.CharField(
        _("prefecture"), max_length=32, choices=Prefecture.choices, blank=True
    )
    website = HttpURLField(
        _("website"),
        blank=True,
        help_text=_("The body's own site: the organizer link of its events' structured data."),
    )
    contact_email = models.EmailField(
        _("public contact address"),
        blank=True,
        help_text=_(
            "An address the body publishes for enquiries: calendar feeds name it as the "
            "organizer of events without their own contact address. Leave blank if none."
        ),
    )
    local_government_code = models.CharField(
        _("local government code"),
        max_length=6,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9]{6}$", _("Six digits, with the check digit (e.g. 131016)."))
        ],
        help_text=_(
            "全国地方公共団体コード (six digits) of a local government: the first column of "
            "the open-data files."
        ),
    )
    corporate_number = models.CharField(
        _("corporate number"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{13}$", _("Thirteen digits."))],
        help_text=_("法人番号 (13 digits), if the body has one."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        related_name="eventcal_organizations",
        blank=True,
        help_text=_(
            "Staff accounts that submit events for this body. Only staff of a public "
            "body (posting rule 2) may enter events and ask for proxy entry; members "
            "of any other organization can be invited as proxies only (FAQ 2)."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive bodies are kept for past events but cannot be chosen for new ones."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_ja"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_ja"),
        index.AutocompleteField("name_en"),
        index.FilterField("is_active"),
        index.FilterField("prefecture"),
    ]

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ja"]

    def __str__(self):
        return str(self.name)

    def save(self, *args, **kwargs):
        before = (
            Organization.objects.filter(pk=self.pk).values_list("name_ja", "name_en").first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before and before != (self.name_ja, self.name_en):
            # Its events are found by its name: refresh their search text.
            from .pages import EventPage

            for event in EventPage.objects.filter(participations__organization=self).distinct():
                event.refresh_search_text()

    @property
    def name(self):
        """The name in the active language (Japanese when no English name)."""
        return pick(self.name_ja, self.name_en)

    def body_type_codes(self):
        # Uses the prefetch cache when the caller prefetched ``body_types``.
        return [tag.code for tag in self.body_types.all()]

    def is_public_body(self, on=None):
        from ..rules.eligibility import is_public_body

        return is_public_body(self.body_type_codes(), on)

    def body_type_labels(self):
        return pgettext("list separator", ", ").join(str(tag) for tag in self.body_types.all())

    body_type_labels.short_description = _("Body types")
