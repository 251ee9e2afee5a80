"""Aerodynamic roughness length z0 and zero-plane displacement zd from urban form (morphometric methods).

Macdonald, Griffiths & Hall (1998), "An improved method for the estimation of
surface roughness of obstacle arrays", Atmospheric Environment 32(11),
1857–1864:

    zd / H = 1 + α^(−λp) · (λp − 1)
    z0 / H = (1 − zd/H) · exp( −[ 0.5 · β · (C_D / κ²) · (1 − zd/H) · λf ]^(−1/2) )

with H the (area-weighted) mean building height, C_D = 1.2 the drag
coefficient of an obstacle, κ = 0.4 von Kármán's constant, and the constants
the paper fits to wind-tunnel cube arrays: α = 4.43, β = 1.0 for staggered
arrays (the defaults here) and α = 3.59, β = 0.55 for square (aligned) arrays.
The same equations, with the staggered constants, are coded in SUEWS
(``SUEWS_RoughnessParameters``) and UMEP's morphometric calculator.

Grimmond & Oke (1999), "Aerodynamic properties of urban areas derived from
analysis of surface form", J. Appl. Meteorol. 38, 1262–1292: the rule of
thumb zd = fd · H, z0 = f0 · H with fd = 0.7 and f0 = 0.1.

Where there are no buildings (H = 0 or λp = 0) both methods return 0: the
caller adds the roughness of open ground if it needs it. With λf = 0 (a cell
whose façades all run along the wind) Macdonald's z0 is 0.
"""

import numpy as np

STAGGERED = {"alpha": 4.43, "beta": 1.0}
SQUARE = {"alpha": 3.59, "beta": 0.55}
DRAG_COEFFICIENT = 1.2
KARMAN = 0.4
RULE_OF_THUMB = {"fd": 0.7, "f0": 0.1}


def macdonald(
    lambda_p,
    lambda_f,
    height,
    *,
    alpha=STAGGERED["alpha"],
    beta=STAGGERED["beta"],
    drag=DRAG_COEFFICIENT,
    karman=KARMAN,
):
    """(z0, zd) in metres. ``lambda_f`` may carry a leading direction axis; the others broadcast against it."""
    lambda_p = np.clip(np.asarray(lambda_p, dtype=np.float64), 0.0, 1.0)
    lambda_f = np.asarray(lambda_f, dtype=np.float64)
    height = np.asarray(height, dtype=np.float64)
    built = (height > 0) & (lambda_p > 0)
    zd_ratio = np.where(built, 1.0 + alpha ** (-lambda_p) * (lambda_p - 1.0), 0.0)
    exponent_base = 0.5 * beta * (drag / karman**2) * (1.0 - zd_ratio) * lambda_f
    rough = built & (exponent_base > 0)
    with np.errstate(divide="ignore"):
        z0_ratio = np.where(rough, (1.0 - zd_ratio) * np.exp(-1.0 / np.sqrt(np.where(rough, exponent_base, 1.0))), 0.0)
    return z0_ratio * height, zd_ratio * height


def rule_of_thumb(height, *, fd=RULE_OF_THUMB["fd"], f0=RULE_OF_THUMB["f0"]):
    """(z0, zd) in metres from the mean building height alone."""
    height = np.maximum(np.asarray(height, dtype=np.float64), 0.0)
    return f0 * height, fd * height
