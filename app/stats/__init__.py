"""Figures the dashboard charts: people returned and bodies repatriated, per period and side."""
