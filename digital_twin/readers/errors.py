"""Errors of the building and terrain readers: each message says what is wrong and what to do about it."""


class TwinFileError(ValueError):
    """The file cannot be imported; the message is for the planner who brought it."""


class UnknownFormat(TwinFileError):
    """Not a format the digital twin reads."""


class FieldMapError(TwinFileError):
    """The field map does not fit the file's columns, or is not a valid field map."""


class BadBuildings(TwinFileError):
    """Some buildings are unusable (invalid footprint, implausible height, duplicate id); lists the first ones."""

    def __init__(self, problems, total):
        self.problems, self.total = list(problems), total
        listed = "; ".join(self.problems)
        more = f" (and {total - len(self.problems)} more)" if total > len(self.problems) else ""
        super().__init__(f"{total} buildings cannot be imported: {listed}{more}.")


class TerrainError(TwinFileError):
    """The DEM cannot be used: no CRS, no data, or it does not overlap the buildings."""
