"""The seed: source articles, gazetteers and curation files become cited, flagged rows."""
