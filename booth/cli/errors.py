"""`CliError`: how every door says it cannot go on, as one line on stderr and an exit code.

A module of its own so the subcommands and the kiosk launcher can raise it without importing the
`booth.cli` package entry point, which imports them (a circle before).
"""

from __future__ import annotations


class CliError(Exception):
    """A failure to report as one line on stderr with an exit code, never a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
