"""Negotiation tracks, their delegations and outcomes."""
