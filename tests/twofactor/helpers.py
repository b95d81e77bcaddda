"""Steps shared by the two-factor tests."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from wagtail_eventcal.twofactor import devices


def code_now(device):
    """What the user's authenticator app shows now for ``device``."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrol(user):
    """``user`` with a confirmed authenticator and recovery codes, as after set-up."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device, devices.new_recovery_codes(user)


def verified(client, device):
    """``client`` (signed in as the device's user) having given the second factor."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
