"""Account pages: sign-up, log in and out, password reset by e-mail, language and escaping.

The Korean text asserted here comes from the project's Korean catalogue, so
these tests also catch a missing or uncompiled ``locale/ko`` catalogue.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from mapping.models import User
from tests.conftest import PASSWORD, make_user

NEW_PASSWORD = "violet-lantern-orchard-42"

pytestmark = pytest.mark.django_db


def sign_up(client, **fields):
    data = {
        "username": "newbie",
        "email": "newbie@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post(reverse("signup"), data)


def logged_in_id(client):
    return client.session.get(SESSION_KEY)


def test_sign_up_creates_an_unverified_resident_and_logs_in(client):
    response = sign_up(client, verified="on", is_planner="on", is_superuser="on", is_staff="on")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
    user = User.objects.get(username="newbie")
    assert user.email == "newbie@example.org"
    assert user.check_password(NEW_PASSWORD)
    assert not user.verified
    assert not user.is_planner and not user.is_staff and not user.is_superuser
    assert user.roles == ["resident"]
    assert logged_in_id(client) == str(user.pk)


def test_sign_up_follows_a_local_next_only(client):
    local = reverse("password_change")
    response = client.post(
        f"{reverse('signup')}?next={local}",
        {
            "username": "a",
            "email": "a@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == local

    client.logout()
    response = sign_up(client, next="https://evil.example/steal")
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_sign_up_page_keeps_next_in_the_form(client):
    response = client.get(reverse("signup"), {"next": "/maps/7/"})
    assert b'name="next" value="/maps/7/"' in response.content


def test_logged_in_user_is_sent_on_from_sign_up(client):
    client.force_login(make_user("resident"))
    response = client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_duplicate_email_in_another_case_is_rejected_with_a_message(client):
    make_user("first", email="Someone@Example.org")

    response = sign_up(client, email="someone@EXAMPLE.ORG", username="second")

    assert response.status_code == 200
    assert not User.objects.filter(username="second").exists()
    assert logged_in_id(client) is None
    assert response.context["form"].errors["email"] == [
        "이 이메일 주소로 가입한 계정이 이미 있습니다. 본인의 계정이라면 로그인하거나 비밀번호를 재설정하세요."
    ]
    assert "이 이메일 주소로 가입한 계정이 이미 있습니다" in response.text


def test_duplicate_username_in_another_case_is_rejected(client):
    make_user("Minji")
    response = sign_up(client, username="minji")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert User.objects.filter(username__iexact="minji").count() == 1


def test_email_is_required(client):
    response = sign_up(client, email="")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("12345678", "password_entirely_numeric"),
        ("password", "password_too_common"),
        ("x7#", "password_too_short"),
    ],
)
def test_weak_password_is_rejected(client, password, code):
    response = sign_up(client, password1=password, password2=password)

    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()
    codes = [error.code for error in response.context["form"].errors.as_data()["password2"]]
    assert code in codes


def test_mismatched_passwords_are_rejected(client):
    response = sign_up(client, password2=NEW_PASSWORD + "!")
    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()


def test_log_in_and_log_out(client):
    user = make_user("resident")

    response = client.post(reverse("login"), {"username": "resident", "password": "wrong"})
    assert response.status_code == 200
    assert logged_in_id(client) is None

    response = client.post(reverse("login"), {"username": "resident", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
    assert logged_in_id(client) == str(user.pk)

    page = client.get(reverse("password_change"))
    assert f'action="{reverse("logout")}"' in page.text

    assert client.get(reverse("logout")).status_code == 405
    assert logged_in_id(client) == str(user.pk)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert logged_in_id(client) is None


def test_password_change_needs_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_password_change(client):
    user = make_user("resident")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "비밀번호가 변경되었습니다." in client.get(response["Location"]).text


def test_password_reset_by_email_end_to_end(client):
    user = make_user("resident", email="resident@example.org")

    response = client.post(reverse("password_reset"), {"email": "RESIDENT@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.org"]
    assert message.subject == "[도시 생활 지도] 비밀번호 재설정"
    assert "resident 님, 안녕하세요." in message.body

    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    assert "새 비밀번호 정하기" in form_page.text
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    assert client.login(username="resident", password=NEW_PASSWORD)
    client.logout()
    used = client.get(link, follow=True)
    assert not used.context["validlink"]
    assert "유효하지 않은 링크입니다" in used.text


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_email_follows_the_language_of_the_request(client):
    make_user("resident", email="resident@example.org")
    client.post(
        reverse("password_reset"),
        {"email": "resident@example.org"},
        headers={"accept-language": "en"},
    )
    assert mail.outbox[0].subject == "Reset your Urban-Life Map password"
    assert mail.outbox[0].body.startswith("Hello resident,")


ACCOUNT_PAGES = [
    "login",
    "signup",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_pages_are_korean_by_default(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="ko">' in response.text
    assert "도시 생활 지도" in response.text
    assert "Urban-Life Map" not in response.text


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_pages_are_english_with_accept_language(client, name):
    response = client.get(reverse(name), headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in response.text
    assert "Urban-Life Map" in response.text
    assert "도시 생활 지도" not in response.text


def test_korean_page_text(client):
    login = client.get(reverse("login")).text
    assert "비밀번호를 잊으셨나요?" in login
    assert "계정 만들기" in login
    signup = client.get(reverse("signup")).text
    assert "회원 가입" in signup
    assert "이메일 주소" in signup


def test_language_cookie_and_switch_form(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Create an account" in client.get(reverse("signup")).text

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    page = client.get(reverse("signup")).text
    assert f'action="{reverse("set_language")}"' in page
    assert '<option value="en" lang="en">English</option>' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Forgot your password?" in client.get(reverse("login")).text


def test_username_is_escaped_in_the_page(client):
    client.force_login(make_user("<script>alert(1)</script>"))
    page = client.get(reverse("password_change")).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_rejected_sign_up_input_is_escaped(client):
    response = sign_up(client, username='"><script>alert(1)</script>')
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
