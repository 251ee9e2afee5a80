"""A district's dashboard: where its reports stand, how fast it answers, and what is overdue.

The scope is the district's reports on layers it handles (``Layer.workflow``),
merged duplicates left out, optionally those created in a period. Medians are
computed by PostgreSQL (``percentile_cont``) over the reports that have the
moment in question: time to first response over those answered at least once,
time to resolution over the resolved ones.
"""

from dataclasses import dataclass

from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from ..models import Feature, FeatureStatus, Stage

OVERDUE_STAGES = (Stage.ASSIGNED, Stage.IN_PROGRESS)


class Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _duration(end):
    return ExpressionWrapper(F(end) - F("created"), output_field=DurationField())


@dataclass
class Period:
    since: object = None  # a date or None
    until: object = None  # a date (exclusive) or None


def district_reports(district_id, period=None):
    reports = Feature.objects.filter(district_id=district_id, layer__workflow=True).exclude(status=FeatureStatus.MERGED)
    if period and period.since:
        reports = reports.filter(created__date__gte=period.since)
    if period and period.until:
        reports = reports.filter(created__date__lt=period.until)
    return reports


def overdue_q(today=None, now=None):
    today = today or timezone.localdate()
    now = now or timezone.now()
    late_fix = Q(stage__in=OVERDUE_STAGES, due_date__lt=today)
    late_answer = Q(answer_due__lt=now, answered_at__isnull=True)
    return late_fix | late_answer


def counts(reports, field):
    return {row[field]: row["n"] for row in reports.values(field).annotate(n=Count("pk")).order_by(field)}


def dashboard(district_id, period=None):
    reports = district_reports(district_id, period)
    medians = reports.aggregate(
        first_response=Median(_duration("first_response_at"), filter=Q(first_response_at__isnull=False)),
        resolution=Median(_duration("closed_at"), filter=Q(stage=Stage.RESOLVED, closed_at__isnull=False)),
    )
    overdue = (
        reports.filter(overdue_q())
        .exclude(status__in=(FeatureStatus.REJECTED, FeatureStatus.HIDDEN))
        .select_related("category", "department")
        .order_by("due_date", "answer_due", "created")
    )
    return {
        "total": reports.count(),
        "by_stage": counts(reports, "stage"),
        "by_status": counts(reports, "status"),
        "by_category": counts(reports, "category__label_ko"),
        "median_first_response": medians["first_response"],
        "median_resolution": medians["resolution"],
        "overdue": list(overdue),
    }
