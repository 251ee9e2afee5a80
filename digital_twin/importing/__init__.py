"""Importing building files and DEMs into the digital twin: all or nothing, in chunks, with progress."""
