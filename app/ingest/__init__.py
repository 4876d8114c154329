"""From a new article to candidate records an editor confirms: sentences, dates, figures, names,
speakers and types found by rules that say why, matched against what Parley already holds."""
