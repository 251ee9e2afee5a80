"""The digital twin: buildings, terrain, scenarios and simulation runs."""
