"""Management commands of layers."""
