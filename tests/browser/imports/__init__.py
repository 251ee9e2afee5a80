"""Browser tests of the import pages."""
