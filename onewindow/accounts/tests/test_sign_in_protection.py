"""Issue 17 item 1: sign-in throttling and lockout (django-axes) on both sign-in pages, the
events on the audit chain, Argon2 hashing and the staff password policy."""

from __future__ import annotations

import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditEntry
from onewindow.organisations.factories import TEST_PASSWORD
from onewindow.registries.services import citizen_signup

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _post(client: Client, path: str, username: str, password: str, **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("path", [LOGIN, ADMIN_LOGIN])
def test_an_account_is_locked_after_five_wrong_passwords(world, path):
    client = Client()
    for _ in range(4):
        response = _post(client, path, "supervisor_a", "wrong-password")
        assert response.status_code == 200
    # The fifth locks the account; the right password then no longer opens it, and the page says
    # why, in Chinese.
    assert _post(client, path, "supervisor_a", "wrong-password").status_code == 429
    response = _post(client, path, "supervisor_a", TEST_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page
    assert "15" in page
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_from_any_address(world):
    for n in range(5):
        _post(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), LOGIN, "reviewer_x", "nope")
    response = _post(Client(REMOTE_ADDR="10.9.9.9"), LOGIN, "reviewer_x", TEST_PASSWORD)
    assert response.status_code == 429


def test_a_lockout_is_per_address_across_accounts(world):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _post(client, LOGIN, name, "nope")
    # Another account from the same address is refused; from elsewhere it signs in.
    assert _post(client, LOGIN, "clerk_a", TEST_PASSWORD).status_code == 429
    assert _post(Client(), LOGIN, "clerk_a", TEST_PASSWORD).status_code == 302


def test_a_spoofed_forwarded_for_does_not_escape_the_address_lockout(world):
    client = Client(REMOTE_ADDR="192.0.2.8")
    for n in range(5):
        _post(client, LOGIN, f"u{n}", "nope", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = _post(client, LOGIN, "clerk_a", TEST_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_forwarded_for_is_read_only_from_a_trusted_proxy(world, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(5):
        _post(proxy, LOGIN, f"u{n}", "nope", HTTP_X_FORWARDED_FOR="198.51.100.1")
    # The proxy relays another client: that client is not locked out with the first.
    other = Client(REMOTE_ADDR="127.0.0.1")
    response = _post(other, LOGIN, "clerk_a", TEST_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 302
    response = _post(proxy, LOGIN, "clerk_a", TEST_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert response.status_code == 429


def test_a_successful_sign_in_clears_the_failures(world):
    client = Client()
    for _ in range(4):
        _post(client, LOGIN, "manager_a", "nope")
    assert _post(client, LOGIN, "manager_a", TEST_PASSWORD).status_code == 302
    client = Client()
    for _ in range(4):
        _post(client, LOGIN, "manager_a", "nope")
    assert _post(client, LOGIN, "manager_a", TEST_PASSWORD).status_code == 302


def test_failures_and_the_lockout_are_on_the_audit_chain(world):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(5):
        _post(client, ADMIN_LOGIN, "admin_a", "nope")
    _post(client, ADMIN_LOGIN, "admin_a", TEST_PASSWORD)
    entries = list(AuditEntry.objects.filter(kind__startswith="accounts."))
    kinds = [e.kind for e in entries]
    assert kinds == ["accounts.sign_in_failed"] * 5 + ["accounts.locked_out"] * 2
    assert [e.content["event"] for e in entries[5:]] == ["locked", "refused"]
    assert {e.content["address"] for e in entries} == {"192.0.2.10"}
    assert {e.content["path"] for e in entries} == {ADMIN_LOGIN}
    assert {e.ref for e in entries} == {"admin_a"}
    assert audit_verify() is None


def test_a_citizens_id_number_is_kept_neither_in_the_audit_nor_by_axes(world):
    number = world.person.id_number
    for _ in range(2):
        _post(Client(), LOGIN, number, "nope")
    entry = AuditEntry.objects.filter(kind="accounts.sign_in_failed").last()
    assert number not in str(entry.content)
    assert number not in entry.ref
    assert entry.content["username"].startswith(number[:3])
    stored = [
        f"{attempt.username} {attempt.post_data} {attempt.get_data}"
        for attempt in AccessAttempt.objects.all()
    ]
    assert stored
    assert all(number not in name for name in stored)


def test_the_lockout_page_has_no_sign_in_form_and_no_500(world):
    client = Client()
    for _ in range(6):
        response = _post(client, LOGIN, "", "")
    # An empty form is a form error, not a failed attempt: nobody is locked by it.
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()


# --- Argon2 ---------------------------------------------------------------------------------


def test_argon2_is_the_production_hasher():
    # The test settings swap in a fast hasher (conftest); the settings module itself is what runs
    # in production.
    production = importlib.import_module("config.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_new_passwords_are_argon2_and_old_hashes_are_upgraded(world, settings):
    production = importlib.import_module("config.settings")
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    assert make_password("x-Y-1234567").startswith("argon2$argon2id$")
    user = world.clerk_a
    # A hash of the earlier default (PBKDF2) still signs in, and is re-hashed with Argon2.
    user.password = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert _post(Client(), LOGIN, "clerk_a", TEST_PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


# --- Password policy --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Short-1a",  # shorter than 12
        "alllowercaseletters",  # one class only
        "lowercase-and-dashes",  # two classes
    ],
)
def test_the_staff_policy_refuses_weak_passwords(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, world.clerk_a)


def test_the_staff_policy_accepts_a_long_mixed_password(world):
    validate_password("Window-Clerk-2026", world.clerk_a)


def test_the_admin_password_change_applies_the_staff_policy(world, login):
    client = login(world.admin_a)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "lowercase-and-dashes",
            "new_password2": "lowercase-and-dashes",
        },
    )
    assert response.status_code == 200  # the form again, with the policy's message
    world.admin_a.refresh_from_db()
    assert world.admin_a.check_password(TEST_PASSWORD)


def test_citizens_keep_the_general_policy(world):
    import random

    from onewindow.core.identity_makers import make_resident_id

    person = citizen_signup(
        id_number=make_resident_id(random.Random(17)),
        name="赵敏",
        phone="13800138000",
        password="garden-path",
    )
    assert person.user.check_password("garden-path")
