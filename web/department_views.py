"""What a department has to do: the reports assigned to it, overdue ones first, with their due dates."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper
from django.shortcuts import render

from layers.models import OPEN_STAGES, Feature
from layers.services.dashboard import overdue_q

ROWS_PER_PAGE = 50


@login_required
def assignments(request):
    department = request.user.department
    if department is None:
        raise PermissionDenied("Only department staff have assignments.")
    show = request.GET.get("show", "open")
    reports = Feature.objects.filter(department=department).select_related("category", "layer__map")
    if show == "overdue":
        reports = reports.filter(stage__in=OPEN_STAGES).filter(overdue_q())
    elif show != "all":
        reports = reports.filter(stage__in=OPEN_STAGES)
    reports = reports.annotate(is_overdue=ExpressionWrapper(overdue_q(), output_field=BooleanField())).order_by(
        "due_date", "created", "pk"
    )
    context = {
        "department": department,
        "show": show,
        "page": Paginator(reports, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "overdue_count": Feature.objects.filter(department=department, stage__in=OPEN_STAGES)
        .filter(overdue_q())
        .count(),
    }
    return render(request, "web/review/department.html", context)
