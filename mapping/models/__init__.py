"""Models of the project core: districts, departments, accounts, API tokens and theme maps."""

from .accounts import ApiToken, User
from .districts import Department, District
from .maps import Map

__all__ = ["ApiToken", "Department", "District", "Map", "User"]
