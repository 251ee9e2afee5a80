"""Demo districts and one account per role, for ``manage.py load_demo``.

Districts come from ``../shared/data/seoul_gu_2022.geojson`` when present,
otherwise from the built-in simplified boundary of 중구. Accounts are updated
in place, so loading twice changes nothing but their passwords' salts.
"""

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import transaction

from .district_names import BUILTIN_JUNGGU_BOUNDARY, JUNGGU_CODE, SEOUL_DISTRICTS
from .models import Department, District, User

DEMO_DEPARTMENT = "안전총괄과"


def builtin_junggu():
    name_ko, name_en = SEOUL_DISTRICTS[JUNGGU_CODE]
    boundary = MultiPolygon(Polygon(BUILTIN_JUNGGU_BOUNDARY), srid=4326)
    district, _ = District.objects.update_or_create(
        code=JUNGGU_CODE, defaults={"name_ko": name_ko, "name_en": name_en, "boundary": boundary}
    )
    return district


def demo_district_file():
    path = settings.SHARED_DATA_DIR / "seoul_gu_2022.geojson"
    return path if path.is_file() else None


@transaction.atomic
def ensure_accounts(password):
    """The five demo accounts, keyed by role; passwords set to ``password``."""
    junggu = District.objects.get(code=JUNGGU_CODE)
    department, _ = Department.objects.get_or_create(
        district=junggu, name=DEMO_DEPARTMENT, defaults={"email": "safety@junggu.example"}
    )
    specs = {
        "resident": {},
        "reviewer": {},
        "staff": {"department": department},
        "planner": {"is_planner": True},
        "admin": {"is_superuser": True, "is_staff": True},
    }
    accounts = {}
    for role, fields in specs.items():
        user, _ = User.objects.update_or_create(
            username=f"demo-{role}",
            defaults={"email": f"demo-{role}@urbanlife.example", "verified": True, **fields},
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        accounts[role] = user
    accounts["reviewer"].review_districts.add(junggu)
    return accounts
