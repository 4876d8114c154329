"""Search across every kind of record, ranked."""
