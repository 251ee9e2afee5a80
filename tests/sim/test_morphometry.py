"""λp, λf per direction and z0/zd: exact values for an isolated cube and for regular cube arrays."""

import numpy as np
import pytest
import shapely

from digital_twin.sim.frontal import directions
from digital_twin.sim.morphometry import morphometry
from digital_twin.sim.roughness import SQUARE, STAGGERED, macdonald, rule_of_thumb

from .scenes import box, footprints, grid


def test_isolated_cube_gives_exact_plan_and_frontal_area_index_for_16_directions():
    side = 20.0  # a 20 m cube in the middle cell of a 100 m grid
    m = morphometry(footprints([box(130, 120, 130 + side, 120 + side)], side), grid(300, 300, 100), 16)
    cell_area = 100.0 * 100.0
    assert m.plan[1, 1] == pytest.approx(side * side / cell_area, abs=1e-15)
    theta = np.radians(directions(16))
    # an axis-aligned square seen from θ is side·(|cos θ| + |sin θ|) wide
    expected = side * (np.abs(np.cos(theta)) + np.abs(np.sin(theta))) * side / cell_area
    np.testing.assert_allclose(m.frontal[:, 1, 1], expected, rtol=1e-12)
    assert m.frontal[:, 1, 1][[0, 4, 8, 12]] == pytest.approx([0.04] * 4)  # N, E, S, W: one face
    assert m.frontal[:, 1, 1][2] == pytest.approx(0.04 * np.sqrt(2))  # NE: two faces, the diagonal
    others = np.ones((3, 3), bool)
    others[1, 1] = False
    assert (m.plan[others] == 0).all() and (m.frontal[:, others] == 0).all()


def test_rotated_cube_has_the_width_of_its_rotated_silhouette():
    angle = np.radians(30.0)  # turned 30° clockwise, like compass bearings (shapely turns counter-clockwise)
    square = shapely.affinity.rotate(box(140, 140, 160, 160), -30.0, origin="centroid")
    m = morphometry(footprints([square], 20.0), grid(300, 300, 100), [0.0, 30.0, 75.0, 200.0])
    theta = np.radians(m.directions) - angle
    expected = 20.0 * (np.abs(np.cos(theta)) + np.abs(np.sin(theta))) * 20.0 / 1e4
    np.testing.assert_allclose(m.frontal[:, 1, 1], expected, rtol=1e-9)  # the rotation rounds coordinates
    assert m.plan[1, 1] == pytest.approx(0.04)


def test_a_facade_crossing_cell_lines_is_shared_by_length():
    # a 50 m long, 10 m high wall-like building from x = 75 to 125 m crosses the 100 m line
    m = morphometry(footprints([box(75, 40, 125, 45)], 10.0), grid(200, 100, 100), [0.0, 180.0])
    # wind from north: the north face, 25 m in each cell
    assert m.frontal[0, 0, :] == pytest.approx([25 * 10 / 1e4, 25 * 10 / 1e4])
    assert m.frontal[1].sum() == pytest.approx(m.frontal[0].sum())


def staggered_cubes(h, pitch, n):
    """Cubes of side h on a square pitch, every other row shifted by half a pitch (a staggered array)."""
    cubes = []
    for row in range(n):
        shift = (pitch / 2) * (row % 2)
        for col in range(n):
            x, y = col * pitch + shift + (pitch - h) / 2, row * pitch + (pitch - h) / 2
            cubes.append(box(x, y, x + h, y + h))
    return cubes


def test_macdonald_for_a_regular_staggered_array_matches_the_published_equations():
    """λp = λf = 0.25 (10 m cubes on a 20 m pitch), read on 40 m cells that each hold exactly four cubes.

    Reference: Macdonald et al. (1998) with their staggered-array constants α = 4.43, β = 1.0, C_D = 1.2,
    κ = 0.4, evaluated by hand: zd/H = 1 − 0.75·4.43^−0.25 = 0.483036;
    z0/H = 0.516964·exp(−(0.5·1.0·(1.2/0.16)·0.516964·0.25)^−0.5) = 0.122921.
    Square-array constants (α = 3.59, β = 0.55): zd/H = 0.455137, z0/H = 0.082590.
    """
    cubes = staggered_cubes(10.0, 20.0, 10)
    g = grid(200, 200, 40)
    staggered = morphometry(footprints(cubes, 10.0), g, [0.0, 90.0])
    inner = (slice(1, 4), slice(1, 4))  # cells that the half-pitch shift does not cut at the array's rim
    assert staggered.plan[inner] == pytest.approx(np.full((3, 3), 0.25))
    assert staggered.frontal[0][inner] == pytest.approx(np.full((3, 3), 0.25))
    assert staggered.rasters.weighted_mean_height[inner] == pytest.approx(np.full((3, 3), 10.0))
    assert staggered.zd[inner] == pytest.approx(np.full((3, 3), 4.83036), abs=1e-4)
    assert staggered.z0[0][inner] == pytest.approx(np.full((3, 3), 1.22921), abs=1e-4)
    square = morphometry(footprints(cubes, 10.0), g, [0.0], **SQUARE)
    assert square.zd[2, 2] == pytest.approx(4.55137, abs=1e-4)
    assert square.z0[0, 2, 2] == pytest.approx(0.82590, abs=1e-4)


def test_macdonald_limits_and_the_shape_of_its_curve():
    lam = np.linspace(0.0, 1.0, 1001)
    z0, zd = macdonald(lam, lam, np.ones_like(lam), **STAGGERED)
    assert zd[0] == 0.0 and zd[-1] == pytest.approx(1.0)  # no obstacles → zd = 0; a solid roof → zd = H
    assert z0[0] == 0.0 and z0[-1] == pytest.approx(0.0)
    assert (np.diff(zd) > 0).all()  # displacement grows with density
    peak = lam[np.argmax(z0)]
    # one maximum near λ ≈ 0.17 with z0/H ≈ 0.135 (the known shape of Macdonald's staggered-array curve)
    assert 0.12 < peak < 0.22 and 0.12 < z0.max() < 0.15
    assert (np.diff(z0[lam <= peak]) > 0).all() and (np.diff(z0[lam >= peak]) < 0).all()
    no_frontal, _ = macdonald(0.3, 0.0, 10.0)
    assert no_frontal == 0.0


def test_rule_of_thumb_of_grimmond_and_oke():
    z0, zd = rule_of_thumb(np.array([0.0, 10.0, 35.0]))
    assert z0 == pytest.approx([0.0, 1.0, 3.5]) and zd == pytest.approx([0.0, 7.0, 24.5])
    m = morphometry(footprints([box(0, 0, 20, 20)], 30.0), grid(100, 100, 100), 8, method="rule_of_thumb")
    assert m.zd[0, 0] == pytest.approx(21.0) and m.z0.shape == (8, 1, 1) and (m.z0 == 3.0).all()
    with pytest.raises(ValueError, match="method must be one of"):
        morphometry(footprints([box(0, 0, 20, 20)], 30.0), grid(100, 100, 100), 8, method="bottema")
