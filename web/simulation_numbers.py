"""The numbers of a finished simulation as the run page shows them: labelled, with units, in the reader's language.

Each function turns one part of a run's statistics (``statistics.json``)
into rows of (label, value); the page prints them as definition lists and
tables. Nothing is computed here that the statistics do not hold.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def amount(value, unit="", digits=0):
    if value is None:
        return "—"
    text = number_format(value, decimal_pos=digits, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip()


def mean_of(by_direction):
    values = [v for v in by_direction.values() if v is not None]
    return sum(values) / len(values) if values else None


def wind_rows(wind):
    rows = [
        (_("buildings in the study area"), amount(wind["buildings_in_study_area"])),
        (_("plan area index λp (mean)"), amount(wind["plan_area_index_mean"], digits=3)),
        (_("area-weighted mean height"), amount(wind["area_weighted_mean_height_m"], "m", 1)),
        (_("tallest building"), amount(wind["max_height_m"], "m", 1)),
        (_("frontal area index λf (mean of the directions)"), amount(mean_of(wind["frontal_area_index_mean"]),
                                                                     digits=3)),
        (_("roughness length z0 (mean of the directions)"), amount(mean_of(wind["roughness_length_mean_m"]), "m",
                                                                   2)),
        (_("zero-plane displacement zd (mean)"), amount(wind["displacement_height_m"]["mean"], "m", 1)),
    ]  # fmt: skip
    corridors = wind.get("corridors")
    if corridors:
        rows += [
            (_("corridor length at a random moment (weighted by the wind rose)"),
             amount(corridors["weighted_length_m"], "m")),
            (_("area on a corridor for some wind"), amount(corridors["area_on_a_corridor_m2"], "m²")),
            (_("prevailing wind from"), amount(corridors["prevailing_direction"], "°")),
        ]  # fmt: skip
    return rows


def corridor_table(wind):
    """One row per wind direction: direction, corridors, total length, widest median width, narrowest width."""
    rows = []
    directions = wind.get("corridors", {}).get("by_direction", {})
    for direction, found in sorted(directions.items(), key=lambda item: float(item[0])):
        widths = [c["width_m"] for c in found["corridors"]]
        narrowest = [c["min_width_m"] for c in found["corridors"]]
        rows.append((
            f"{direction}°", found["count"], amount(found["total_length_m"], "m"),
            amount(max(widths), "m") if widths else "—", amount(min(narrowest), "m") if narrowest else "—",
        ))  # fmt: skip
    return rows


def sun_rows(sun):
    rows = [
        (_("day and window"), f"{sun['date']} {sun['window'][0]}–{sun['window'][1]}"),
        (_("daylight in the window (no obstruction)"), amount(sun["daylight_hours"], "h", 1)),
        (_("hours of direct sun on open ground (mean)"), amount(sun["sun_hours"]["mean"], "h", 1)),
        (_("least sun on open ground"), amount(sun["sun_hours"]["min"], "h", 1)),
        (_("terrain"), sun["terrain"] or _("flat ground")),
    ]
    rule = sun.get("sunlight_rule")
    if rule:
        rows += [
            (_("open ground passing the sunlight-right check"), amount(100 * rule["share_passing"], "%", 1)),
            (_("open ground failing it"), amount(rule["area_failing_m2"], "m²")),
        ]
    facades = sun.get("facades")
    if facades:
        rows.append((_("buildings checked / failing on their ground-floor façades"),
                     f"{facades['buildings_checked']} / {facades['buildings_failing_count']}"))  # fmt: skip
    return rows


def committee_rows(summary):
    rows = []
    if "area_losing_sun_m2" in summary:
        hours = amount(summary["loss_threshold_hours"], digits=1)
        rows += [
            (_("open ground losing %(hours)s h of sun or more") % {"hours": hours},
             amount(summary["area_losing_sun_m2"], "m²")),
            (_("largest loss of sun on open ground"), amount(summary["max_sun_loss_hours"], "h", 1)),
            (_("open ground newly failing the sunlight-right check"),
             amount(summary["area_newly_failing_sunlight_rule_m2"], "m²")),
        ]  # fmt: skip
    if "buildings_newly_failing_count" in summary:
        rows.append((_("buildings newly failing the sunlight-right check"),
                     amount(summary["buildings_newly_failing_count"])))  # fmt: skip
    if "corridor_length_blocked_m" in summary:
        direction = amount(summary["prevailing_direction"], digits=1)
        rows += [
            (_("corridor length blocked for the prevailing wind (from %(direction)s°)") % {"direction": direction},
             amount(summary["corridor_length_blocked_prevailing_m"], "m")),
            (_("corridor length blocked, weighted by the wind rose"),
             amount(summary["corridor_length_blocked_rose_weighted_m"], "m")),
            (_("corridors blocked, all wind directions"), amount(summary["corridors_blocked_count"])),
        ]  # fmt: skip
    return rows
