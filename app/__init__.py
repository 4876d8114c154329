"""Parley: a cited timeline of prisoner exchanges, negotiations and territorial claims."""
