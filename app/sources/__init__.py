"""Sources and the citations that quote them."""
