"""The exceptions every simulation kernel raises for bad input, so that a job can tell a planner what to change.

Each is a ``ValueError`` (bad input, not a bug) carrying the numbers that made
it fail as attributes, so that the pages can word the message in Korean or
English without parsing the English text.
"""


class SimulationInputError(ValueError):
    """Base class: the request cannot be computed as given."""


class InvalidBuildings(SimulationInputError):
    """Footprints that are not polygons, heights that are missing, negative or not finite."""


class EmptyBuildings(SimulationInputError):
    """No building at all, or none inside the study area."""

    def __init__(self, message, *, total=0):
        super().__init__(message)
        self.total = total


class InvalidGrid(SimulationInputError):
    """A grid with a non-positive cell size or no cells, or two results on different grids."""


class GridTooLarge(SimulationInputError):
    """The study area holds too many cells, or needs too much memory, at the requested resolution."""

    def __init__(self, message, *, cells, bytes_needed, max_cells, max_bytes, suggested_cell_size):
        super().__init__(message)
        self.cells = cells
        self.bytes_needed = bytes_needed
        self.max_cells = max_cells
        self.max_bytes = max_bytes
        self.suggested_cell_size = suggested_cell_size


class InvalidDate(SimulationInputError):
    """A date that is not a calendar date, or outside the years the solar algorithm covers."""


class InvalidTimeWindow(SimulationInputError):
    """A time window that ends before it starts, or whose step does not divide it."""


class InvalidWindRose(SimulationInputError):
    """A wind rose whose frequencies do not sum to 100 %, or with impossible directions or speeds."""

    def __init__(self, message, *, total_pct=None):
        super().__init__(message)
        self.total_pct = total_pct
