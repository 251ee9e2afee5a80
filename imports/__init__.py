"""Readers and writers for the files users bring; CRS and encoding detection."""
