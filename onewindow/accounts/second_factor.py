"""The optional second factor for staff: a TOTP authenticator app (django-otp), with one-time
recovery codes.

Setting up keeps the new secret in the session until the user proves their app has it (a valid
code); only then is the device stored, confirmed, and the session verified. Verifying after the
password checks any confirmed device of the user (authenticator or recovery code); django-otp
slows down repeated wrong codes.
"""

from __future__ import annotations

import binascii
import time
from typing import Any

import segno
from django.conf import settings
from django_otp import match_token, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from onewindow.accounts.models import User

SESSION_KEY = "ow_otp_setup_key"
RECOVERY_CODES = 10


def pending_device(user: User, key: str) -> TOTPDevice:
    """An unsaved device for ``key``: what the QR code and the check of the first code use."""
    return TOTPDevice(user=user, key=key, name="authenticator", confirmed=False)


def new_key() -> str:
    return default_key()


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG, made here (no image service, no CDN)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


def first_code_matches(device: TOTPDevice, token: str) -> bool:
    """Whether ``token`` is the current code of the unsaved ``device`` (± one step)."""
    token = token.strip().replace(" ", "")
    if not token.isdigit() or len(token) != device.digits:
        return False
    try:
        key = binascii.unhexlify(device.key.encode())
    except (binascii.Error, ValueError):
        return False
    totp = TOTP(key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return bool(totp.verify(int(token), tolerance=1))


def confirm(user: User, device: TOTPDevice) -> list[str]:
    """Store the authenticator (replacing an earlier one) and new recovery codes; the codes are
    returned to be shown once."""
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def has_second_factor(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def verify(user: User, token: str) -> Any:
    """The device that accepts ``token`` (a django-otp ``Device``, untyped), or None."""
    token = token.strip().replace(" ", "")
    if not token or len(token) > 16:
        return None
    return match_token(user, token)


def issuer() -> str:
    return str(getattr(settings, "OTP_TOTP_ISSUER", "OneWindow"))
