"""Errors. One base, one subclass per kind of failure::

    NewsledgerError
     ├── IngestError     an input (file, URL, line) cannot be used; the batch goes on
     ├── LexiconError    a data file is missing or malformed
     ├── StoreError      the database cannot be opened or written
     ├── ExportError     an export cannot be written
     ├── StoryError      no such story, or none named where several exist
     └── FetchError      a feed or a webhook could not be reached or read; the watch goes on
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""


class IngestError(NewsledgerError):
    """An input that cannot be used. ``source`` names it; the message is one line."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class LexiconError(NewsledgerError):
    """A lexicon data file is missing or malformed."""


class StoreError(NewsledgerError):
    """The database cannot be opened or written."""


class ExportError(NewsledgerError):
    """An export cannot be written."""


class StoryError(NewsledgerError):
    """A story named on the command line does not exist, or none was named where several do."""


class FetchError(NewsledgerError):
    """A feed, page or webhook that could not be reached or read. ``source`` names it; the message is one line."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
