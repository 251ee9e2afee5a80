"""Comments on reports: one level of replies, official answers marked, abuse flags, hiding by reviewers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .features import Feature


class Comment(models.Model):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text=_("The comment this one replies to; replies have no replies of their own."),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments")
    body = models.TextField(_("text"), max_length=2000)
    official = models.BooleanField(
        _("official answer"), default=False, help_text=_("Written by the district or a department on its behalf.")
    )
    official_label = models.CharField(_("answered as"), max_length=120, blank=True)
    hidden = models.BooleanField(_("hidden by a reviewer"), default=False)
    flag_count = models.PositiveIntegerField(_("abuse reports"), default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["feature", "created", "pk"]
        indexes = [models.Index(fields=["feature", "created"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]


class CommentFlag(models.Model):
    """A resident's report that a comment is abusive; one per user and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="comment_flag_once_per_user")]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self):
        return f"{self.user} flags {self.comment_id}"
