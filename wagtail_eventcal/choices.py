"""Fixed vocabularies: codes from SPEC.md, labels through gettext."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BodyType(models.TextChoices):
    MINISTRY = "ministry", _("Ministry or agency")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    INCORPORATED_ADMINISTRATIVE_AGENCY = (
        "incorporated_administrative_agency",
        _("Incorporated administrative agency"),
    )
    CHAMBER_OF_COMMERCE = "chamber_of_commerce", _("Chamber of commerce and industry")
    SOCIETY_OF_COMMERCE = "society_of_commerce", _("Society of commerce and industry")
    UNIVERSITY = "university", _("University")
    GENERAL_INCORPORATED_ASSOCIATION = (
        "general_incorporated_association",
        _("General incorporated association"),
    )
    GENERAL_FOUNDATION = "general_foundation", _("General incorporated foundation")
    PUBLIC_INTEREST_FOUNDATION = (
        "public_interest_foundation",
        _("Public-interest incorporated foundation"),
    )
    COMPANY = "company", _("Private company")
    OTHER = "other", pgettext_lazy("body type", "Other")


class Role(models.TextChoices):
    """An organization's part in an event. Only the first three, held by a
    public body, satisfy posting rule 2 (``rules.eligibility.QUALIFYING_ROLES``);
    sponsors, cooperating organizations and exhibitors are listed but count
    for nothing there."""

    ORGANIZER = "organizer", _("Organizer")
    CO_ORGANIZER = "co_organizer", _("Co-organizer")
    SUPPORTER = "supporter", _("Supporter")
    SPONSOR = "sponsor", _("Sponsor")
    COOPERATOR = "cooperator", _("Cooperating organization")
    EXHIBITOR = "exhibitor", _("Exhibitor")


class Category(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    JOB_FAIR = "job_fair", _("Job fair")
    NETWORKING = "networking", _("Networking / exchange")
    BRIEFING = "briefing", _("Briefing / information session")
    OTHER = "other", pgettext_lazy("category", "Other")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class Audience(models.TextChoices):
    FOREIGN_PROFESSIONALS = "foreign_professionals", _("Foreign professionals")
    INTERNATIONAL_STUDENTS = "international_students", _("International students (job seekers)")
    COMPANIES = "companies", _("Companies")
    BOTH = "both", _("Foreign professionals and companies")
    SUPPORT_ORGANIZATIONS = "support_organizations", _("Support organizations and public bodies")
    GENERAL = "general", _("Anyone interested")


class ResidenceAudience(models.TextChoices):
    """Residence statuses an event is mainly aimed at (posting rule 1)."""

    HIGHLY_SKILLED_PROFESSIONAL = "highly_skilled_professional", _("Highly Skilled Professional")
    ENGINEER_SPECIALIST = (
        "engineer_specialist",
        _("Engineer / Specialist in Humanities / International Services"),
    )
    STUDENT_JOB_SEEKER = (
        "student_job_seeker",
        _("International students seeking full-time employment"),
    )
    SPECIFIED_SKILLED_WORKER = "specified_skilled_worker", _("Specified Skilled Worker")
    TECHNICAL_INTERN = "technical_intern", _("Technical Intern Training")
    STUDENT_PART_TIME = "student_part_time", _("Part-time work by international students")
    # Rule 1 lists its exclusions with 「など」: the list is open.
    OTHER_NON_PROFESSIONAL = (
        "other_non_professional",
        _(
            "Other work outside the professional/technical statuses "
            "(e.g. Working Holiday or other Designated Activities)"
        ),
    )


class EventLanguage(models.TextChoices):
    JAPANESE = "ja", _("Japanese")
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    KOREAN = "ko", _("Korean")
    VIETNAMESE = "vi", _("Vietnamese")
    OTHER = "other", pgettext_lazy("language", "Other")


class Prefecture(models.TextChoices):
    HOKKAIDO = "hokkaido", _("Hokkaido")
    AOMORI = "aomori", _("Aomori")
    IWATE = "iwate", _("Iwate")
    MIYAGI = "miyagi", _("Miyagi")
    AKITA = "akita", _("Akita")
    YAMAGATA = "yamagata", _("Yamagata")
    FUKUSHIMA = "fukushima", _("Fukushima")
    IBARAKI = "ibaraki", _("Ibaraki")
    TOCHIGI = "tochigi", _("Tochigi")
    GUNMA = "gunma", _("Gunma")
    SAITAMA = "saitama", _("Saitama")
    CHIBA = "chiba", _("Chiba")
    TOKYO = "tokyo", _("Tokyo")
    KANAGAWA = "kanagawa", _("Kanagawa")
    NIIGATA = "niigata", _("Niigata")
    TOYAMA = "toyama", _("Toyama")
    ISHIKAWA = "ishikawa", _("Ishikawa")
    FUKUI = "fukui", _("Fukui")
    YAMANASHI = "yamanashi", _("Yamanashi")
    NAGANO = "nagano", _("Nagano")
    GIFU = "gifu", _("Gifu")
    SHIZUOKA = "shizuoka", _("Shizuoka")
    AICHI = "aichi", _("Aichi")
    MIE = "mie", _("Mie")
    SHIGA = "shiga", _("Shiga")
    KYOTO = "kyoto", _("Kyoto")
    OSAKA = "osaka", _("Osaka")
    HYOGO = "hyogo", _("Hyogo")
    NARA = "nara", _("Nara")
    WAKAYAMA = "wakayama", _("Wakayama")
    TOTTORI = "tottori", _("Tottori")
    SHIMANE = "shimane", _("Shimane")
    OKAYAMA = "okayama", _("Okayama")
    HIROSHIMA = "hiroshima", _("Hiroshima")
    YAMAGUCHI = "yamaguchi", _("Yamaguchi")
    TOKUSHIMA = "tokushima", _("Tokushima")
    KAGAWA = "kagawa", _("Kagawa")
    EHIME = "ehime", _("Ehime")
    KOCHI = "kochi", _("Kochi")
    FUKUOKA = "fukuoka", _("Fukuoka")
    SAGA = "saga", _("Saga")
    NAGASAKI = "nagasaki", _("Nagasaki")
    KUMAMOTO = "kumamoto", _("Kumamoto")
    OITA = "oita", _("Oita")
    MIYAZAKI = "miyazaki", _("Miyazaki")
    KAGOSHIMA = "kagoshima", _("Kagoshima")
    OKINAWA = "okinawa", _("Okinawa")
    ONLINE = "online", _("Online")
    OVERSEAS = "overseas", _("Overseas")
