"""Account views of our own; log-in, log-out and the password views are Django's."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import RedirectURLMixin
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic.edit import CreateView

from .forms import SignUpForm


@method_decorator(
    [
        login_not_required,
        sensitive_post_parameters("password1", "password2"),
        csrf_protect,
        never_cache,
    ],
    name="dispatch",
)
class SignUpView(RedirectURLMixin, CreateView):
    """Create a resident account, log the new user in and send them on.

    The new user has no role and ``verified=False``. Like the log-in page, the
    view honours a ``next`` parameter only when it points to this site, and
    sends a user who is already logged in straight on.
    """

    form_class = SignUpForm
    template_name = "registration/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            url = self.get_success_url()
            if url == request.path:
                url = self.get_default_redirect_url()
            return HttpResponseRedirect(url)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form):
        user = form.save()
        # The password was just set, so the model backend is the one that vouches for it.
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            redirect_field_name=self.redirect_field_name,
            redirect_to=self.get_redirect_url(),
            **kwargs,
        )
