"""Account pages: sign up, log in and out, password change and reset.

The URL names are those of ``django.contrib.auth.urls`` plus ``signup``. Each
view names its template under ``mapping/registration/`` because
``django.contrib.admin`` ships templates called ``registration/…`` and comes
first in ``INSTALLED_APPS``, so same-named templates of ours would never be
found.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from .accounts_views import SignUpView

TEMPLATES = "mapping/registration/"

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name=f"{TEMPLATES}login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(template_name=f"{TEMPLATES}password_change_form.html"),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name=f"{TEMPLATES}password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            template_name=f"{TEMPLATES}password_reset_form.html",
            email_template_name=f"{TEMPLATES}password_reset_email.html",
            subject_template_name=f"{TEMPLATES}password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name=f"{TEMPLATES}password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name=f"{TEMPLATES}password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name=f"{TEMPLATES}password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
