import datetime as dt

import orjson

from app.events.service import KEYSET
from bench.lean import page_body


def test_a_full_page_carries_the_cursor_parley_would_issue() -> None:
    rows = [
        (dt.date(2024, 5, 3), 3, '{"id":3}'),
        (dt.date(2024, 5, 2), 2, '{"id":2}'),
        (dt.date(2024, 5, 1), 1, '{"id":1}'),
    ]
    body = page_body(rows, limit=2, cursor_name=KEYSET.name)
    assert body == (
        b'{"items":[{"id":3},{"id":2}],"next_cursor":'
        + orjson.dumps(KEYSET.encode([dt.date(2024, 5, 2), 2]))
        + b"}"
    )


def test_the_last_page_has_no_cursor() -> None:
    body = page_body([(dt.date(2024, 5, 1), 1, '{"id":1}')], limit=2, cursor_name="events")
    assert body == b'{"items":[{"id":1}],"next_cursor":null}'
