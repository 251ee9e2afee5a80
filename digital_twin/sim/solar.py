"""Solar position by the NOAA algorithm: elevation and azimuth of the sun for a place and UTC instants.

The equations of NOAA's Global Monitoring Laboratory solar calculator
("General Solar Position Calculations" and its NOAA_Solar_Calculations
spreadsheet), after Meeus (1991), "Astronomical Algorithms": geometric mean
longitude and anomaly of the sun, equation of centre, apparent longitude,
corrected obliquity, declination, equation of time, true solar time and hour
angle, then the zenith angle; the spreadsheet's piecewise atmospheric
refraction is applied on request. NOAA states the calculations valid for
1901–2099; dates outside are refused.

Conventions: elevation in degrees above the horizon; azimuth in degrees
clockwise from north (90° east, 180° south) — the same as pvlib. Longitude
east-positive. Instants are UTC (``numpy.datetime64``) or time-zone-aware
``datetime`` objects; naive datetimes are refused, since a silent guess of the
zone would shift the sun by hours.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from digital_twin.sim.errors import InvalidDate

FIRST_YEAR, LAST_YEAR = 1901, 2099
UNIX_EPOCH_JD = 2440587.5


@dataclass(frozen=True)
class SolarPosition:
    elevation: np.ndarray  # degrees (apparent when computed with refraction)
    azimuth: np.ndarray  # degrees clockwise from north
    declination: np.ndarray  # degrees
    equation_of_time: np.ndarray  # minutes


def utc_instants(times):
    """``times`` as ``datetime64[us]`` UTC; aware datetimes are converted, naive ones refused."""
    values = np.asarray(times)
    if np.issubdtype(values.dtype, np.datetime64):
        return values.astype("datetime64[us]")
    converted = []
    for value in values.ravel():
        if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise InvalidDate(f"{value!r} has no time zone: give aware datetimes or UTC numpy.datetime64 values")
        converted.append(np.datetime64(value.astimezone(dt.UTC).replace(tzinfo=None), "us"))
    return np.array(converted, dtype="datetime64[us]").reshape(values.shape)


def solar_position(times, latitude, longitude, *, refraction=True):
    """The sun seen from (``latitude``, ``longitude``) degrees at ``times``."""
    instants = utc_instants(times)
    years = instants.astype("datetime64[Y]").astype(int) + 1970
    if instants.size and (years.min() < FIRST_YEAR or years.max() > LAST_YEAR):
        raise InvalidDate(
            f"the NOAA solar algorithm covers {FIRST_YEAR}–{LAST_YEAR}; got years {years.min()}–{years.max()}"
        )
    seconds = (instants - np.datetime64("1970-01-01T00:00:00", "us")) / np.timedelta64(1, "s")
    _, declination, equation_of_time = _sun(seconds / 86400.0 + UNIX_EPOCH_JD)
    minutes_utc = np.mod(seconds / 60.0, 1440.0)
    true_solar_time = np.mod(minutes_utc + equation_of_time + 4.0 * longitude, 1440.0)
    hour_angle = np.radians(true_solar_time / 4.0 - 180.0)

    phi = np.radians(latitude)
    cos_zenith = np.sin(phi) * np.sin(declination) + np.cos(phi) * np.cos(declination) * np.cos(hour_angle)
    elevation = 90.0 - np.degrees(np.arccos(np.clip(cos_zenith, -1.0, 1.0)))
    # the spreadsheet's two acos branches, written as one atan2 (the same angle, without its rounding near 0° and 180°)
    south_based = np.arctan2(np.sin(hour_angle), np.cos(hour_angle) * np.sin(phi) - np.tan(declination) * np.cos(phi))
    azimuth = np.mod(np.degrees(south_based) + 180.0, 360.0)
    if refraction:
        elevation = elevation + atmospheric_refraction(elevation)
    return SolarPosition(elevation, azimuth, np.degrees(declination), equation_of_time)


def _sun(julian_day):
    """Apparent ecliptic longitude (degrees), declination (radians) and equation of time (minutes)."""
    century = (julian_day - 2451545.0) / 36525.0
    mean_longitude = np.mod(280.46646 + century * (36000.76983 + century * 0.0003032), 360.0)
    mean_anomaly = 357.52911 + century * (35999.05029 - 0.0001537 * century)
    eccentricity = 0.016708634 - century * (0.000042037 + 0.0000001267 * century)
    anomaly = np.radians(mean_anomaly)
    centre = (
        np.sin(anomaly) * (1.914602 - century * (0.004817 + 0.000014 * century))
        + np.sin(2 * anomaly) * (0.019993 - 0.000101 * century)
        + np.sin(3 * anomaly) * 0.000289
    )
    omega = np.radians(125.04 - 1934.136 * century)
    apparent_longitude = mean_longitude + centre - 0.00569 - 0.00478 * np.sin(omega)
    mean_obliquity = (
        23.0 + (26.0 + (21.448 - century * (46.815 + century * (0.00059 - century * 0.001813))) / 60.0) / 60.0
    )
    obliquity = np.radians(mean_obliquity + 0.00256 * np.cos(omega))
    declination = np.arcsin(np.sin(obliquity) * np.sin(np.radians(apparent_longitude)))
    y = np.tan(obliquity / 2.0) ** 2
    l0 = np.radians(mean_longitude)
    equation_of_time = 4.0 * np.degrees(
        y * np.sin(2 * l0)
        - 2 * eccentricity * np.sin(anomaly)
        + 4 * eccentricity * y * np.sin(anomaly) * np.cos(2 * l0)
        - 0.5 * y * y * np.sin(4 * l0)
        - 1.25 * eccentricity * eccentricity * np.sin(2 * anomaly)
    )
    return np.mod(apparent_longitude, 360.0), declination, equation_of_time


def atmospheric_refraction(elevation):
    """NOAA's approximate refraction correction (degrees) for a true elevation in degrees."""
    e = np.asarray(elevation, dtype=np.float64)
    t = np.tan(np.radians(np.where(np.abs(e) < 1e-6, 1e-6, e)))
    high = 58.1 / t - 0.07 / t**3 + 0.000086 / t**5
    near = 1735.0 + e * (-518.2 + e * (103.4 + e * (-12.79 + e * 0.711)))
    below = -20.772 / t
    arcsec = np.where(e > 85.0, 0.0, np.where(e > 5.0, high, np.where(e > -0.575, near, below)))
    return arcsec / 3600.0


def winter_solstice(year, timezone="Asia/Seoul"):
    """The local calendar day of the December solstice (동지): when the sun's apparent longitude reaches 270°."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidDate(f"the NOAA solar algorithm covers {FIRST_YEAR}–{LAST_YEAR}, not {year}")
    start = dt.datetime(year, 12, 18, tzinfo=dt.UTC)
    hours = np.arange(24 * 8, dtype=np.float64)
    julian_day = (start.timestamp() + hours * 3600.0) / 86400.0 + UNIX_EPOCH_JD
    longitude = _sun(julian_day)[0]
    k = int(np.flatnonzero((longitude[:-1] < 270.0) & (longitude[1:] >= 270.0))[0])
    fraction = (270.0 - longitude[k]) / (longitude[k + 1] - longitude[k])
    instant = start + dt.timedelta(hours=k + fraction)
    return instant.astimezone(ZoneInfo(timezone)).date()
