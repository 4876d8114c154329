"""Places: countries, regions and cities."""
