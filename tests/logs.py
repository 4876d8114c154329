"""Every log record of the test run, kept so that the run can be searched for secrets."""

import logging
import re

SECRETS = re.compile(
    r"pk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"  # an API key
    r"|Bearer\s+\S{20,}"  # a credential as sent
    r"|postgres(?:ql)?(?:\+\w+)?://[^/\s:@]+:[^/\s@]+@"  # a database URL with its password
)


class Kept(logging.Handler):
    """Keeps each record as its message and every attribute it carries, as one string."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.getMessage()} {vars(record)!r}")

    def secrets(self) -> list[str]:
        return [match.group(0) for line in self.lines for match in SECRETS.finditer(line)]
