"""Tests of the benchmarks' pure parts (data generators, tile lists); no server is started, no time asserted."""
