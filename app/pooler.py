"""Connecting through a pooler in transaction mode that keeps no prepared statements.

Such a pooler (pgbouncer before 1.21) gives each transaction whichever server connection is
free, and a statement outside a transaction may be prepared on one server connection and run
on another. Through it, Parley prepares every statement unnamed, so that nothing is left on a
server connection for another client to collide with or pile up, and each statement it sends
outside a transaction runs in a transaction of its own.
"""

from typing import Any

import asyncpg


class TransactionPooled(asyncpg.Connection):  # type: ignore[misc]
    """An asyncpg connection whose reads outside a transaction each get one, so that preparing
    and running them reach the same server connection."""

    async def fetch(self, query: str, *args: Any, **options: Any) -> Any:
        if self.is_in_transaction():
            return await super().fetch(query, *args, **options)
        async with self.transaction():
            return await super().fetch(query, *args, **options)

    async def fetchrow(self, query: str, *args: Any, **options: Any) -> Any:
        if self.is_in_transaction():
            return await super().fetchrow(query, *args, **options)
        async with self.transaction():
            return await super().fetchrow(query, *args, **options)


def _unnamed() -> str:
    return ""


CONNECT_ARGS: dict[str, Any] = {
    "connection_class": TransactionPooled,
    "statement_cache_size": 0,  # asyncpg's: statements it runs itself go unnamed
    "prepared_statement_cache_size": 0,  # SQLAlchemy's
    "prepared_statement_name_func": _unnamed,
}
"""What `create_engine` adds to its connections through such a pooler."""
