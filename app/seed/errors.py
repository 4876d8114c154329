"""The one error a seed run raises for bad seed files."""


class SeedError(Exception):
    """The seed files cannot be loaded as they are; the message says where and why."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")
