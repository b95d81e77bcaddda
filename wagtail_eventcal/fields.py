from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_http_url


class ChoiceListField(models.JSONField):
    """A list of codes from a fixed choice set, stored as JSON.

    Used for multi-valued vocabularies that are shown and validated but never
    joined on (residence statuses, event languages); works the same on SQLite
    and PostgreSQL.
    """

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_list"] = self.choices_list
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self.choices_list}
        unknown = [v for v in value or () if v not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(values)s"),
                params={"values": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in ("initial",)},
        )

    def labels(self, value):
        mapping = dict(self.choices_list)
        return [mapping.get(code, code) for code in value or ()]


class HttpURLField(models.URLField):
    """A URL that must be http(s), with one clear message for anything else
    (`javascript:`, `data:`, `ftp:`, malformed)."""

    default_validators = [validate_http_url]

    def formfield(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": validate_http_url.message})
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
