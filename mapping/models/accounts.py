"""User accounts with their roles, and hashed API tokens for the JSON API.

Roles are not exclusive: everybody is a resident; a user may also review one or
more districts, work in one department, plan, and administer (superuser).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .districts import Department, District


class User(AbstractUser):
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Identity confirmed (for later identity checks).")
    )
    is_planner = models.BooleanField(_("planner"), default=False)
    show_name_publicly = models.BooleanField(
        _("show my name on my reports"),
        default=False,
        help_text=_("Otherwise the public sees the author of your reports and comments as “주민” (resident)."),
    )
    review_districts = models.ManyToManyField(
        District, blank=True, related_name="reviewers", verbose_name=_("reviews districts")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
        verbose_name=_("department"),
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_unique_case_insensitive"
            ),
            models.UniqueConstraint(Lower("username"), name="user_username_unique_case_insensitive"),
        ]

    @property
    def is_admin(self):
        return self.is_active and self.is_superuser

    def reviews_district(self, district_id):
        if district_id is None:
            return False
        return self.review_districts.filter(pk=district_id).exists()

    @property
    def roles(self):
        roles = ["resident"]
        if self.review_districts.exists():
            roles.append("reviewer")
        if self.department_id:
            roles.append("staff")
        if self.is_planner:
            roles.append("planner")
        if self.is_admin:
            roles.append("admin")
        return roles


def _hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def user_for(self, raw):
        """The active user owning the unexpired token ``raw``, or None."""
        token = (
            self.select_related("user")
            .filter(key_hash=_hash_token(raw), expires__gt=timezone.now(), user__is_active=True)
            .first()
        )
        return token.user if token else None


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, the raw value is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"token of {self.user} until {self.expires:%Y-%m-%d}"

    @classmethod
    def issue(cls, user):
        """Create a token for ``user`` and return its raw value."""
        raw = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            key_hash=_hash_token(raw),
            expires=timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS),
        )
        return raw
