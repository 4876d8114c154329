"""Territorial claims: always attributed, never stated as fact."""
