"""Issue 17 item 2, second factor: staff may add a TOTP authenticator (django-otp); with
ONEWINDOW_OTP_REQUIRED, administrators and supervisors must."""

from __future__ import annotations

import binascii

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from onewindow.accounts import second_factor

SETUP = reverse("accounts:otp-setup")
VERIFY = reverse("accounts:otp-verify")


def _code(key_hex: str) -> str:
    return f"{totp(binascii.unhexlify(key_hex)):06d}"


def _set_up(client) -> list[str]:
    """Go through the set-up page; the recovery codes it shows."""
    page = client.get(SETUP)
    assert page.status_code == 200
    key = client.session[second_factor.SESSION_KEY]
    done = client.post(SETUP, {"token": _code(key)})
    assert done.status_code == 200
    return list(done.context["codes"])


def test_setup_shows_a_locally_made_qr_code_and_stores_nothing_until_confirmed(world, login):
    client = login(world.clerk_a)
    response = client.get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    assert "otpauth" not in page  # the secret travels in the QR code and as the key, not a link
    assert "http://" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )
    assert not TOTPDevice.objects.exists()
    # A wrong first code is refused and stores nothing.
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not TOTPDevice.objects.exists()


def test_setup_confirms_the_device_and_gives_recovery_codes(world, login):
    client = login(world.clerk_a)
    codes = _set_up(client)
    device = TOTPDevice.objects.get(user=world.clerk_a)
    assert device.confirmed
    assert len(codes) == second_factor.RECOVERY_CODES
    assert StaticToken.objects.filter(device__user=world.clerk_a).count() == len(codes)
    # The session that set it up is verified: the workspace opens.
    assert client.get(reverse("accounts:ws-window")).status_code == 200


def test_a_staff_member_with_a_device_enters_a_code_after_the_password(world, login):
    codes = _set_up(login(world.clerk_a))
    device = TOTPDevice.objects.get(user=world.clerk_a)
    client = login(world.clerk_a)  # a new sign-in: password only
    workspace = reverse("accounts:ws-window")
    response = client.get(workspace)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={workspace.replace('/', '%2F')}"
    assert client.get(workspace).status_code == 302
    # A recovery code works once.
    response = client.post(f"{VERIFY}?next={workspace}", {"token": codes[0], "next": workspace})
    assert response.status_code == 302
    assert response["Location"] == workspace
    assert client.get(workspace).status_code == 200
    again = login(world.clerk_a)
    assert again.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert again.get(workspace).status_code == 302
    # A wrong code slows down the next tries (django-otp's throttle), even a right one at once.
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_the_next_address_after_the_code_stays_on_the_site(world, login):
    codes = _set_up(login(world.clerk_a))
    client = login(world.clerk_a)
    response = client.post(VERIFY, {"token": codes[1], "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:workspace")


def test_required_for_administrators_and_supervisors_when_enabled(world, login, settings):
    settings.ONEWINDOW_OTP_REQUIRED = True
    for user, page in (
        (world.supervisor_a, reverse("accounts:ws-supervision")),
        (world.admin_a, reverse("accounts:ws-admin")),
        (world.admin_a, reverse("admin:index")),
    ):
        response = login(user).get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(SETUP)
    # Other staff are not forced.
    assert login(world.clerk_a).get(reverse("accounts:ws-window")).status_code == 200
    # After setting it up, the supervisor works.
    client = login(world.supervisor_a)
    _set_up(client)
    assert client.get(reverse("accounts:ws-supervision")).status_code == 200


def test_not_required_while_the_setting_is_off(world, login, settings):
    settings.ONEWINDOW_OTP_REQUIRED = False
    assert login(world.supervisor_a).get(reverse("accounts:ws-supervision")).status_code == 200


def test_citizens_have_no_second_factor_page(world, login):
    assert login(world.citizen).get(SETUP).status_code == 403
    assert login(None).get(SETUP).status_code == 302
