"""One stream of what happened: events, claims and outcomes, in date order."""
