"""Load and scale benchmarks (not part of the test run)."""
