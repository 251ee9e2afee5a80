"""Wind roses: directions with their frequency (%) and mean speed, validated, and Seoul's seasonal defaults.

Directions are meteorological (the wind blows FROM them, degrees clockwise
from north). Frequencies of all directions plus calm must sum to 100 %
(± ``TOLERANCE_PCT``, the rounding of a published table). The defaults live in
``data/seoul_wind_rose.json``, an editable file whose header says where each
number comes from — and which of them are placeholders until the station's own
wind-rose table replaces them.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digital_twin.sim.errors import InvalidWindRose

DEFAULTS = Path(__file__).with_name("data") / "seoul_wind_rose.json"
TOLERANCE_PCT = 0.5
WEIGHTINGS = ("frequency", "frequency_speed")


@dataclass(frozen=True)
class WindRose:
    directions: np.ndarray  # degrees the wind blows from, (D,)
    frequencies: np.ndarray  # % of the time, (D,)
    speeds: np.ndarray  # mean speed when blowing from that direction, m/s, (D,)
    calm: float = 0.0  # % of the time without measurable wind
    name: str = ""

    def __post_init__(self):
        arrays = (self.directions, self.frequencies, self.speeds)
        directions, frequencies, speeds = (np.asarray(a, dtype=np.float64) for a in arrays)
        object.__setattr__(self, "directions", directions % 360.0)
        object.__setattr__(self, "frequencies", frequencies)
        object.__setattr__(self, "speeds", speeds)
        label = f"wind rose {self.name!r}" if self.name else "the wind rose"
        if not (directions.ndim == 1 and directions.shape == frequencies.shape == speeds.shape and len(directions)):
            raise InvalidWindRose(
                f"{label} needs as many frequencies and speeds as directions "
                f"(got {directions.size}, {frequencies.size} and {speeds.size})"
            )
        if not (np.isfinite(directions).all() and np.isfinite(frequencies).all() and np.isfinite(speeds).all()):
            raise InvalidWindRose(f"{label} holds a value that is not a finite number")
        if len(np.unique(np.round(self.directions, 6))) != len(directions):
            raise InvalidWindRose(f"{label} lists a direction twice: {list(directions)}")
        if (frequencies < 0).any() or self.calm < 0 or (speeds < 0).any():
            raise InvalidWindRose(f"{label} has a negative frequency, calm share or speed")
        total = float(frequencies.sum() + self.calm)
        if abs(total - 100.0) > TOLERANCE_PCT:
            raise InvalidWindRose(
                f"the frequencies of {label} sum to {total:.1f} % (directions {frequencies.sum():.1f} % "
                f"+ calm {self.calm:.1f} %), not 100 %",
                total_pct=total,
            )
        if frequencies.sum() <= 0:
            raise InvalidWindRose(f"{label} is all calm: there is no direction to ventilate along", total_pct=total)

    @classmethod
    def from_mapping(cls, data, name=""):
        """From a JSON-like mapping: ``directions_deg``, ``frequency_pct``, ``speed_ms`` and optional ``calm_pct``."""
        try:
            arrays = data["directions_deg"], data["frequency_pct"], data["speed_ms"]
            calm = float(data.get("calm_pct", 0))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidWindRose(f"wind rose {name!r} is malformed: {exc!r}") from exc
        return cls(*arrays, calm, name)

    def weights(self, weighting="frequency"):
        """One weight per direction, summing to 1: by frequency, or by frequency × speed (the wind run)."""
        if weighting not in WEIGHTINGS:
            raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
        raw = self.frequencies * (self.speeds if weighting == "frequency_speed" else 1.0)
        if raw.sum() <= 0:
            raise InvalidWindRose("every direction of the wind rose has zero speed: nothing to weight by")
        return raw / raw.sum()

    @property
    def prevailing(self):
        """The most frequent direction (the first of equals)."""
        return float(self.directions[int(np.argmax(self.frequencies))])


def seoul_seasons(path=DEFAULTS):
    """Names of the seasons in the defaults file."""
    return list(_load(path)["seasons"])


def seoul_wind_rose(season, path=DEFAULTS):
    """The default wind rose of one season ('spring', 'summer', 'autumn', 'winter')."""
    data = _load(path)
    if season not in data["seasons"]:
        raise InvalidWindRose(f"no season {season!r} in {Path(path).name}; there are {list(data['seasons'])}")
    entry = data["seasons"][season]
    return WindRose.from_mapping({"directions_deg": data["directions_deg"], **entry}, name=season)


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
