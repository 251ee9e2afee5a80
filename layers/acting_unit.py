"""The unit an official acts for, as the public sees it: "중구 도로과", "중구 안전 담당" or the operators.

Timelines and official answers name the team, not the person: the public sees
which office acted, reviewers see who it was.
"""

from .permissions import is_reviewer_for

OPERATORS = "도시 생활 지도 운영자"


def acting_unit_label(user, feature):
    if user.department_id and user.department_id == feature.department_id:
        return str(user.department)
    if is_reviewer_for(user, feature.district_id):
        return f"{feature.district.name_ko} 안전 담당"
    if user.is_admin:
        return OPERATORS
    return ""
