"""Date labels: every EDTF form reads as words, never as EDTF."""

import pytest

from app.dates import edtf_bounds
from app.editorial.prose import raw_edtf


@pytest.mark.parametrize(
    ("edtf", "label"),
    [
        ("2025-05-23", "23 May 2025"),
        ("2025-05", "May 2025"),
        ("2025", "2025"),
        ("2022-23", "autumn 2022"),
        ("2025-21", "spring 2025"),
        ("2025-24", "winter 2025"),
        ("2025-33", "the first quarter of 2025"),
        ("2025-40", "the first half of 2025"),
        ("2024~", "about 2024"),
        ("2025-05-16~", "about 16 May 2025"),
        ("2024?", "possibly 2024"),
        ("2024%", "possibly about 2024"),
        ("2004-06~-11", "about 11 June 2004"),
        ("2025-05-XX", "May 2025"),
        ("202X", "the 2020s"),
        ("2025-05-16/2025-05-23", "16\u201323 May 2025"),
        ("2025-05-16/2025-06-02", "16 May \u2013 2 June 2025"),
        ("2025-05/2025-06", "May\u2013June 2025"),
        ("2022/2024", "2022\u20132024"),
        ("2024-12-30/2025-01-02", "30 December 2024 \u2013 2 January 2025"),
        ("2025-05-24/2025-05-30~", "24 May to about 30 May 2025"),
        ("2025-05-16?/2025-05-23", "possibly 16 May to 23 May 2025"),
        ("[2025-04-19, 2025-04-20]", "19 or 20 April 2025"),
        ("{2025-04-19, 2025-05-20}", "19 April 2025 and 20 May 2025"),
        ("[2025-04-19..2025-04-22]", "between 19 April 2025 and 22 April 2025"),
    ],
)
def test_label(edtf: str, label: str) -> None:
    assert edtf_bounds(edtf).label == label
    assert raw_edtf(label) == []
