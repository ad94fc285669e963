"""Benchmark harness for delib (not installed; run from the repo root: ``python -m bench.run``)."""
