"""A district's dashboard for its reviewers, and the same reports as a CSV file for a spreadsheet.

The CSV is UTF-8 with a byte-order mark so Excel opens Hangul, and every cell
that a spreadsheet would read as a formula (=, +, -, @ …) is escaped.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.spreadsheet_cells import safe_cell
from layers.models import FeatureStatus, Stage
from layers.permissions import can_moderate
from layers.services.dashboard import Period, dashboard, district_reports
from mapping.models import District

from .review_forms import PeriodForm

CSV_COLUMNS = [
    "id",
    "title",
    "category",
    "status",
    "stage",
    "department",
    "due_date",
    "votes",
    "created",
    "first_response",
    "closed",
    "answer_due",
    "url",
]


def reviewed_district(request, code):
    district = District.objects.filter(code=code).first()
    if district is None:
        raise Http404("No such district.")
    if not can_moderate(request.user, district.pk):
        raise PermissionDenied("Only this district's reviewers see its dashboard.")
    return district


def period_of(request):
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        return form, Period(form.cleaned_data["since"], form.cleaned_data["until"])
    return form, Period()


def readable(duration):
    """A duration as days and hours ("3일 4시간" in Korean), or None."""
    if duration is None:
        return None
    hours = round(duration.total_seconds() / 3600)
    return _("%(days)d d %(hours)d h") % {"days": hours // 24, "hours": hours % 24}


def labelled(counts, choices):
    return [(choices(value).label, n) for value, n in counts.items()]


@login_required
def district_dashboard(request, code):
    district = reviewed_district(request, code)
    form, period = period_of(request)
    numbers = dashboard(district.pk, period)
    context = {
        "district": district,
        "form": form,
        "numbers": numbers,
        "by_stage": labelled(numbers["by_stage"], Stage),
        "by_status": labelled(numbers["by_status"], FeatureStatus),
        "median_first_response": readable(numbers["median_first_response"]),
        "median_resolution": readable(numbers["median_resolution"]),
    }
    return render(request, "web/review/dashboard.html", context)


def csv_row(request, report):
    values = [
        report.pk,
        report.title,
        report.category.label_ko,
        report.status,
        report.stage,
        str(report.department) if report.department else "",
        report.due_date.isoformat() if report.due_date else "",
        report.vote_count,
        timezone.localtime(report.created).isoformat(timespec="seconds"),
        timezone.localtime(report.first_response_at).isoformat(timespec="seconds") if report.first_response_at else "",
        timezone.localtime(report.closed_at).isoformat(timespec="seconds") if report.closed_at else "",
        timezone.localtime(report.answer_due).isoformat(timespec="seconds") if report.answer_due else "",
        request.build_absolute_uri(f"/features/{report.pk}/"),
    ]
    return [safe_cell(value) for value in values]


@login_required
def district_dashboard_csv(request, code):
    district = reviewed_district(request, code)
    _form, period = period_of(request)
    reports = district_reports(district.pk, period).select_related("category", "department").order_by("created", "pk")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reports-{district.code}-{timezone.localdate()}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for report in reports.iterator(chunk_size=2000):
        writer.writerow(csv_row(request, report))
    return response
