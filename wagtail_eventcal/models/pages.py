from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..bilingual import localized
from ..choices import (
    Audience,
    Category,
    EventFormat,
    EventLanguage,
    Prefecture,
    ResidenceAudience,
    Role,
)
from ..conf import get_setting
from ..editing.completeness import MissingForSubmissionPanel
from ..editing.forms import EventPageForm
from ..fields import ChoiceListField, HttpURLField
from ..folding import search_text
from ..workflow.panels import (
    ReviewStatusPanel,
    reviewer_only_promote_panels,
    reviewer_only_settings_panels,
)

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


def event_zone():
    return ZoneInfo(get_setting("TIME_ZONE"))


class CalendarPage(RoutablePageMixin, Page):
    """The public calendar. Events live below it and only below it."""

    intro_ja = RichTextField(_("introduction (Japanese)"), blank=True, features=RICH_TEXT_FEATURES)
    intro_en = RichTextField(_("introduction (English)"), blank=True, features=RICH_TEXT_FEATURES)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    content_panels = [
        TitleFieldPanel("title", heading=_("Title (Japanese)")),
        FieldPanel("title_en"),
        FieldPanel("intro_ja"),
        FieldPanel("intro_en"),
    ]

    subpage_types = ["wagtail_eventcal.EventPage"]
    template = "wagtail_eventcal/calendar_page.html"

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    def permissions_for_user(self, user):
        # Adding an event is for public-body staff (FAQ 2): organizations/permissions.py.
        from ..organizations.permissions import CalendarPagePermissionTester

        return CalendarPagePermissionTester(user, self)

    def localized_title(self):
        return localized(self, "title")

    def localized_intro(self):
        return localized(self, "intro")

    def events(self):
        """Live, publicly visible events of this calendar."""
        return EventPage.objects.live().public().descendant_of(self)

    def route(self, request, path_components):
        # An event's page — one slug that none of the routes below matches —
        # comes from a cache checked against the publication token (the
        # event, its stored article, whether a view restriction applies: one
        # query on a hit) instead of Wagtail's child lookup, ``specific`` and
        # the queries for the restrictions and the article (issue 17).
        # Anything else takes Wagtail's way, as before.
        if self.live and len(path_components) == 1 and not self._is_route(path_components[0]):
            from ..public.event_page import routed_event

            event = routed_event(self, path_components[0])
            if event is not None:
                if not event.live:
                    raise Http404
                # What Wagtail's route does: get_parent() without a query.
                event._cached_parent_obj = self
                return RouteResult(event)
        return super().route(request, path_components)

    def _is_route(self, component):
        try:
            self.resolve_subpage(f"/{component}/")
        except Http404:
            return False
        return True

    # The routes only delegate: the views live in public_views.py.
    @path("")
    def upcoming_view(self, request):
        from ..public.views import upcoming

        return upcoming(request, self)

    @path("archive/")
    def archive_view(self, request):
        from ..public.views import archive

        return archive(request, self)

    @path("month/")
    def current_month_view(self, request):
        from ..public.views import month

        return month(request, self, None, None)

    @re_path(r"^month/(?P<year>\d{4})-(?P<month>\d{2})/$")
    def month_view(self, request, year, month):
        from ..public.views import month as month_view

        return month_view(request, self, int(year), int(month))

    @re_path(r"^day/(?P<iso_date>\d{4}-\d{2}-\d{2})/$")
    def day_view(self, request, iso_date):
        from ..public.views import day

        return day(request, self, iso_date)

    @path("accessibility/")
    def accessibility_view(self, request):
        from ..public.views import accessibility

        return accessibility(request, self)

    # Feeds (issue 5): the views live in ical_feed.py and syndication.py.
    # Wagtail routes "feed.ics" as "feed.ics/"; wagtail_eventcal.urls serves
    # the URLs without the slash.
    @path("feed.ics/", name="ical_feed")
    def ical_feed_view(self, request):
        from ..feeds.ical_feed import calendar_feed

        return calendar_feed(request, self)

    @re_path(r"^(?P<slug>[-\w]+)\.ics/$", name="event_ics")
    def event_ics_view(self, request, slug):
        from ..feeds.ical_feed import event_ics

        return event_ics(request, self, slug)

    @path("feed.rss/", name="rss_feed")
    def rss_feed_view(self, request):
        from ..feeds.syndication import EventRssFeed

        return EventRssFeed()(request, calendar=self)

    @path("feed.atom/", name="atom_feed")
    def atom_feed_view(self, request):
        from ..feeds.syndication import EventAtomFeed

        return EventAtomFeed()(request, calendar=self)

    # Open data (issue 15): the views live in exchange/export.py.
    @path("opendata.csv/", name="open_data_csv")
    def open_data_csv_view(self, request):
        from ..exchange.export import open_data_csv

        return open_data_csv(request, self)

    @path("opendata.json/", name="open_data_json")
    def open_data_json_view(self, request):
        from ..exchange.export import open_data_json

        return open_data_json(request, self)


class EventPageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's ``public()`` (not in or below a page with a view
        restriction), as a ``NOT EXISTS`` in the same query: Wagtail reads
        every restriction in a query of its own first, a query each public
        page would pay before its events (its budget is 10)."""
        covering = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.exclude(Exists(covering))

    def with_related(self):
        """Everything a list, grid or feed shows, in a constant number of queries."""
        # The image in the same query (a join); its renditions come from
        # Wagtail's rendition cache, so a list stays within its query budget.
        return self.select_related("image").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organization").order_by(
                    "sort_order"
                ),
            )
        )

    def overlapping(self, start, end):
        """Events that cover any moment of [start, end)."""
        return self.filter(start__lt=end, end__gte=start)

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, most recent first."""
        now = now or timezone.now()
        return self.filter(end__lt=now).order_by("-start", "-pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(Page):
    """One event, in Japanese and English on the same page (one submission,
    one review). Wagtail's ``title`` is the Japanese title."""

    # --- Japanese / English text -------------------------------------------
    title_en = models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank if there is no English version."),
    )
    summary_ja = models.TextField(
        _("summary (Japanese)"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in lists and feeds."),
    )
    summary_en = models.TextField(
        _("summary (English)"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in lists and feeds."),
    )
    description_ja = RichTextField(
        _("description (Japanese)"), blank=True, features=RICH_TEXT_FEATURES
    )
    description_en = RichTextField(
        _("description (English)"), blank=True, features=RICH_TEXT_FEATURES
    )
    venue_name_ja = models.CharField(_("venue (Japanese)"), max_length=255, blank=True)
    venue_name_en = models.CharField(_("venue (English)"), max_length=255, blank=True)
    address_ja = models.CharField(_("address (Japanese)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    # Not parsed out of the address: 四日市市, 市川市 or 郡 names defeat any
    # rule short of the municipal register.
    locality_ja = models.CharField(
        _("city, ward, town or village (Japanese)"),
        max_length=64,
        blank=True,
        help_text=_("As in the address, e.g. 大阪市北区. Used by search engines and open data."),
    )
    locality_en = models.CharField(
        _("city, ward, town or village (English)"),
        max_length=64,
        blank=True,
        help_text=_("e.g. Kita-ku, Osaka."),
    )
    performers_ja = models.CharField(
        _("speakers or performers (Japanese)"),
        max_length=255,
        blank=True,
        help_text=_("Names announced on the detail page, separated by 、 or commas. Optional."),
    )
    performers_en = models.CharField(
        _("speakers or performers (English)"), max_length=255, blank=True
    )
    fee_ja = models.CharField(
        _("fee (Japanese)"),
        max_length=255,
        blank=True,
        help_text=_("Required when the event is not free, e.g. 3,000 yen."),
    )
    fee_en = models.CharField(_("fee (English)"), max_length=255, blank=True)
    contact_name_ja = models.CharField(_("contact name (Japanese)"), max_length=255, blank=True)
    contact_name_en = models.CharField(_("contact name (English)"), max_length=255, blank=True)
    cancellation_note_ja = models.TextField(_("cancellation note (Japanese)"), blank=True)
    cancellation_note_en = models.TextField(_("cancellation note (English)"), blank=True)

    # --- Image (optional) ----------------------------------------------------
    # SET_NULL: deleting an image from the library leaves the event without
    # one rather than deleting the event. related_name "+": the image library
    # needs no reverse accessor (Wagtail's usage view finds references).
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. Shown on the event page, in lists and when the page is shared. "
            "Use a picture you may publish; a landscape picture of at least 1200 × 675 "
            "pixels looks best."
        ),
    )
    image_alt_ja = models.CharField(
        _("image description (Japanese)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Required with an image: what the picture shows, for visitors who cannot see it."
        ),
    )
    image_alt_en = models.CharField(
        _("image description (English)"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank to show the Japanese description on English pages."),
    )

    # --- Date and place -------------------------------------------------------
    start = models.DateTimeField(
        _("start"),
        db_index=True,
        help_text=_("Date and time in Japan Standard Time."),
    )
    end = models.DateTimeField(
        _("end"),
        db_index=True,
        help_text=_("For an event over several days, the end of the last day."),
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Times are ignored; the event covers whole days."),
    )
    event_format = models.CharField(
        _("format"),
        max_length=16,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
    )
    online_url = HttpURLField(
        _("online URL"),
        blank=True,
        help_text=_("Where participants join an online or hybrid event."),
    )
    prefecture = models.CharField(
        _("prefecture"),
        max_length=32,
        choices=Prefecture.choices,
        db_index=True,
        help_text=_("Where the event takes place; Online or Overseas if not in Japan."),
    )

    # --- About the event ---------------------------------------------------
    category = models.CharField(
        _("category"), max_length=32, choices=Category.choices, db_index=True
    )
    audience = models.CharField(
        _("audience"),
        max_length=32,
        choices=Audience.choices,
        default=Audience.BOTH,
    )
    residence_audiences = ChoiceListField(
        _("residence statuses aimed at"),
        choices_list=ResidenceAudience.choices,
        help_text=_(
            "Required to submit (a draft may leave it empty): the residence statuses "
            "the event is mainly for. Events mainly for Technical Intern Training, "
            "part-time work by international students or other work outside the "
            "professional/technical statuses cannot be listed (posting rule 1); next "
            "to professional audiences the secretariat checks the main purpose."
        ),
    )
    event_languages = ChoiceListField(
        _("event languages"),
        choices_list=EventLanguage.choices,
        help_text=_("Languages spoken at the event."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    application_deadline = models.DateTimeField(_("application deadline"), null=True, blank=True)
    detail_url = HttpURLField(
        _("detail / application URL"),
        max_length=500,
        help_text=_(
            "A public page with the event's details or application form. It "
            "must already be online when you submit (posting rule 4)."
        ),
    )

    # --- Contact ------------------------------------------------------------
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "Keep a cancelled event published so that visitors and calendar "
            "subscribers learn of the cancellation."
        ),
    )
    # Keyword search looks here only (folded texts of SEARCHED_FIELDS and the
    # organizations' names): one LIKE, served by a trigram index on PostgreSQL.
    search_text = models.TextField(editable=False, blank=True, default="")

    duplicate_reason = models.TextField(
        _("not a duplicate because"),
        blank=True,
        help_text=_(
            "Only when the event looks like one already submitted: say why it is "
            "another event (e.g. another date or audience)."
        ),
    )

    objects = EventPageManager()

    parent_page_types = ["wagtail_eventcal.CalendarPage"]
    subpage_types = []
    template = "wagtail_eventcal/event_page.html"
    base_form_class = EventPageForm

    search_fields = Page.search_fields + [
        index.SearchField("title_en"),
        index.SearchField("summary_ja"),
        index.SearchField("summary_en"),
        index.SearchField("description_ja"),
        index.SearchField("description_en"),
        index.SearchField("venue_name_ja"),
        index.SearchField("venue_name_en"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("category"),
        index.FilterField("prefecture"),
        index.FilterField("event_format"),
    ]

    japanese_panels = [
        ReviewStatusPanel(heading=_("Review")),
        MissingForSubmissionPanel(heading=_("Still needed for submission")),
        TitleFieldPanel("title", heading=_("Title (Japanese)")),
        FieldPanel("summary_ja"),
        FieldPanel("description_ja"),
        FieldPanel("venue_name_ja"),
        FieldPanel("address_ja"),
        FieldPanel("locality_ja"),
        FieldPanel("performers_ja"),
        FieldPanel("fee_ja"),
        FieldPanel("cancellation_note_ja"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_ja")],
            heading=_("Image"),
        ),
    ]
    english_panels = [
        HelpPanel(
            content=_(
                "Every English field may be left blank: English pages then "
                "show the Japanese text, marked as Japanese only."
            )
        ),
        FieldPanel("title_en"),
        FieldPanel("summary_en"),
        FieldPanel("description_en"),
        FieldPanel("venue_name_en"),
        FieldPanel("address_en"),
        FieldPanel("locality_en"),
        FieldPanel("performers_en"),
        FieldPanel("fee_en"),
        FieldPanel("cancellation_note_en"),
        FieldPanel("image_alt_en"),
    ]
    date_place_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Date and time"),
        ),
        MultiFieldPanel(
            [FieldPanel("event_format"), FieldPanel("online_url"), FieldPanel("prefecture")],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audience"),
                FieldPanel("residence_audiences"),
                FieldPanel("event_languages"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("capacity")]),
                FieldPanel("application_deadline"),
                FieldPanel("detail_url"),
            ],
            heading=_("About the event"),
        ),
        FieldPanel("cancelled"),
        FieldPanel("duplicate_reason"),
    ]
    organizer_panels = [
        InlinePanel(
            "participations",
            heading=_("Organizers, co-organizers and supporters"),
            label=_("Organization"),
            min_num=1,
            help_text=_(
                "At least one. A ministry, local government, incorporated "
                "administrative agency, chamber or society of commerce and "
                "industry, or university must organize, co-organize or support "
                "the event (posting rule 2); sponsoring, cooperating or "
                "exhibiting does not count."
            ),
        ),
    ]
    contact_panels = [
        FieldPanel("contact_name_ja"),
        FieldPanel("contact_name_en"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(japanese_panels, heading=_("Japanese")),
            ObjectList(english_panels, heading=_("English")),
            ObjectList(date_place_panels, heading=_("Date & place")),
            ObjectList(organizer_panels, heading=_("Organizers")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(reviewer_only_promote_panels(), heading=_("Promote")),
            ObjectList(reviewer_only_settings_panels(Page.settings_panels), heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start", "end"], name="eventcal_start_end")]
        # Held by the reviewer group (``eventcal_setup_review``); a permission
        # rather than a group name so that the check costs no query (Wagtail
        # has loaded the user's permissions already) and so that sites can
        # grant it in Settings → Groups.
        permissions = [("review_eventpage", _("Can review submitted events"))]

    # --- Validation ---------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.all_day and self.start and self.end:
            self.start, self.end = all_day_bounds(self.start, self.end)
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must not be before the start.")
        if self.application_deadline and self.start and self.application_deadline > self.start:
            errors["application_deadline"] = _(
                "The application deadline must not be after the start of the event."
            )
        if self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not self.online_url:
            errors["online_url"] = _("Enter the online URL for an online or hybrid event.")
        if not self.is_free and not self.fee_ja:
            errors["fee_ja"] = _("Enter the fee, or tick “free of charge”.")
        if self.image_id and not self.image_alt_ja.strip():
            errors["image_alt_ja"] = _(
                "Describe the image in Japanese (what it shows), or remove the image."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def preview_modes(self):
        # "Front-end" when a separate front-end shows previews (issue 16).
        modes = super().preview_modes
        if get_setting("HEADLESS_PREVIEW_URL"):
            modes = [*modes, ("frontend", _("Front-end"))]
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == "frontend" and get_setting("HEADLESS_PREVIEW_URL") and self.pk:
            # Lazy: the front-end preview lives with the API (feeds/).
            from ..feeds.preview import frontend_redirect

            return frontend_redirect(self, request)
        return super().serve_preview(request, mode_name)

    #: What keyword search (``?q=``) looks in, in both languages.
    SEARCHED_FIELDS = (
        "title",
        "title_en",
        "summary_ja",
        "summary_en",
        "venue_name_ja",
        "venue_name_en",
        "address_ja",
        "address_en",
    )

    def searched_values(self):
        yield from (getattr(self, name) for name in self.SEARCHED_FIELDS)
        for participation in self.participations.all():
            yield participation.organization.name_ja
            yield participation.organization.name_en

    def refresh_search_text(self):
        self.search_text = search_text(self.searched_values())
        EventPage.objects.filter(pk=self.pk).update(search_text=self.search_text)

    def save(self, *args, **kwargs):
        # A save of chosen fields (a draft revision's bookkeeping) leaves the
        # row's content, and so its search text, as it is.
        if kwargs.get("update_fields") is None:
            self.search_text = search_text(self.searched_values())
        return super().save(*args, **kwargs)

    @transaction.atomic
    def save_revision(self, user=None, *args, **kwargs):
        # Every route that makes a revision (edit form, autosave, revert views,
        # the admin API's actions, copy, bulk actions) ends here: while the
        # event is in review only a reviewer may add one (issue 18), or
        # Wagtail's approval would publish what no reviewer saw.
        from ..editing.images import check_image
        from ..workflow.integrity import check_new_revision

        check_new_revision(self, user)
        check_image(self, user)
        return super().save_revision(user, *args, **kwargs)

    def permissions_for_user(self, user):
        # Proxy entry: a delegated user may edit this one page (DESIGN.md, layer 1);
        # submitters only their organizations' events (permissions/organizations.py).
        from ..organizations.permissions import EventPagePermissionTester

        return EventPagePermissionTester(user, self)

    # --- Presentation ------------------------------------------------------
    def localized_title(self):
        return localized(self, "title")

    def localized(self, name):
        return localized(self, name)

    @property
    def title_ja(self):
        return self.title

    @property
    def local_start(self):
        return timezone.localtime(self.start, event_zone())

    @property
    def local_end(self):
        return timezone.localtime(self.end, event_zone())

    def covered_dates(self):
        """The local dates this event covers, first to last."""
        first, last = self.local_start.date(), self.local_end.date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    def participations_by_role(self):
        """{role: [organization, ...]} in form order (uses the prefetch cache)."""
        grouped = {role: [] for role in Role.values}
        for participation in self.participations.all():
            grouped[participation.role].append(participation.organization)
        return grouped

    def organizers(self):
        return self.participations_by_role()[Role.ORGANIZER]

    def residence_audience_labels(self):
        return self._meta.get_field("residence_audiences").labels(self.residence_audiences)

    def event_language_labels(self):
        return self._meta.get_field("event_languages").labels(self.event_languages)

    def get_view_restrictions(self):
        # Routed by CalendarPage.route, the event knows whether Wagtail's
        # check finds any restriction (``view_restricted``, read again after
        # any change of a restriction: public/event_page.py): none costs no
        # query. Otherwise, Wagtail's own.
        if getattr(self, "view_restricted", True):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def get_context(self, request, *args, **kwargs):
        from ..public.fragments import event_page_parts

        context = super().get_context(request, *args, **kwargs)
        # The article and its JSON-LD are stored per revision and language
        # (issue 17); a preview carries unsaved participations in memory and
        # is rendered from them.
        preview = getattr(request, "is_preview", False)
        context["event_jsonld"], context["event_body"] = event_page_parts(self, preview=preview)
        context["calendar"] = self.get_parent().specific
        return context


def all_day_bounds(start, end):
    """Stretch an all-day event to cover whole local days: 00:00 of the first
    to 23:59:59 of the last."""
    zone = event_zone()
    first = timezone.localtime(start, zone).date()
    last = timezone.localtime(end, zone).date()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last, time(23, 59, 59), tzinfo=zone),
    )


class Participation(Orderable):
    """An organization's role in one event (organizer, co-organizer, supporter)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        "wagtail_eventcal.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=Role.choices,
        default=Role.ORGANIZER,
        help_text=_(
            "Organizer (主催), co-organizer (共催) or supporter (後援): only these roles of a "
            "public body make the event eligible (posting rule 2). A sponsor (協賛), "
            "cooperating organization (協力) or exhibitor (出展) is listed on the event "
            "page but does not."
        ),
    )

    panels = [FieldPanel("organization"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"
