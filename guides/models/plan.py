"""The open improvement plan: changes to the service that administrators publish, residents vote and
comment on, each with its state and the history of its states.

``vote_count`` is kept by guides/services/ballots.py with the vote rows, one
per user. ``PlanEvent`` rows are the item's public history: when it was
published, each change of state with its reason, each edit of its text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DECLINED = "declined", _("declined")


class PlanItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    state = models.CharField(_("state"), max_length=12, choices=PlanState.choices, default=PlanState.PROPOSED)
    state_reason = models.TextField(
        _("reason"), max_length=2000, blank=True, help_text=_("Why it is in this state; required when declined.")
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created = models.DateTimeField(_("published"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("improvement plan item")
        verbose_name_plural = _("improvement plan items")

    def __str__(self):
        return self.title

    @property
    def etag(self):
        return f'"p{self.pk}-v{self.version}"'


class PlanVote(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="plan_vote_once")]
        verbose_name = _("vote on a plan item")
        verbose_name_plural = _("votes on plan items")

    def __str__(self):
        return f"{self.user} → {self.item}"


class PlanComment(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["item", "created", "pk"]
        verbose_name = _("comment on a plan item")
        verbose_name_plural = _("comments on plan items")

    def __str__(self):
        return self.body[:60]


class PlanEventKind(models.TextChoices):
    PUBLISHED = "published", _("published")
    STATE = "state", _("state changed")
    EDITED = "edited", _("text changed")


class PlanEvent(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=PlanEventKind.choices)
    from_state = models.CharField(max_length=12, choices=PlanState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=PlanState.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["item", "created", "pk"]
        verbose_name = _("plan item event")
        verbose_name_plural = _("plan item events")

    def __str__(self):
        return f"{self.item}: {self.kind}"
