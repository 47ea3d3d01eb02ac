"""Benchmarks and harnesses: kept apart from the product packages (nothing in the app imports them)."""
