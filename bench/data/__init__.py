"""Benchmark data: a realistic, deterministic corpus of N events (corpus.py and the modules it
draws on), loaded into PostgreSQL with COPY (load.py). Run it as `python -m bench.generate N`."""
