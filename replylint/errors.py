"""The one exception tree. The CLI turns any of these into a message and exit code 2."""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "NetworkError", "ReplylintError", "UsageError"]


class ReplylintError(Exception):
    """Base class for every error replylint raises on purpose."""


class InputError(ReplylintError):
    """A file could not be read, decoded or understood (becomes an ``input`` diagnostic)."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        #: What the user can do about it, when it is not the usual "save it as text" advice.
        self.hint = hint


class ConfigError(ReplylintError):
    """A configuration file or value is wrong; the message names the key."""


class UsageError(ReplylintError):
    """The command line asks for something that cannot be done."""


class NetworkError(ReplylintError):
    """A verification service could not be reached or answered with an error."""
