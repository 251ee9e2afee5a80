"""Notifications and deliveries through the real task queue: nothing leaves before the commit, the worker
(``manage.py db_worker``) writes the inbox and sends the e-mails each user chose, a failing e-mail or
webhook is retried with back-off until it is sent or has failed for good, and the request that caused
it never fails or waits because of it.

The worker runs in this process (``call_command``), so the test's settings (the locmem or a failing
mail backend) are the worker's. A retry is scheduled for later; ``time_passes`` moves the scheduled
tries to now, as the clock would.
"""

import hashlib
import hmac
import json
import logging
import os
import subprocess
import sys
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.functions import Now
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone, translation
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from layers import tasks
from layers.models import (
    Comment,
    Delivery,
    DeliveryChannel,
    DeliveryState,
    Feature,
    Notification,
    NotificationKind,
    NotificationPreference,
    Stage,
)
from layers.services import deliveries
from layers.services.deliveries import retry_delay
from layers.services.notifications import notification_link, notification_text, notify, queue_delivery
from mapping.models import User

from ..api import conftest as api_fixtures

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    """Run every task that is due, as ``manage.py db_worker --batch`` does, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def time_passes():
    """The back-off delays are over: every scheduled try is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=Now())
    Delivery.objects.filter(state=DeliveryState.PENDING).update(next_attempt_at=Now())


def ready_tasks():
    return DBTaskResult.objects.filter(status="READY")


class FlakyBackend(EmailBackend):
    """The locmem backend, refusing the next ``failures`` sends (a mail server that is down for a while)."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    settings.NOTIFICATION_RETRY_DELAYS = [60, 300, 1800]
    yield FlakyBackend
    FlakyBackend.failures = 0


@pytest.fixture
def delivery_clock(monkeypatch):
    """The clock the delivery service reads, set by the test: a retry's time is then known exactly."""
    clock = SimpleNamespace(value=timezone.now())
    monkeypatch.setattr(deliveries, "timezone", SimpleNamespace(now=lambda: clock.value))
    return clock


@pytest.fixture
def resident(users):
    user = users["resident"]
    user.email = "resident@example.org"
    user.save()
    return user


@pytest.fixture
def report(scenario):
    return scenario["published"]


def status_change(report, recipients, **params):
    notify(NotificationKind.STATUS, recipients, feature=report, params={"title": report.title, **params})


def test_nothing_is_queued_before_the_commit_then_the_worker_fills_the_inbox_and_sends_mail(resident, report):
    inactive = User.objects.create_user("gone", email="gone@example.org", is_active=False)
    with transaction.atomic():
        status_change(report, [resident, resident.pk, inactive, None], stage_from="received", stage_to="in_review")
        assert not DBTaskResult.objects.exists()
    assert ready_tasks().count() == 1
    assert not Notification.objects.exists() and not Delivery.objects.exists()

    run_worker()

    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.feature) == (resident, "status", report)
    assert notification.read_at is None
    assert [message.to for message in mail.outbox] == [["resident@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("[도시 생활 지도] “공개 제보” 제보의 상태가 바뀌었습니다")
    korean = message.body.index("“공개 제보” 제보의 상태가 바뀌었습니다")
    english = message.body.index("The status of your report “공개 제보” changed: received → in review.")
    assert korean < english
    assert f"http://127.0.0.1:8000/features/{report.pk}/" in message.body
    assert "/me/settings/" in message.body
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.to) == (DeliveryState.SENT, 1, "resident@example.org")
    assert delivery.sent_at is not None and delivery.next_attempt_at is None
    assert not ready_tasks().exists()


def test_a_worker_in_its_own_process_delivers_them(resident, report, tmp_path):
    """What production runs: ``manage.py db_worker`` as a separate process on the same database."""
    status_change(report, [resident], status_to="published")
    database = connection.settings_dict
    credentials = f"{quote(database['USER'])}:{quote(database['PASSWORD'])}"
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgis://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "EMAIL_URL": f"filemail:///{tmp_path}",  # a fourth slash: django-environ drops the first
        "DEBUG": "true",
    }
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr
    assert Notification.objects.filter(user=resident, feature=report).count() == 1
    assert Delivery.objects.get().state == DeliveryState.SENT
    [message] = [path.read_text() for path in tmp_path.iterdir()]
    assert "To: resident@example.org" in message


def test_a_rolled_back_request_tells_nobody(resident, report):
    with pytest.raises(RuntimeError), transaction.atomic():
        status_change(report, [resident], status_to="published")
        raise RuntimeError("the request failed")
    run_worker()
    assert not DBTaskResult.objects.exists() and not Notification.objects.exists() and mail.outbox == []


def test_each_user_gets_what_they_chose(users, report):
    inbox_only, mail_only, nothing, no_address = (users[name] for name in ("owner", "editor", "planner", "resident"))
    for user in (inbox_only, mail_only, nothing):
        user.email = f"{user.username}@example.org"
        user.save()
    NotificationPreference.objects.create(user=inbox_only, kind="status", in_app=True, email=False)
    NotificationPreference.objects.create(user=mail_only, kind="status", in_app=False, email=True)
    NotificationPreference.objects.create(user=nothing, kind="status", in_app=False, email=False)
    NotificationPreference.objects.create(user=nothing, kind="comment", in_app=True, email=True)

    status_change(report, [inbox_only, mail_only, nothing, no_address], status_to="published")
    run_worker()

    assert set(Notification.objects.values_list("user__username", flat=True)) == {"owner", "resident"}
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


def test_a_preference_for_one_kind_leaves_the_others_on(users, report):
    planner = users["planner"]
    planner.email = "planner@example.org"
    planner.save()
    NotificationPreference.objects.create(user=planner, kind="status", in_app=False, email=False)
    notify(NotificationKind.ASSIGNMENT, [planner], feature=report, params={"department": "도로과"})
    run_worker()
    assert Notification.objects.get().kind == "assignment"
    assert len(mail.outbox) == 1


def test_nothing_is_told_about_a_report_deleted_before_the_worker_ran(resident, report):
    status_change(report, [resident], status_to="published")
    report.delete()
    run_worker()
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_failing_mail_server_is_retried_with_back_off_until_the_mail_is_sent(
    resident, report, flaky_mail, delivery_clock
):
    flaky_mail.failures = 2
    status_change(report, [resident], status_to="published")
    failed_at = delivery_clock.value
    run_worker()

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 1)
    assert "ConnectionRefusedError: the mail server is down" in delivery.last_error
    assert delivery.next_attempt_at == failed_at + timedelta(seconds=60)
    assert list(ready_tasks().values_list("run_after", flat=True)) == [delivery.next_attempt_at]
    assert Notification.objects.count() == 1 and mail.outbox == []

    run_worker()  # the next try is not due yet
    assert Delivery.objects.get().attempts == 1

    time_passes()
    delivery_clock.value = failed_at = timezone.now()
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 2)
    assert delivery.next_attempt_at == failed_at + timedelta(seconds=300)

    time_passes()
    delivery_clock.value = timezone.now()
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 3)
    assert len(mail.outbox) == 1 and not ready_tasks().exists()


def test_a_delivery_fails_for_good_after_the_last_attempt(resident, report, flaky_mail, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    flaky_mail.failures = 99
    status_change(report, [resident], status_to="published")
    run_worker()
    for _ in range(2):
        time_passes()
        run_worker()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == (DeliveryState.FAILED, 3, None)
    assert "mail server is down" in delivery.last_error
    assert not ready_tasks().exists() and mail.outbox == []


def test_the_back_off_grows_and_then_repeats_its_last_delay(settings):
    settings.NOTIFICATION_RETRY_DELAYS = [60, 300, 1800, 7200]
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 5, 9)] == [60, 300, 1800, 7200, 7200, 7200]


def test_a_sent_delivery_is_never_sent_again():
    delivery = queue_delivery(DeliveryChannel.EMAIL, "minwon@example.org", subject="민원", body="내용")
    run_worker()
    tasks.send_delivery.enqueue(delivery.pk)
    tasks.send_delivery.call(delivery.pk)
    run_worker()
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 1


def test_a_second_task_for_a_delivery_not_due_yet_does_not_try_it_early(flaky_mail):
    flaky_mail.failures = 1
    delivery = queue_delivery(DeliveryChannel.EMAIL, "minwon@example.org", subject="민원", body="내용")
    run_worker()
    tasks.send_delivery.enqueue(delivery.pk)  # e.g. from retry_deliveries while the retry is scheduled
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 1) and mail.outbox == []


def test_queue_delivery_refuses_an_address_that_can_never_work():
    for channel, to in (
        ("email", "not an address"),
        ("webhook", "file:///etc/passwd"),
        ("webhook", "ftp://minwon.example/"),
        ("fax", "02-120"),
    ):
        with pytest.raises(ValidationError):
            queue_delivery(channel, to, body="x")
    assert not Delivery.objects.exists()


@pytest.fixture
def webhook():
    """An HTTP server on a free local port recording each POST; answers each status in ``statuses``, then 204."""
    received, statuses = [], []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(SimpleNamespace(path=self.path, headers=self.headers, body=body))
            self.send_response(statuses.pop(0) if statuses else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/minwon", received=received, statuses=statuses)
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_webhook_is_posted_as_json(webhook, settings):
    settings.WEBHOOK_SECRET = "shared-secret"
    payload = {"kind": "complaint", "title": "불법 주차", "location": {"lon": 126.99, "lat": 37.56}}
    delivery = queue_delivery(DeliveryChannel.WEBHOOK, webhook.url, subject="[민원] 불법 주차", payload=payload)
    run_worker()
    [request] = webhook.received
    assert request.path == "/minwon"
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(request.body) == payload
    assert request.headers["X-Delivery-Id"] == str(delivery.pk)
    expected = hmac.new(b"shared-secret", request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Signature-256"] == f"sha256={expected}"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1)


def test_a_webhook_answering_500_is_a_failure_and_is_tried_again(webhook, settings):
    settings.NOTIFICATION_RETRY_DELAYS = [60]
    webhook.statuses.append(500)
    delivery = queue_delivery(DeliveryChannel.WEBHOOK, webhook.url, subject="[민원] 불법 주차", body="내용")
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 1)
    assert "HTTP 500" in delivery.last_error
    time_passes()
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 2)
    sent = {"subject": "[민원] 불법 주차", "body": "내용"}
    assert [json.loads(request.body) for request in webhook.received] == [sent, sent]


def test_a_webhook_redirect_is_not_followed_and_counts_as_a_failure(webhook):
    webhook.statuses.append(302)
    delivery = queue_delivery(DeliveryChannel.WEBHOOK, webhook.url, payload={"a": 1})
    run_worker()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PENDING and "HTTP 302" in delivery.last_error
    assert len(webhook.received) == 1


def test_retry_deliveries_re_enqueues_a_delivery_whose_task_was_lost(resident):
    lost = queue_delivery(DeliveryChannel.EMAIL, "minwon@example.org", subject="민원", body="내용")
    fresh = queue_delivery(DeliveryChannel.EMAIL, "fresh@example.org", subject="민원", body="내용")
    DBTaskResult.objects.all().delete()  # the worker was killed with both tasks
    Delivery.objects.filter(pk=lost.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=30))

    call_command("retry_deliveries", "--grace", "10", stdout=StringIO())
    run_worker()

    assert [message.to for message in mail.outbox] == [["minwon@example.org"]]
    assert Delivery.objects.get(pk=fresh.pk).state == DeliveryState.PENDING


def test_retry_deliveries_failed_gives_failed_deliveries_fresh_tries():
    delivery = queue_delivery(DeliveryChannel.EMAIL, "minwon@example.org", subject="민원", body="내용")
    DBTaskResult.objects.all().delete()
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.FAILED, attempts=6, next_attempt_at=None)
    output = StringIO()
    call_command("retry_deliveries", "--failed", stdout=output)
    assert "Enqueued 1 deliveries (1 of them had failed for good)" in output.getvalue()
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1) and len(mail.outbox) == 1


def report_status_view(request):
    """A request that changes something and notifies in its transaction, as the workflow services do."""
    with transaction.atomic():
        feature = Feature.objects.select_for_update().get(pk=request.GET["feature"])
        feature.stage = "in_review"
        feature.save(update_fields=["stage"])
        notify(NotificationKind.STATUS, [feature.author], feature=feature, params={"stage_to": "in_review"})
    return HttpResponse("saved")


urlpatterns = [path("change/", report_status_view), path("", include("mapping.urls"))]


@pytest.mark.urls(__name__)
def test_the_request_succeeds_and_keeps_its_write_when_enqueueing_fails(client, resident, report, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("the task database is down")

    monkeypatch.setattr(DatabaseBackend, "enqueue", broken)
    with caplog.at_level(logging.ERROR, logger="layers.services.background"):
        response = client.get("/change/", {"feature": report.pk})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.stage == "in_review"
    assert "Could not enqueue the background task deliver_notification" in caplog.text
    assert not DBTaskResult.objects.exists()


@pytest.mark.urls(__name__)
def test_the_request_neither_waits_for_nor_fails_with_a_broken_mail_server(client, resident, report, flaky_mail):
    flaky_mail.failures = 99
    response = client.get("/change/", {"feature": report.pk})
    assert response.status_code == 200
    assert flaky_mail.failures == 99  # no send was tried in the request
    run_worker()
    assert flaky_mail.failures == 98
    assert Notification.objects.filter(user=resident).count() == 1
    assert Delivery.objects.get().state == DeliveryState.PENDING


def notification(report, kind, comment=None, **params):
    return Notification(user=report.author, kind=kind, feature=report, comment=comment, params=params)


def texts(item):
    with translation.override("ko"):
        korean = notification_text(item)
    with translation.override("en"):
        english = notification_text(item)
    return korean, english


def test_texts_are_worded_in_the_readers_language(report):
    cases = [
        (
            notification(report, "status", stage_from="assigned", stage_to="resolved"),
            "“공개 제보” 제보의 상태가 바뀌었습니다:",
            "The status of your report “공개 제보” changed: assigned → resolved.",
        ),
        (
            notification(report, "status", status_to="rejected"),
            "“공개 제보” 제보의 지금 상태:",
            "The status of your report “공개 제보” is now: rejected.",
        ),
        (
            notification(report, "status", referral="onsite", where="도로과"),
            "다른 경로로 넘겨졌습니다",
            "Your report “공개 제보” was passed on as on-site fix (현장 조치) (도로과).",
        ),
        (
            notification(report, "status", status_to="merged", into=7),
            "#7 제보에 합쳐졌습니다",
            "Your report “공개 제보” was merged into report #7, where it is followed up.",
        ),
        (
            notification(report, "answer", answer="가로등을  고쳤습니다.", stage_to="resolved"),
            "“공개 제보” 제보에 공식 답변이 달렸습니다: “가로등을 고쳤습니다.” 상태:",
            "Your report “공개 제보” got an official answer: “가로등을 고쳤습니다.” Status: resolved.",
        ),
        (
            notification(report, "threshold", votes=50, due="2026-12-21T09:00:00+09:00"),
            "공감 50개에 이르렀습니다. 2026년 12월 21일까지 공식 답변이 필요합니다.",
            "“공개 제보” reached 50 공감 votes; an official answer is due by Dec. 21, 2026.",
        ),
        (
            notification(report, "assignment", department="도로과", due="2026-12-24"),
            "“공개 제보” 제보가 도로과에 배정되었습니다. 기한: 2026년 12월 24일.",
            "“공개 제보” was assigned to 도로과, due by Dec. 24, 2026.",
        ),
    ]
    for item, korean, english in cases:
        assert texts(item)[0].startswith(korean) or korean in texts(item)[0], texts(item)[0]
        assert texts(item)[1] == english


def test_stage_and_status_labels_follow_the_readers_language(report):
    item = notification(report, "status", stage_from="received", stage_to="in_review")
    with translation.override("ko"):
        labels = f"{Stage.RECEIVED.label} → {Stage.IN_REVIEW.label}"
    assert labels in texts(item)[0]


def test_a_comment_notification_quotes_the_comment_unless_it_was_hidden(report, users):
    comment = Comment.objects.create(feature=report, author=users["owner"], body="저도 밤에 무서웠어요")
    item = notification(report, "comment", comment=comment, author="주민")
    assert "저도 밤에 무서웠어요" in texts(item)[0]
    assert notification_link(item) == f"/features/{report.pk}/#comment-{comment.pk}"
    comment.hidden = True
    assert "저도 밤에" not in texts(item)[0] and "주민" in texts(item)[0]


def test_user_text_in_a_notification_is_quoted_not_interpreted(report):
    item = notification(report, "status", title="%(to)s <b>", status_to="published")
    korean, _english = texts(item)
    assert "%(to)s <b>" in korean


def test_the_admin_lists_deliveries_and_tries_failed_ones_again(admin_client):
    delivery = queue_delivery(DeliveryChannel.EMAIL, "minwon@example.org", subject="[민원] 불법 주차", body="내용")
    sent = queue_delivery(DeliveryChannel.EMAIL, "sent@example.org", subject="보냄", body="내용")
    DBTaskResult.objects.all().delete()
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.FAILED, attempts=6, last_error="SMTP 550")
    Delivery.objects.filter(pk=sent.pk).update(state=DeliveryState.SENT, attempts=1)

    listing = admin_client.get("/admin/layers/delivery/?state__exact=failed").content.decode()
    assert "minwon@example.org" in listing and "sent@example.org" not in listing
    response = admin_client.post(
        "/admin/layers/delivery/", {"action": "try_again", "_selected_action": [delivery.pk, sent.pk]}
    )
    assert response.status_code == 302
    run_worker()

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1)
    assert [message.to for message in mail.outbox] == [["minwon@example.org"]]
    assert admin_client.get(f"/admin/layers/delivery/{delivery.pk}/change/").status_code == 200
    assert admin_client.get("/admin/layers/delivery/add/").status_code == 403


def test_the_admin_lists_notifications_read_only(client, users, resident, report):
    client.force_login(users["admin"])
    Notification.objects.create(user=resident, kind="status", feature=report, params={})
    assert "resident" in client.get("/admin/layers/notification/").content.decode()
    assert client.get("/admin/layers/notification/add/").status_code == 403
