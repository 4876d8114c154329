"""Editorial rules every write obeys, whoever writes: figures that add up, one attribution
rule for both sides, prose free of raw EDTF and of quotes the source does not contain."""
