"""Benchmarks for `make bench`: not tests, but figures, each beside its floor."""
