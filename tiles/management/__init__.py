"""Management commands of the tile app."""
