"""A campaign's live progress, counted from the features themselves: nothing is stored, so the numbers
are right the moment a report is added, moderated away or deleted.

A feature counts for a campaign when it is on the campaign's map (its layer,
its category when the campaign names them), was created between the first day
00:00 and the day after the last 00:00 in Seoul time, lies in the area (its
representative point, ST_PointOnSurface, so one huge polygon cannot cover a
whole area) and was not rejected, hidden or merged into another report. Pending
reports count: a mapping party on a reviewed map must see its work at once,
and the numbers name nobody.

Coverage is the share of the area's cells (guides/sql/campaign_cells.sql)
holding at least one counted report. Contributors are the counted reports'
distinct authors; participants are the residents who joined. The leaderboard
lists, among participants who opted in, those with at least one counted
report, most first.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.gis.db.models.functions import PointOnSurface
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from layers.models import Feature, FeatureStatus

NOT_COUNTED = (FeatureStatus.REJECTED, FeatureStatus.HIDDEN, FeatureStatus.MERGED)
LEADERBOARD_SIZE = 20


@cache
def _sql(name):
    return files("guides").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def window(campaign):
    """The campaign's time window: [first day 00:00, the day after the last 00:00) in Seoul time."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(campaign.starts, time.min, tzinfo=zone)
    end = datetime.combine(campaign.ends + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def phase(campaign, now=None):
    """ "upcoming", "running" or "finished", by the window and ``now``."""
    start, end = window(campaign)
    now = now or timezone.now()
    if now < start:
        return "upcoming"
    return "running" if now < end else "finished"


def counted_features(campaign):
    start, end = window(campaign)
    features = Feature.objects.filter(layer__map_id=campaign.map_id, created__gte=start, created__lt=end)
    if campaign.layer_id:
        features = features.filter(layer_id=campaign.layer_id)
    if campaign.category_id:
        features = features.filter(category_id=campaign.category_id)
    features = features.exclude(status__in=NOT_COUNTED)
    return features.alias(spot=PointOnSurface("geometry")).filter(spot__intersects=campaign.area)


def cells(campaign):
    """[(i, j, covered)] of the campaign's grid (cell (i, j) spans i·size … (i+1)·size metres, EPSG:5186)."""
    features_sql, features_params = counted_features(campaign).values("pk").query.sql_with_params()
    sql = _sql("campaign_cells").replace("{features}", features_sql)  # Django's SQL; its values stay bound
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.cell_metres, bytes(campaign.area.ewkb), *features_params])
        return cursor.fetchall()


def outline(campaign):
    """(SVG path data of the area in EPSG:5186 metres, y down), (xmin, ymin, xmax, ymax))."""
    with connection.cursor() as cursor:
        cursor.execute(_sql("campaign_outline"), [bytes(campaign.area.ewkb)])
        path, *bounds = cursor.fetchone()
    return path, tuple(bounds)


@dataclass(frozen=True)
class Progress:
    features: int
    contributors: int
    participants: int
    cells_total: int
    cells_covered: int
    cell_metres: int
    goal_features: int | None

    @property
    def coverage_percent(self):
        """The share of cells covered, in percent with one decimal (0 for an area with no cell)."""
        return round(100 * self.cells_covered / self.cells_total, 1) if self.cells_total else 0.0

    @property
    def goal_percent(self):
        if not self.goal_features:
            return None
        return min(100.0, round(100 * self.features / self.goal_features, 1))


def progress(campaign):
    counts = counted_features(campaign).aggregate(features=Count("pk"), contributors=Count("author", distinct=True))
    grid = cells(campaign)
    return Progress(
        features=counts["features"],
        contributors=counts["contributors"],
        participants=campaign.participants.count(),
        cells_total=len(grid),
        cells_covered=sum(1 for _, _, covered in grid if covered),
        cell_metres=campaign.cell_metres,
        goal_features=campaign.goal_features,
    )


def leaderboard(campaign):
    """[(username, reports)] of the participants who opted in, most reports first (ties by name)."""
    shown = campaign.participants.filter(on_leaderboard=True).values("user_id")
    rows = (
        counted_features(campaign)
        .filter(author_id__in=shown)
        .values("author__username")
        .annotate(reports=Count("pk"))
        .order_by("-reports", "author__username")[:LEADERBOARD_SIZE]
    )
    return [(row["author__username"], row["reports"]) for row in rows]
