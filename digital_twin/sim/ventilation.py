"""Corridors for a whole wind rose: each direction's corridors, combined by how often the wind blows that way.

For every direction of a ``WindRose`` the corridors are extracted as in
``corridors``; the rose then weighs them: the combined corridor potential is
the weighted mean of the directions' potentials (weights by frequency, or by
frequency × speed — the wind run — on request), and the corridor frequency of
a cell is the share of the time (%) the wind blows along a corridor through
it, ``Σ_d f_d · [cell on a corridor for d]`` (calm counts as no corridor).
"""

from dataclasses import dataclass

import numpy as np

from digital_twin.sim.corridors import DEFAULT, corridors


@dataclass(frozen=True)
class RoseCorridors:
    rose: object
    weighting: str
    by_direction: dict  # direction (degrees) -> CorridorResult
    potential: np.ndarray  # weighted mean corridor potential, 0–1
    frequency: np.ndarray  # % of the time a corridor runs through the cell

    @property
    def grid(self):
        return next(iter(self.by_direction.values())).grid

    def weighted_length_m(self):
        """Corridor length expected at a random moment: Σ_d f_d/100 · (total length of d's corridors)."""
        return float(sum(f / 100.0 * self.by_direction[d].total_length_m for d, f in self._frequencies()))

    def _frequencies(self):
        return zip((float(d) for d in self.rose.directions), self.rose.frequencies, strict=True)


def rose_corridors(morph, rose, parameters=DEFAULT, weighting="frequency"):
    """Corridors for every direction of ``rose`` (``morph`` must hold each of them) and their combination."""
    weights = rose.weights(weighting)
    by_direction = {float(d): corridors(morph, d, parameters) for d in rose.directions}
    results = list(by_direction.values())
    potential = sum(w * r.potential for w, r in zip(weights, results, strict=True))
    frequency = sum(f * r.mask for f, r in zip(rose.frequencies, results, strict=True))
    return RoseCorridors(rose, weighting, by_direction, potential, np.asarray(frequency, dtype=np.float64))
