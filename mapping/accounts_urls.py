"""Account pages: sign up, plus Django's log in and out, password change and reset.

Their templates live in ``mapping/templates/registration/``; ``mapping`` comes
before ``django.contrib.admin`` in ``INSTALLED_APPS`` so they win over the
admin's templates of the same names.
"""

from django.urls import include, path

from .accounts_views import SignUpView

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="signup"),
    path("", include("django.contrib.auth.urls")),
]
