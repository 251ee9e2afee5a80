"""What a notification says and where it leads, worded in the reader's language when it is shown.

A ``Notification`` keeps codes and the few words its message quotes
(``params``); the sentence is built here through Django's translations each
time the inbox, the API or an e-mail shows it, so the reader's language
decides (Korean by default, English available) and a better wording reaches
old notifications too. E-mails carry the Korean text followed by the English.

The ``params`` the services send, all optional:

- ``title``: the report's title (else its current title);
- ``status_from`` / ``status_to`` (FeatureStatus codes), ``stage_from`` /
  ``stage_to`` (Stage codes), or plain ``from`` / ``to``;
- ``answer``: an official answer's text; ``referral`` (a ReferralKind) and
  ``where`` (where it went); ``into``: the report it was merged into;
- ``author`` and ``excerpt`` of a comment (else the comment's own text,
  unless a reviewer hid it);
- ``votes`` and ``due`` (ISO date or datetime) of a threshold; ``department``
  and ``due`` of an assignment.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import FeatureStatus, NotificationKind, ReferralKind, Stage

EXCERPT_CHARS = 140
SUBJECT_CHARS = 200
EMAIL_LANGUAGES = ("ko", "en")


def _label(code):
    """The label of a stage, status or referral code in the active language (the codes never overlap)."""
    for choices in (Stage, FeatureStatus, ReferralKind):
        if code in choices.values:
            return choices(code).label
    return str(code)


def _transition(params):
    """(from, to) labels of a stage or status change, from ``stage_*``, ``status_*`` or plain ``from``/``to``."""
    for prefix in ("stage_", "status_", ""):
        after = params.get(f"{prefix}to")
        if after:
            before = params.get(f"{prefix}from")
            return (_label(before) if before else None), _label(after)
    return None, None


def _excerpt(text):
    return Truncator(" ".join(str(text).split())).chars(EXCERPT_CHARS)


def _date(value):
    """An ISO date or datetime from params, in the reader's date format; other text as it is."""
    moment = parse_datetime(str(value))
    if moment is not None:
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return date_format(moment.date(), "DATE_FORMAT")
    day = parse_date(str(value))
    return date_format(day, "DATE_FORMAT") if day else str(value)


def _status_text(words, params):
    if params.get("referral"):
        words["referral"] = _label(params["referral"])
        words["where"] = params.get("where") or "—"
        return _("Your report “%(title)s” was passed on as %(referral)s (%(where)s).") % words
    if params.get("into"):
        words["into"] = params["into"]
        return _("Your report “%(title)s” was merged into report #%(into)s, where it is followed up.") % words
    words["from"], words["to"] = _transition(params)
    if words["from"] and words["to"]:
        return _("The status of your report “%(title)s” changed: %(from)s → %(to)s.") % words
    if words["to"]:
        return _("The status of your report “%(title)s” is now: %(to)s.") % words
    return _("The status of your report “%(title)s” changed.") % words


def _answer_text(words, params):
    words["answer"] = _excerpt(params.get("answer", ""))
    text = _("Your report “%(title)s” got an official answer: “%(answer)s”") % words
    _before, after = _transition(params)
    if after is None:
        return text
    return f"{text} {_('Status: %(to)s.') % {'to': after}}"


def _comment_text(words, params, comment):
    excerpt = params.get("excerpt")
    if excerpt is None and comment is not None and not comment.hidden:
        excerpt = comment.body
    words["author"] = params.get("author") or pgettext("notifications", "a resident")
    if not excerpt:
        return _("New comment on your report “%(title)s” by %(author)s.") % words
    words["excerpt"] = _excerpt(excerpt)
    return _("New comment on your report “%(title)s” by %(author)s: “%(excerpt)s”") % words


def _threshold_text(words, params):
    words["votes"] = params.get("votes", "?")
    if params.get("due"):
        words["due"] = _date(params["due"])
        return _("“%(title)s” reached %(votes)s 공감 votes; an official answer is due by %(due)s.") % words
    return _("“%(title)s” reached %(votes)s 공감 votes; it needs an official answer.") % words


def _assignment_text(words, params):
    words["department"] = params.get("department") or _("your department")
    if params.get("due"):
        words["due"] = _date(params["due"])
        return _("“%(title)s” was assigned to %(department)s, due by %(due)s.") % words
    return _("“%(title)s” was assigned to %(department)s.") % words


def notification_text(notification):
    """The notification's sentence in the active language (wrap in ``translation.override`` to choose)."""
    params = notification.params or {}
    feature = notification.feature if notification.feature_id else None
    words = {"title": params.get("title") or (feature.title if feature else "") or "—"}
    kind = notification.kind
    if kind == NotificationKind.STATUS:
        return _status_text(words, params)
    if kind == NotificationKind.ANSWER:
        return _answer_text(words, params)
    if kind == NotificationKind.COMMENT:
        return _comment_text(words, params, notification.comment if notification.comment_id else None)
    if kind == NotificationKind.THRESHOLD:
        return _threshold_text(words, params)
    return _assignment_text(words, params)


def notification_link(notification):
    """The path of the page the notification is about (the report, at the comment), or None."""
    if not notification.feature_id:
        return None
    path = reverse("feature-page", args=[notification.feature_id])
    return f"{path}#comment-{notification.comment_id}" if notification.comment_id else path


def absolute_url(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def notification_email(notification):
    """(subject, body) of the notification's e-mail: Korean first, then English."""
    link = notification_link(notification)
    parts = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            context = {
                "text": notification_text(notification),
                "link": absolute_url(link) if link else "",
                "settings_link": absolute_url(reverse("notification-settings")),
            }
            parts.append(render_to_string("layers/notification_email.txt", context).strip())
    with translation.override(EMAIL_LANGUAGES[0]):
        subject = " ".join(f"[{_('Urban-Life Map')}] {notification_text(notification)}".split())
    return Truncator(subject).chars(SUBJECT_CHARS), "\n\n————————\n\n".join(parts) + "\n"
