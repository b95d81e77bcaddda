"""A user's authenticator (a TOTP device) and recovery codes (a static
device), on django-otp's models."""

import math
import unicodedata
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Recovery codes made at a time; each one signs in once.
RECOVERY_CODES = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def pending_authenticator(user):
    """The authenticator being set up: kept until confirmed, so that reloading
    the page does not change the secret already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def secret_text(device):
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device):
    """The otpauth:// address as an SVG QR code, drawn here (no outside service
    ever sees the secret)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    return image.to_string(encoding="unicode")


def normalised(code):
    """What was typed, as the devices store it: full-width digits and letters
    from a Japanese input method become ASCII; spaces and hyphens go."""
    code = unicodedata.normalize("NFKC", code or "")
    return "".join(ch for ch in code if ch not in " -\t").lower()


def is_totp_code(code):
    return len(code) == 6 and code.isascii() and code.isdigit()


@transaction.atomic
def confirm_authenticator(user):
    """The pending authenticator becomes the user's only one; returns it."""
    device = pending_authenticator(user)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def candidates(user, code, pending):
    """The devices that may take ``code``: the authenticator being set up
    (``pending``), else the confirmed authenticator for six digits and the
    recovery codes for anything else."""
    if pending:
        return [pending_authenticator(user)] if is_totp_code(code) else []
    model = TOTPDevice if is_totp_code(code) else StaticDevice
    return list(model.objects.filter(user=user, confirmed=True))


def check(user, code, *, pending=False):
    """(the device that accepted ``code`` or None, seconds to wait when the
    device refuses every code for now after repeated failures)."""
    wait = 0
    for device in candidates(user, code, pending):
        allowed, details = device.verify_is_allowed()
        if not allowed and details.get("locked_until"):
            left = (details["locked_until"] - timezone.now()).total_seconds()
            wait = max(wait, math.ceil(left), 1)
            continue
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return accepted, 0
    return None, wait


@transaction.atomic
def new_recovery_codes(user):
    """A fresh set of recovery codes (the old ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes(user):
    """The recovery codes not used yet."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


def is_recovery_device(device):
    return isinstance(device, StaticDevice)


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def remove_all(user):
    """Turn two-factor sign-in off for ``user`` (those who may)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
