"""Benchmarks against peers: print tables, never assert a time."""
