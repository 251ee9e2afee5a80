"""Limits shared by the readers, the models and the API: what a plausible building is."""

MAX_HEIGHT_M = 600.0  # taller than any building in Korea (Lotte World Tower: 555 m); above it, the data is wrong
DEFAULT_STOREY_HEIGHT_M = 3.3  # one storey, for heights estimated from floors
MAX_FLOORS = 300
SOURCE_ID_MAX_LENGTH = 100
