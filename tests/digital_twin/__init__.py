"""Tests of the digital twin: the demo city generator and the building stock."""
