"""Actors: states, bodies and people."""
